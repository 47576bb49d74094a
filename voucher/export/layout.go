package export

// cell is one box of a row: a width in mm, its text, and whether it is a label (shaded).
type cell struct {
	w     float64
	text  string
	label bool
	align byte // 'L' (default), 'C' or 'R'
	size  float64
}

func lbl(w float64, s string) cell { return cell{w: w, text: s, label: true} }
func val(w float64, s string) cell { return cell{w: w, text: s} }
func num(w float64, s string) cell { return cell{w: w, text: s, align: 'R'} }

// pageRoom is the height a continuation page holds below its running title.
const pageRoom = bodyBottom - marginTop - 6

// row draws cells side by side, as tall as the tallest, starting a new page first if the
// row does not fit. Rows are for short values; long text goes through textBlock.
func (d *doc) row(cells ...cell) { d.rowUnder(nil, cells...) }

// rowUnder draws cells as row does. A row taller than a page is split instead: each page
// holds as many of its lines as fit, each part boxed, and head (when not nil) is drawn
// again at the top of every page the row continues on.
func (d *doc) rowUnder(head func(), cells ...cell) {
	wrapped := make([][]string, len(cells))
	lines := 1
	for i, c := range cells {
		wrapped[i] = d.wrap(c.text, c.fontSize(), c.w-2*cellPad)
		lines = max(lines, len(wrapped[i]))
	}
	if h := float64(lines)*lineH + 2*cellPad; h <= pageRoom {
		d.ensure(h)
		d.rowPart(cells, wrapped, 0, lines)
		return
	}
	for from := 0; from < lines; {
		room := int((bodyBottom - d.y - 2*cellPad) / lineH)
		if room >= 1 {
			n := min(room, lines-from)
			d.rowPart(cells, wrapped, from, n)
			from += n
			if from == lines {
				return
			}
		}
		d.newPage()
		if head != nil {
			head()
		}
	}
}

// rowPart draws lines [from, from+n) of the wrapped cells as one boxed row.
func (d *doc) rowPart(cells []cell, wrapped [][]string, from, n int) {
	h := float64(n)*lineH + 2*cellPad
	x := marginX
	for i, c := range cells {
		size := c.fontSize()
		style := "D"
		if c.label {
			d.pdf.SetFillColor(labelFill, labelFill, labelFill)
			style = "FD"
		}
		d.pdf.Rect(x, d.y, c.w, h, style)
		part := wrapped[i][min(from, len(wrapped[i])):min(from+n, len(wrapped[i]))]
		for j, ln := range part {
			tx := x + cellPad
			switch c.align {
			case 'R':
				tx = x + c.w - cellPad - d.width(ln, size)
			case 'C':
				tx = x + (c.w-d.width(ln, size))/2
			}
			d.text(tx, d.y+cellPad+float64(j)*lineH+(lineH-size*ptToMM)/2, ln, size)
		}
		x += c.w
	}
	d.y += h
}

// fontSize is the cell's size in pt: bodySize unless set.
func (c cell) fontSize() float64 {
	if c.size == 0 {
		return bodySize
	}
	return c.size
}

// section draws a shaded heading row across the page, kept with at least one row after it.
func (d *doc) section(title string) {
	h := lineH + 2*cellPad
	d.ensure(2 * h)
	d.pdf.SetFillColor(sectionFill, sectionFill, sectionFill)
	d.pdf.Rect(marginX, d.y, contentW, h, "FD")
	d.text(marginX+cellPad, d.y+cellPad+(lineH-bodySize*ptToMM)/2, title, bodySize)
	d.y += h
}

// textBlock draws a labelled block of long text across the page width, continuing on as
// many pages as it needs; each page's part is boxed, and a continuation repeats the label.
func (d *doc) textBlock(label, text string) {
	d.section(label)
	lines := d.wrap(text, bodySize, contentW-2*cellPad)
	for len(lines) > 0 {
		room := int((bodyBottom - d.y - 2*cellPad) / lineH)
		if room < 1 {
			d.newPage()
			d.section(label + continuedLabel)
			continue
		}
		n := min(room, len(lines))
		h := float64(n)*lineH + 2*cellPad
		d.pdf.Rect(marginX, d.y, contentW, h, "D")
		for i, ln := range lines[:n] {
			d.text(marginX+cellPad, d.y+cellPad+float64(i)*lineH+(lineH-bodySize*ptToMM)/2, ln, bodySize)
		}
		d.y += h
		lines = lines[n:]
		if len(lines) > 0 {
			d.newPage()
			d.section(label + continuedLabel)
		}
	}
}

// table draws a header row and data rows, repeating the header on each new page.
func (d *doc) table(widths []float64, header []string, rows [][]cell) {
	head := func() {
		cs := make([]cell, len(header))
		for i, h := range header {
			cs[i] = cell{w: widths[i], text: h, label: true, align: 'C'}
		}
		d.row(cs...)
	}
	head()
	for _, r := range rows {
		for i := range r {
			r[i].w = widths[i]
		}
		before := d.pdf.PageNo()
		h := d.rowHeight(r)
		if h > pageRoom { // split by rowUnder: it starts where two of its lines fit
			h = 2*lineH + 2*cellPad
		}
		if d.ensure(h) && d.pdf.PageNo() != before {
			head()
		}
		d.rowUnder(head, r...)
	}
}

func (d *doc) rowHeight(cells []cell) float64 {
	h := lineH + 2*cellPad
	for _, c := range cells {
		h = max(h, float64(len(d.wrap(c.text, c.fontSize(), c.w-2*cellPad)))*lineH+2*cellPad)
	}
	return h
}

// signatures draws the 签字 and 盖章 boxes side by side, each with a date line.
func (d *doc) signatures(signer, stamp string) {
	const h = 46.0
	d.y += 4
	d.ensure(h)
	half := contentW / 2
	for i, label := range []string{signer, stamp} {
		x := marginX + float64(i)*half
		d.pdf.Rect(x, d.y, half, h, "D")
		d.text(x+3, d.y+3, label, bodySize)
		if i == 1 {
			d.pdf.SetDash(1.2)
			d.pdf.Circle(x+half/2, d.y+22, 15)
			d.pdf.SetDash(0)
		}
		d.text(x+half-62, d.y+h-9, "日期：        年        月        日", bodySize)
	}
	d.y += h
}
