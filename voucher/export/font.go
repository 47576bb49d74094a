package export

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cxqkit/cxq"
)

//go:embed fonts/wqy-microhei-gbk.ttf
var defaultTTF []byte

// Font is a TrueType font (glyf outlines) the forms are set in, with the set of characters
// it can draw. It is immutable and safe for concurrent use.
type Font struct {
	name   string
	tables map[string][]byte // slices of the font file
	glyphs map[rune]uint16   // character → glyph index, for every glyph but .notdef
	// What a cut or a width reads of the tables, checked once by ParseFont: every
	// rendering cuts the form's font, and every width is read from it.
	metrics    *ttGlyphs
	metricsErr error
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
	glyphs, err := parseCmap(cm)
	if err != nil {
		return nil, fmt.Errorf("export: font %s: %w", name, err)
	}
	f := &Font{name: name, tables: tables, glyphs: glyphs}
	f.metrics, f.metricsErr = f.readGlyphTables()
	return f, nil
}

// Name returns the font's name.
func (f *Font) Name() string { return f.name }

// Has reports whether the font draws r.
func (f *Font) Has(r rune) bool {
	_, ok := f.glyphs[r]
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

// GlyphError reports a character none of the form's fonts can draw, from [Font.Check] or
// a rendering under [Options.Strict], or text that is not UTF-8. Nothing is rendered.
// It matches [cxq.ErrInvalid] and unwraps to a [*cxq.FieldError] (code
// cxq.CodeUnprintable, the character as param "char"), so that an answer to a person
// names the field and the character.
type GlyphError struct {
	Field   string   // the form field, e.g. "enterprise" or "invoices[2].name"
	Rune    rune     // the character
	Font    string   // the form's font
	Fonts   []string // every font tried, the form's font first; nil from [Font.Check]
	Invalid bool     // the text is not valid UTF-8
}

func (e *GlyphError) Error() string {
	if e.Invalid {
		return fmt.Sprintf("export: %s: text is not valid UTF-8", e.Field)
	}
	if len(e.Fonts) > 1 {
		return fmt.Sprintf("export: %s: no glyph for %q (U+%04X) in fonts %s; 字体缺少字符“%c”",
			e.Field, e.Rune, e.Rune, strings.Join(e.Fonts, ", "), e.Rune)
	}
	return fmt.Sprintf("export: %s: font %s has no glyph for %q (U+%04X); 字体缺少字符“%c”",
		e.Field, e.Font, e.Rune, e.Rune, e.Rune)
}

// Is makes a GlyphError match cxq.ErrInvalid.
func (e *GlyphError) Is(target error) bool { return target == cxq.ErrInvalid }

// Unwrap is the error as a field error, in Chinese and English.
func (e *GlyphError) Unwrap() error {
	if e.Invalid {
		return cxq.NewFieldError(e.Field, cxq.CodeUnprintable, map[string]string{"char": "UTF-8"},
			cxq.T("内容不是有效的 UTF-8 文本，无法打印", "the text is not valid UTF-8 and cannot be printed"))
	}
	return cxq.NewFieldError(e.Field, cxq.CodeUnprintable,
		map[string]string{"char": fmt.Sprintf("U+%04X", e.Rune), "glyph": string(e.Rune)},
		cxq.T("字体缺少字符“{glyph}”（{char}），无法打印", "no font of the form has the character {glyph} ({char})"))
}

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
