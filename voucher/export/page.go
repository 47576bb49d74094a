package export

import (
	"math"
	"strconv"
)

// ptPerMM is the PDF's unit (the point) per millimetre, the forms' unit.
const ptPerMM = 72.0 / 25.4

// gstate is the part of the graphics state the forms change.
type gstate struct {
	fill, stroke [3]uint8
	lineWidth    float64 // mm
	dash         float64 // mm of dash and of gap; 0 for a solid line
}

// pdfDefault is the graphics state a page's content begins in.
var pdfDefault = gstate{lineWidth: 1 / ptPerMM}

// page is one page's content stream and the graphics state at its end.
type page struct {
	content []byte
	state   gstate
}

// canvas is the pages of a document being drawn, in millimetres from the top left of an
// A4 page. Set* change the state the next drawing uses; each drawing writes into the
// content only the changes it needs.
type canvas struct {
	pages []*page
	cur   *page
	want  gstate
	text  [3]uint8 // colour of text
}

func newCanvas() *canvas {
	return &canvas{want: gstate{lineWidth: 0.2}}
}

// AddPage starts a new page and draws on it.
func (c *canvas) AddPage() {
	c.cur = &page{content: make([]byte, 0, 16<<10), state: pdfDefault}
	c.pages = append(c.pages, c.cur)
}

// PageNo returns the number of the page drawn on, from 1.
func (c *canvas) PageNo() int { return len(c.pages) }

// onPage draws on page n (from 1) from now on, after what it holds.
func (c *canvas) onPage(n int) { c.cur = c.pages[n-1] }

func (c *canvas) SetFillColor(r, g, b uint8) { c.want.fill = [3]uint8{r, g, b} }
func (c *canvas) SetDrawColor(r, g, b uint8) { c.want.stroke = [3]uint8{r, g, b} }
func (c *canvas) SetTextColor(r, g, b uint8) { c.text = [3]uint8{r, g, b} }
func (c *canvas) SetLineWidth(mm float64)    { c.want.lineWidth = mm }

// SetDash sets dashes and gaps of mm millimetres, or a solid line for 0.
func (c *canvas) SetDash(mm float64) { c.want.dash = mm }

// stroking brings the page's stroke colour, line width and dash to the wanted ones.
func (c *canvas) stroking() {
	p, w := c.cur, c.want
	if p.state.stroke != w.stroke {
		p.content = appendColor(p.content, w.stroke, "G", "RG")
		p.state.stroke = w.stroke
	}
	if p.state.lineWidth != w.lineWidth {
		p.content = append(appendNum(p.content, w.lineWidth*ptPerMM), " w\n"...)
		p.state.lineWidth = w.lineWidth
	}
	if p.state.dash != w.dash {
		if w.dash == 0 {
			p.content = append(p.content, "[] 0 d\n"...)
		} else {
			p.content = append(p.content, '[')
			p.content = appendNum(p.content, w.dash*ptPerMM)
			p.content = append(p.content, ' ')
			p.content = append(appendNum(p.content, w.dash*ptPerMM), "] 0 d\n"...)
		}
		p.state.dash = w.dash
	}
}

// filling sets the page's fill colour to rgb.
func (c *canvas) filling(rgb [3]uint8) {
	if p := c.cur; p.state.fill != rgb {
		p.content = appendColor(p.content, rgb, "g", "rg")
		p.state.fill = rgb
	}
}

// Rect draws a rectangle, stroked ("D") or filled with the fill colour and stroked ("FD").
func (c *canvas) Rect(x, y, w, h float64, style string) {
	c.stroking()
	op := " re S\n"
	if style == "FD" {
		c.filling(c.want.fill)
		op = " re B\n"
	}
	c.cur.content = appendPoints(c.cur.content, x*ptPerMM, (pageH-y)*ptPerMM, w*ptPerMM, -h*ptPerMM)
	c.cur.content = append(c.cur.content, op...)
}

// Line strokes a line from (x1, y1) to (x2, y2).
func (c *canvas) Line(x1, y1, x2, y2 float64) {
	c.stroking()
	b := appendPoints(c.cur.content, x1*ptPerMM, (pageH-y1)*ptPerMM)
	b = append(b, " m "...)
	b = appendPoints(b, x2*ptPerMM, (pageH-y2)*ptPerMM)
	c.cur.content = append(b, " l S\n"...)
}

// Circle strokes a circle of radius r about (x, y), as six Bézier curves.
func (c *canvas) Circle(x, y, r float64) {
	c.stroking()
	const segments = 6
	cx, cy, rr := x*ptPerMM, (pageH-y)*ptPerMM, r*ptPerMM
	dt := 2 * math.Pi / segments
	k := dt / 3 * rr // the control points' distance along the tangent
	b := append(appendPoints(c.cur.content, cx+rr, cy), " m\n"...)
	for j := range segments {
		t0, t1 := float64(j)*dt, float64(j+1)*dt
		s0, c0 := math.Sincos(t0)
		s1, c1 := math.Sincos(t1)
		b = appendPoints(b, cx+rr*c0-k*s0, cy+rr*s0+k*c0, cx+rr*c1+k*s1, cy+rr*s1-k*c1, cx+rr*c1, cy+rr*s1)
		b = append(b, " c\n"...)
	}
	c.cur.content = append(b, "S\n"...)
}

// showText writes codes (two bytes each) in font /F<font> at size pt with the baseline
// starting at (x, base), in the text colour.
func (c *canvas) showText(font int, size, x, base float64, codes []byte) {
	c.filling(c.text)
	b := append(c.cur.content, "BT /F"...)
	b = strconv.AppendInt(b, int64(font), 10)
	b = append(b, ' ')
	b = append(appendNum(b, size), " Tf "...)
	b = append(appendPoints(b, x*ptPerMM, (pageH-base)*ptPerMM), " Td ("...)
	for _, ch := range codes {
		switch ch {
		case '(', ')', '\\':
			b = append(b, '\\', ch)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, ch)
		}
	}
	c.cur.content = append(b, ") Tj ET\n"...)
}

// appendColor appends the operator setting a colour: gray if r = g = b.
func appendColor(b []byte, rgb [3]uint8, gray, color string) []byte {
	if rgb[0] == rgb[1] && rgb[1] == rgb[2] {
		b = append(appendNum3(b, float64(rgb[0])/255), ' ')
		return append(append(b, gray...), '\n')
	}
	for _, v := range rgb {
		b = append(appendNum3(b, float64(v)/255), ' ')
	}
	return append(append(b, color...), '\n')
}

// appendPoints appends vs separated by spaces.
func appendPoints(b []byte, vs ...float64) []byte {
	for i, v := range vs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, v)
	}
	return b
}

// appendNum appends v with two decimals at most, as the content's coordinates are written.
func appendNum(b []byte, v float64) []byte { return appendFixed(b, v, 2) }

func appendNum3(b []byte, v float64) []byte { return appendFixed(b, v, 3) }

// appendFixed appends v with prec decimals, without trailing zeros.
func appendFixed(b []byte, v float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if len(b)-start == 2 && b[start] == '-' && b[start+1] == '0' {
		b = append(b[:start], '0')
	}
	return b
}
