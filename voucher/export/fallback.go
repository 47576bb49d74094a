package export

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"io"
	"sync"
	"unicode/utf8"
)

//go:embed fonts/hanazono-a.ttf.gz
var hanazonoAGz []byte

//go:embed fonts/hanazono-b.ttf.gz
var hanazonoBGz []byte

// builtinFallbacks are the embedded fallback fonts in the order they are tried, each
// decompressed and parsed on first use.
var builtinFallbacks = []func() *Font{
	sync.OnceValue(func() *Font { return mustGunzipFont("HanaMinA", hanazonoAGz) }),
	sync.OnceValue(func() *Font { return mustGunzipFont("HanaMinB", hanazonoBGz) }),
}

func mustGunzipFont(name string, gz []byte) *Font {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err == nil {
		// The gzip trailer ends with the length of the data (mod 2³², which it is under).
		ttf := make([]byte, binary.LittleEndian.Uint32(gz[len(gz)-4:]))
		if _, err = io.ReadFull(zr, ttf); err == nil {
			var f *Font
			if f, err = ParseFont(name, ttf); err == nil {
				return f
			}
		}
	}
	panic("export: embedded font " + name + ": " + err.Error())
}

// DefaultFallbacks returns the embedded fallback fonts, which draw the characters a form's
// font lacks, in the order they are tried: subsets of HanaMinA and HanaMinB (花園明朝,
// Hanazono Font License, see fonts/README.md) holding all of CJK Extension A (e.g. 䶮),
// the ideographs U+9FA6–U+9FFF, the CJK Compatibility Ideographs, all of Extension B
// (e.g. 𠮷) and the characters of the 通用规范汉字表 in Extensions C–F. With [DefaultFont]
// they cover every character of that table. They are embedded compressed and are
// decompressed and parsed on first use, which takes some hundred milliseconds and keeps
// 26 MB for the life of the process; rendering loads each only when a form has a
// character the fonts before it lack.
func DefaultFallbacks() []*Font {
	fs := make([]*Font, len(builtinFallbacks))
	for i, load := range builtinFallbacks {
		fs[i] = load()
	}
	return fs
}

// fontChain is the fonts one rendering sets its text in, in order of preference: the form's
// font, the caller's fallbacks, then the embedded fallbacks, appended one by one when a
// character is in none of the fonts before them. It notes the characters each font draws
// through a cut of it (see [Font.cut]), and those the form's font draws itself.
type fontChain struct {
	fonts   []*Font
	builtin int                 // how many of builtinFallbacks are in fonts
	cut     []map[rune]struct{} // by index in fonts: the characters drawn through a cut
	main    map[rune]struct{}   // the characters fonts[0] draws under their own codes
}

func newChain(main *Font, fallbacks []*Font) *fontChain {
	c := &fontChain{fonts: []*Font{main}}
	for _, f := range fallbacks {
		if f != nil {
			c.fonts = append(c.fonts, f)
		}
	}
	c.cut = make([]map[rune]struct{}, len(c.fonts))
	c.main = make(map[rune]struct{}, 512)
	return c
}

// index returns the index of the first font that has r, or -1.
func (c *fontChain) index(r rune) int {
	for i, f := range c.fonts {
		if f.Has(r) {
			return i
		}
	}
	for c.builtin < len(builtinFallbacks) {
		f := builtinFallbacks[c.builtin]()
		c.builtin++
		c.fonts = append(c.fonts, f)
		c.cut = append(c.cut, nil)
		if f.Has(r) {
			return len(c.fonts) - 1
		}
	}
	return -1
}

// viaCut reports whether font i draws r through a cut of it: every fallback does, and so
// does the main font for a character outside the BMP, which fpdf cannot address.
func viaCut(i int, r rune) bool { return i > 0 || r > 0xFFFF }

// check returns a *GlyphError for the first character of s that no font has, or for the
// first byte that is not UTF-8, and notes the characters drawn through cuts. Newlines are
// allowed; other control characters are not. main tells whether the main font draws all
// of s as it is.
func (c *fontChain) check(field, s string) (main bool, err error) {
	main = true
	for i, r := range s {
		if r == '\n' {
			continue
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return false, c.glyphError(field, r, true)
			}
		}
		fi := c.index(r)
		if fi < 0 {
			return false, c.glyphError(field, r, false)
		}
		c.note(fi, r)
		main = main && !viaCut(fi, r)
	}
	return main, nil
}

// note records that font fi of the chain draws r.
func (c *fontChain) note(fi int, r rune) {
	if !viaCut(fi, r) {
		c.main[r] = struct{}{}
		return
	}
	if c.cut[fi] == nil {
		c.cut[fi] = make(map[rune]struct{})
	}
	c.cut[fi][r] = struct{}{}
}

func (c *fontChain) glyphError(field string, r rune, invalid bool) *GlyphError {
	names := make([]string, len(c.fonts))
	for i, f := range c.fonts {
		names[i] = f.name
	}
	return &GlyphError{Field: field, Rune: r, Font: c.fonts[0].name, Fonts: names, Invalid: invalid}
}
