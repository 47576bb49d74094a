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
// character is in none of the fonts before them.
type fontChain struct {
	fonts   []*Font
	builtin int  // how many of builtinFallbacks are in fonts
	strict  bool // a character no font has is an error (Options.Strict)
}

func newChain(main *Font, fallbacks []*Font) *fontChain {
	c := &fontChain{fonts: []*Font{main}}
	for _, f := range fallbacks {
		if f != nil {
			c.fonts = append(c.fonts, f)
		}
	}
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
		if f.Has(r) {
			return len(c.fonts) - 1
		}
	}
	return -1
}

// check returns a *GlyphError for the first byte of s that is not UTF-8 (that text
// cannot be printed as anything) and, when the chain is strict, for the first character
// other than a line break that no font has and that has no stand-in a font has (see
// substitute: ｶﾀｶﾅ prints as カタカナ). Otherwise such a character is printed as a
// Placeholder (see printable).
func (c *fontChain) check(field, s string) error {
	if c.strict {
		s = c.substitute(s)
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				return c.glyphError(field, r, true)
			}
		}
		if c.strict && r != '\n' && c.index(r) < 0 {
			return c.glyphError(field, r, false)
		}
	}
	return nil
}

func (c *fontChain) glyphError(field string, r rune, invalid bool) *GlyphError {
	names := make([]string, len(c.fonts))
	for i, f := range c.fonts {
		names[i] = f.name
	}
	return &GlyphError{Field: field, Rune: r, Font: c.fonts[0].name, Fonts: names, Invalid: invalid}
}
