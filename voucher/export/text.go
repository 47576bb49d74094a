package export

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
)

// cutFont is a cut of one font of the chain (see [Font.cut]), registered with one
// document's PDF.
type cutFont struct {
	family string
	codes  map[rune]rune // character → code in the cut
	size   int           // how many characters the chain had noted for it
}

// labelRunes are the characters of the forms' own labels, headings and furniture beyond
// ASCII (the string literals of layout.go, forms.go and render.go), which every cut of the
// form's font holds with ASCII, so that a form is laid out once. A label character missing
// here costs a second layout, not a wrong form; TestLabelRunesCoverTheLabels keeps it
// complete.
const labelRunes = "·、。一七三不业二五产人代件价任企会估位使信元兑六共关内况准出创别券前务动协单及" +
	"发号合同名和品四回填如子字定实审容导年序应态总息情意愿成或所打承技报担授描效文料新施无日时明暂月" +
	"有服期本机权材构果核款止法活版状环现用申电盖目相真码确社票科称章第等签算箱类系组织结统续编联自至" +
	"节行表见计订议论证话请诺责起述邮金银间附际页项预额验（），："

// addMainFont registers, as the family "cjk", a cut of the form's font holding printable
// ASCII (for the numbers, dates and codes the forms format), the labels' characters and
// every character the chain has noted for it.
// fpdf parses the font it is given when it is added and again when the PDF is written, so
// the whole font (3 MB, 30,000 characters) cost every form tens of milliseconds; a form
// uses a few hundred characters.
func (d *doc) addMainFont() {
	f := d.chain.fonts[0]
	for r := rune(' '); r <= '~'; r++ {
		if f.Has(r) {
			d.chain.main[r] = struct{}{}
		}
	}
	for _, r := range labelRunes {
		if f.Has(r) {
			d.chain.main[r] = struct{}{}
		}
	}
	d.mainSize = len(d.chain.main)
	ttf, _, err := f.cut(sortedRunes(d.chain.main))
	if err != nil {
		d.fail(err)
		return
	}
	d.pdf.AddUTF8FontFromBytes("cjk", "", ttf)
}

func sortedRunes(set map[rune]struct{}) []rune {
	runes := make([]rune, 0, len(set))
	for r := range set {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	return runes
}

// fail keeps err if it is the first error of the document.
func (d *doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// addCuts registers a cut of each font of the chain holding the characters noted for it.
func (d *doc) addCuts() {
	d.cuts = make([]*cutFont, len(d.chain.fonts))
	for i, set := range d.chain.cut {
		if len(set) == 0 {
			continue
		}
		ttf, codes, err := d.chain.fonts[i].cut(sortedRunes(set))
		if err != nil {
			d.fail(err)
			continue
		}
		family := fmt.Sprintf("cut%d", i)
		d.pdf.AddUTF8FontFromBytes(family, "", ttf)
		d.cuts[i] = &cutFont{family: family, codes: codes, size: len(set)}
	}
}

// stale reports whether a character was drawn through a cut made before it was noted.
func (d *doc) stale() bool {
	if len(d.chain.main) != d.mainSize {
		return true
	}
	for i, set := range d.chain.cut {
		if len(set) > 0 && (i >= len(d.cuts) || d.cuts[i] == nil || d.cuts[i].size != len(set)) {
			return true
		}
	}
	return false
}

// run is a stretch of text drawn in one font of the chain, directly or through its cut.
type run struct {
	font int // index in the chain, -1 for characters no font has
	cut  bool
	text string
}

// runs splits s into runs, each character in the first font of the chain that has it.
func (d *doc) runs(s string) []run {
	var out []run
	var cur run
	start := 0
	for i, r := range s {
		fi := d.chain.index(r)
		k := run{font: fi, cut: fi >= 0 && viaCut(fi, r)}
		if i > 0 && (k.font != cur.font || k.cut != cur.cut) {
			cur.text = s[start:i]
			out = append(out, cur)
			start = i
		}
		cur = k
	}
	if start < len(s) {
		cur.text = s[start:]
		out = append(out, cur)
	}
	return out
}

// draw writes s with its baseline at (x, base) in size pt, which with the main font is the
// current font: each run in the first font of the chain that has its characters. Text the
// main font draws whole is written as before fallbacks existed, byte for byte.
func (d *doc) draw(x, base float64, s string, size float64) {
	main, err := d.chain.check("label", s)
	if err != nil && d.err == nil {
		d.err = err
	}
	if main {
		d.pdf.Text(x, base, s)
		return
	}
	for _, rn := range d.runs(s) {
		d.drawRun(x, base, rn, size)
		x += d.width(rn.text, size)
	}
	d.pdf.SetFont("cjk", "", size)
}

// drawRun writes one run. A run through a cut is written in the cut's codes; where those
// are Private Use Area codes standing for characters outside the BMP, a marked-content
// span gives the real text as ActualText, which text extraction and search read instead of
// the codes.
func (d *doc) drawRun(x, base float64, rn run, size float64) {
	switch {
	case rn.font < 0:
		return // an error already
	case !rn.cut:
		d.pdf.SetFont("cjk", "", size)
		d.pdf.Text(x, base, rn.text)
		return
	}
	if rn.font >= len(d.cuts) || d.cuts[rn.font] == nil {
		return // stale: drawn again on a second pass
	}
	c := d.cuts[rn.font]
	var b strings.Builder
	outside := false
	for _, r := range rn.text {
		code, ok := c.codes[r]
		if !ok {
			return // stale
		}
		b.WriteRune(code)
		outside = outside || r > 0xFFFF
	}
	d.pdf.SetFont(c.family, "", size)
	if outside {
		d.pdf.RawWriteStr("/Span <</ActualText <FEFF" + utf16Hex(rn.text) + ">>> BDC")
	}
	d.pdf.Text(x, base, b.String())
	if outside {
		d.pdf.RawWriteStr("EMC")
	}
}

// utf16Hex returns s in UTF-16BE as hexadecimal digits, for a PDF text string.
func utf16Hex(s string) string {
	units := utf16.Encode([]rune(s))
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		b = append(b, byte(u>>8), byte(u))
	}
	return strings.ToUpper(hex.EncodeToString(b))
}
