package export

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/cxqkit/cxq"
)

//go:embed fonts/wqy-microhei-gbk.ttf
var defaultTTF []byte

// Font is a TrueType font (glyf outlines) the forms are set in, with the set of characters
// it can draw. It is immutable and safe for concurrent use.
type Font struct {
	name  string
	data  []byte
	runes map[rune]struct{}
}

var defaultFont = sync.OnceValue(func() *Font {
	f, err := ParseFont("WenQuanYi Micro Hei", defaultTTF)
	if err != nil {
		panic("export: embedded font: " + err.Error())
	}
	return f
})

// DefaultFont returns the embedded font: a subset of WenQuanYi Micro Hei (Apache License
// 2.0, see fonts/README.md) with ASCII, Latin-1 and the GBK repertoire, which holds all
// 20,902 CJK unified ideographs of U+4E00–U+9FA5. It is parsed once, on first use.
func DefaultFont() *Font { return defaultFont() }

// ParseFont reads a TrueType font (.ttf with glyf outlines; CFF-based .otf and .ttc
// collections are not accepted) and names it name in error messages.
func ParseFont(name string, ttf []byte) (*Font, error) {
	tables, err := ttfTables(ttf)
	if err != nil {
		return nil, err
	}
	if _, ok := tables["glyf"]; !ok {
		return nil, fmt.Errorf("export: font %s has no glyf table (CFF outlines are not supported): %w", name, cxq.ErrInvalid)
	}
	cm, ok := tables["cmap"]
	if !ok {
		return nil, fmt.Errorf("export: font %s has no cmap table: %w", name, cxq.ErrInvalid)
	}
	runes, err := parseCmap(cm)
	if err != nil {
		return nil, fmt.Errorf("export: font %s: %w", name, err)
	}
	return &Font{name: name, data: ttf, runes: runes}, nil
}

// Name returns the font's name.
func (f *Font) Name() string { return f.name }

// Has reports whether the font draws r.
func (f *Font) Has(r rune) bool {
	_, ok := f.runes[r]
	return ok
}

// Check returns a *GlyphError for the first character of s the font cannot draw, or for
// the first byte that is not UTF-8. Newlines are allowed; other control characters are not.
func (f *Font) Check(field, s string) error {
	for i, r := range s {
		if r == '\n' {
			continue
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return &GlyphError{Field: field, Rune: r, Font: f.name, Invalid: true}
			}
		}
		if !f.Has(r) {
			return &GlyphError{Field: field, Rune: r, Font: f.name}
		}
	}
	return nil
}

// GlyphError reports a character the form's font cannot draw: printing it would leave a
// blank box, so nothing is rendered. It matches [cxq.ErrInvalid].
type GlyphError struct {
	Field   string // the form field, e.g. "enterprise" or "invoices[2].name"
	Rune    rune
	Font    string
	Invalid bool // the text is not valid UTF-8
}

func (e *GlyphError) Error() string {
	if e.Invalid {
		return fmt.Sprintf("export: %s: text is not valid UTF-8", e.Field)
	}
	return fmt.Sprintf("export: %s: font %s has no glyph for %q (U+%04X); 字体缺少字符“%c”",
		e.Field, e.Font, e.Rune, e.Rune, e.Rune)
}

// Is makes a GlyphError match cxq.ErrInvalid.
func (e *GlyphError) Is(target error) bool { return target == cxq.ErrInvalid }

func errFont(msg string) error { return fmt.Errorf("export: %s: %w", msg, cxq.ErrInvalid) }

// ttfTables returns the table directory of a TrueType font.
func ttfTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, errFont("font file too short")
	}
	switch v := binary.BigEndian.Uint32(b); v {
	case 0x00010000, 0x74727565: // TrueType, 'true'
	case 0x4F54544F: // 'OTTO'
		return nil, errFont("CFF-based OpenType fonts are not supported; use a TrueType (glyf) font")
	case 0x74746366: // 'ttcf'
		return nil, errFont("font collections (.ttc) are not supported; extract one face")
	default:
		return nil, errFont(fmt.Sprintf("not a TrueType font (tag %08x)", v))
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, errFont("truncated table directory")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := b[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(b)) {
			return nil, errFont("table " + string(rec[:4]) + " out of bounds")
		}
		tables[string(rec[:4])] = b[off : off+size]
	}
	return tables, nil
}

// parseCmap reads the Unicode subtables (formats 4 and 12) and returns every character
// mapped to a glyph other than .notdef.
func parseCmap(cm []byte) (map[rune]struct{}, error) {
	if len(cm) < 4 {
		return nil, errFont("cmap too short")
	}
	n := int(binary.BigEndian.Uint16(cm[2:]))
	if len(cm) < 4+8*n {
		return nil, errFont("cmap truncated")
	}
	runes := make(map[rune]struct{})
	found := false
	for i := range n {
		rec := cm[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		if !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cm) {
			return nil, errFont("cmap subtable out of bounds")
		}
		sub := cm[off:]
		var err error
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			err = cmap4(sub, runes)
		case 12:
			err = cmap12(sub, runes)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
	}
	if !found {
		return nil, errFont("no Unicode cmap subtable of format 4 or 12")
	}
	return runes, nil
}

func cmap4(s []byte, runes map[rune]struct{}) error {
	if len(s) < 14 {
		return errFont("cmap format 4 too short")
	}
	segs := int(binary.BigEndian.Uint16(s[6:])) / 2
	if len(s) < 16+8*segs {
		return errFont("cmap format 4 truncated")
	}
	ends, starts := s[14:], s[16+2*segs:]
	deltas, ranges := s[16+4*segs:], s[16+6*segs:]
	for i := range segs {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := int(binary.BigEndian.Uint16(starts[2*i:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				at := 16 + 6*segs + 2*i + ro + 2*(c-start)
				if at+2 > len(s) {
					return errFont("cmap format 4 glyph index out of bounds")
				}
				if g = int(binary.BigEndian.Uint16(s[at:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				runes[rune(c)] = struct{}{}
			}
		}
	}
	return nil
}

func cmap12(s []byte, runes map[rune]struct{}) error {
	if len(s) < 16 {
		return errFont("cmap format 12 too short")
	}
	groups := int(binary.BigEndian.Uint32(s[12:]))
	if groups > (len(s)-16)/12 {
		return errFont("cmap format 12 truncated")
	}
	for i := range groups {
		g := s[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
		first := binary.BigEndian.Uint32(g[8:])
		if end < start || end > utf8.MaxRune || end-start > 0x10FFFF {
			return errFont("cmap format 12 bad group")
		}
		for c := start; c <= end; c++ {
			if first+(c-start) != 0 {
				runes[rune(c)] = struct{}{}
			}
		}
	}
	return nil
}
