package export

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// docFont is one font of the chain as one document draws with it: each character it
// draws has a code, from 1 in the order first drawn, which is also the character's glyph
// in the cut of the font the PDF embeds ([Font.cut]). The PDF's font is a Type0 font with
// Identity-H encoding and an identity CIDToGIDMap, so a code is a glyph for the reader, and
// a ToUnicode map gives every code its character back, outside the BMP too, for copying
// and text extraction.
type docFont struct {
	font  *Font
	codes map[rune]uint16
	runes []rune // by code - 1
}

func newDocFont(f *Font) *docFont {
	return &docFont{font: f, codes: make(map[rune]uint16, 256), runes: make([]rune, 0, 256)}
}

// code returns the code of r, giving it the next one if it has none.
func (f *docFont) code(r rune) uint16 {
	if c, ok := f.codes[r]; ok {
		return c
	}
	f.runes = append(f.runes, r)
	c := uint16(len(f.runes))
	f.codes[r] = c
	return c
}

// fontObjects is how many objects [docFont.write] writes.
const fontObjects = 5

// write writes the font as objects first to first+4: the Type0 font, its CIDFontType2
// descendant, the font descriptor, the cut font file and the ToUnicode map. tag is the
// six capital letters naming the subset.
func (f *docFont) write(w *pdfWriter, first int, tag string) error {
	if len(f.runes) > 0xFFFE {
		return errFont("more than 65,534 characters in one font")
	}
	ttf, err := f.font.cut(f.runes)
	if err != nil {
		return err
	}
	t := f.font.metrics
	name := "/" + tag + "+" + pdfName(f.font.name)
	w.object(first, "<< /Type /Font /Subtype /Type0 /BaseFont "+name+" /Encoding /Identity-H /DescendantFonts ["+
		ref(first+1)+"] /ToUnicode "+ref(first+4)+" >>")
	b := make([]byte, 0, 64+6*len(f.runes))
	b = append(b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "+name+
		" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "+
		ref(first+2)+" /CIDToGIDMap /Identity /DW "...)
	adv0, _ := t.metric(0)
	b = strconv.AppendInt(b, int64(t.thousandths(int(adv0))), 10)
	b = append(b, " /W [1 ["...)
	for i, r := range f.runes {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(f.font.pdfWidth(r)), 10)
	}
	w.object(first+1, string(append(b, "]] >>"...)))
	w.object(first+2, f.descriptor(name, ref(first+3)))
	w.stream(first+3, "/Length1 "+strconv.Itoa(len(ttf)), ttf)
	w.stream(first+4, "", f.toUnicode())
	return nil
}

// thousandths returns v font units in thousandths of an em.
func (t *ttGlyphs) thousandths(v int) int {
	return int(float64(v)*1000/float64(t.upem) + 0.5*float64(sign(v)))
}

func sign(v int) int {
	if v < 0 {
		return -1
	}
	return 1
}

// descriptor returns the font descriptor of the font named name, whose file is file.
func (f *docFont) descriptor(name, file string) string {
	t := f.font.metrics
	i16 := func(b []byte, at int) int { return t.thousandths(int(int16(binary.BigEndian.Uint16(b[at:])))) }
	ascent, descent := i16(t.hhea, 4), i16(t.hhea, 6)
	capHeight := ascent
	if os2 := f.font.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		capHeight = i16(os2, 88)
	}
	return fmt.Sprintf("<< /Type /FontDescriptor /FontName %s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0"+
		" /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %s >>",
		name, i16(t.head, 36), i16(t.head, 38), i16(t.head, 40), i16(t.head, 42), ascent, descent, capHeight, file)
}

// toUnicode returns the CMap from each code to its character.
func (f *docFont) toUnicode() []byte {
	b := make([]byte, 0, 400+20*len(f.runes))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for start := 0; start < len(f.runes); start += 100 {
		block := f.runes[start:min(start+100, len(f.runes))]
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfchar\n"...)
		for i, r := range block {
			b = append(b, '<')
			b = appendHex16(b, uint16(start+i+1))
			b = append(b, "> <"...)
			for _, u := range utf16.AppendRune(nil, r) {
				b = appendHex16(b, u)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

func appendHex16(b []byte, v uint16) []byte {
	const digits = "0123456789ABCDEF"
	return append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
}

// pdfName returns the letters and digits of s (ASCII), as a PDF name, or "Font".
func pdfName(s string) string {
	name := strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, s)
	if name == "" {
		return "Font"
	}
	return name
}

// subsetTag returns the six capital letters naming the subset of font i of a document.
func subsetTag(i int) string {
	b := []byte("CXQAAA")
	for j := 5; j >= 3 && i > 0; j-- {
		b[j] = 'A' + byte(i%26)
		i /= 26
	}
	return string(b)
}
