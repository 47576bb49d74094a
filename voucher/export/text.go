package export

import (
	"encoding/hex"
	"strings"
	"unicode/utf16"
)

// fail keeps err if it is the first error of the document.
func (d *doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// run is a stretch of text drawn in one font of the chain.
type run struct {
	font int // index in the chain, -1 for characters no font has
	text string
}

// runs splits s into runs, each character in the first font of the chain that has it.
func (d *doc) runs(s string) []run {
	var out []run
	cur, start := -2, 0
	for i, r := range s {
		fi := d.chain.index(r)
		if i > 0 && fi != cur {
			out = append(out, run{cur, s[start:i]})
			start = i
		}
		cur = fi
	}
	if start < len(s) {
		out = append(out, run{cur, s[start:]})
	}
	return out
}

// draw writes s with its baseline at (x, base) in size pt: each run in the first font of
// the chain that has its characters, measured in that font. A character no font has is
// the document's error (the forms check their fields before they are laid out).
func (d *doc) draw(x, base float64, s string, size float64) {
	if err := d.chain.check("label", s); err != nil {
		d.fail(err)
		return
	}
	s = d.chain.printable(s)
	for _, rn := range d.runs(s) {
		d.drawRun(x, base, rn, size)
		x += d.width(rn.text, size)
	}
}

// drawRun writes one run, in its font's codes for this document.
func (d *doc) drawRun(x, base float64, rn run, size float64) {
	if rn.font < 0 {
		return // an error already
	}
	for len(d.fonts) <= rn.font {
		d.fonts = append(d.fonts, nil)
	}
	f := d.fonts[rn.font]
	if f == nil {
		f = newDocFont(d.chain.fonts[rn.font])
		d.fonts[rn.font] = f
	}
	codes := d.codes[:0]
	for _, r := range rn.text {
		c := f.code(r)
		codes = append(codes, byte(c>>8), byte(c))
	}
	d.codes = codes
	d.pdf.showText(rn.font, size, x, base, codes)
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
