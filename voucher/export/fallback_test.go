package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// PortalTestFont returns a TrueType font such as a portal might add as a fallback: a
// private-use character U+E000 drawn by a simple glyph (a square, 600 units wide of 1000),
// and U+30000 (Extension G, in no embedded font) drawn by a composite glyph of it, mapped
// by a format 12 cmap only. Exported for the package's external tests.
func PortalTestFont(t testing.TB) *Font {
	t.Helper()
	f, err := ParseFont("Portal Test", portalTestTTF())
	require.NoError(t, err)
	return f
}

func portalTestTTF() []byte {
	be := binary.BigEndian
	u16 := func(b []byte, vs ...int) []byte {
		for _, v := range vs {
			b = be.AppendUint16(b, uint16(v))
		}
		return b
	}
	square := u16(nil, 1, 100, 0, 600, 500, 3, 0)         // one contour, bbox, end point 3, no hinting
	square = append(square, 1, 1, 1, 1)                   // four on-curve points, 16-bit deltas
	square = u16(square, 100, 500, 0, -500, 0, 0, 500, 0) // x deltas, then y deltas
	composite := u16(nil, 0xFFFF, 100, 0, 600, 500, 0x0003, 1, 0, 0)
	var glyf, loca []byte
	for _, g := range [][]byte{nil, square, composite} {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))
	head := make([]byte, 54)
	be.PutUint32(head, 0x00010000)
	be.PutUint32(head[12:], 0x5F0F3CF5)
	be.PutUint16(head[18:], 1000)
	be.PutUint16(head[50:], 1)
	hhea := make([]byte, 36)
	be.PutUint32(hhea, 0x00010000)
	be.PutUint16(hhea[4:], 800)
	be.PutUint16(hhea[6:], 0xFF38) // -200
	be.PutUint16(hhea[34:], 3)
	maxp := u16(be.AppendUint32(nil, 0x00005000), 3)
	hmtx := u16(nil, 500, 0, 600, 100, 600, 100)
	// cmap: one (3, 10) format 12 subtable, two groups.
	cmap := u16(nil, 0, 1, 3, 10)
	cmap = be.AppendUint32(cmap, 12)
	cmap = u16(cmap, 12, 0)
	cmap = be.AppendUint32(be.AppendUint32(be.AppendUint32(cmap, 16+2*12), 0), 2)
	for _, g := range [][3]uint32{{0xE000, 0xE000, 1}, {0x30000, 0x30000, 2}} {
		cmap = be.AppendUint32(be.AppendUint32(be.AppendUint32(cmap, g[0]), g[1]), g[2])
	}
	return writeFont(map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx,
		"loca": loca, "glyf": glyf, "cmap": cmap, "post": postTable(nil), "name": {0, 0, 0, 0, 0, 6}})
}

func TestCutRenumbersComposites(t *testing.T) {
	src := PortalTestFont(t)
	ttf, err := src.cut([]rune{0x30000})
	require.NoError(t, err)
	cut, err := ParseFont("cut", ttf)
	require.NoError(t, err)
	require.Empty(t, cut.glyphs, "the cmap maps only the BMP: the PDF draws by glyph")
	tt, err := cut.glyphTables()
	require.NoError(t, err)
	require.Equal(t, 3, tt.numGlyphs, ".notdef, the composite and its component")
	comp, err := tt.outline(1)
	require.NoError(t, err)
	offs, err := components(comp)
	require.NoError(t, err)
	require.Len(t, offs, 1)
	require.Equal(t, uint16(2), binary.BigEndian.Uint16(comp[offs[0]:]), "the component is renumbered")
	square, err := tt.outline(2)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(square, []byte{0, 1}), "a simple glyph with one contour")
	adv, _ := tt.metric(1)
	require.Equal(t, uint16(600), adv)
	// Glyph i+1 draws the i-th character; a component drawn itself is not copied twice.
	ttf, err = src.cut([]rune{0xE000, 0x30000})
	require.NoError(t, err)
	cut, err = ParseFont("cut", ttf)
	require.NoError(t, err)
	require.Equal(t, map[rune]uint16{0xE000: 1}, cut.glyphs)
	tt, err = cut.glyphTables()
	require.NoError(t, err)
	require.Equal(t, 3, tt.numGlyphs)
	comp, err = tt.outline(2)
	require.NoError(t, err)
	require.Equal(t, uint16(1), binary.BigEndian.Uint16(comp[offs[0]:]), "the component is the square of glyph 1")
}

func TestRunsFollowTheFonts(t *testing.T) {
	d := testDoc(t)
	got := d.runs("A䶮𠮷𠮷B中")
	require.Equal(t, []run{{0, "A"}, {1, "䶮"}, {2, "𠮷𠮷"}, {0, "B中"}}, got)
	fb := DefaultFallbacks()
	require.Equal(t, []string{"HanaMinA", "HanaMinB"}, []string{fb[0].Name(), fb[1].Name()})
	require.InDelta(t, fb[1].advance('𠮷')*ptToMM, d.runeWidth('𠮷'), 1e-12, "measured in the font that draws it")
	require.InDelta(t, fb[0].advance('䶮')*ptToMM, d.runeWidth('䶮'), 1e-12)
	require.Greater(t, d.runeWidth('䶮'), 0.3)
	require.Equal(t, []string{"一二三䶮", "𠮷六七八"}, d.wrap("一二三䶮𠮷六七八", bodySize, 4*3.71))
}

func TestChainOrder(t *testing.T) {
	portal := PortalTestFont(t)
	c := newChain(DefaultFont(), []*Font{portal, nil})
	require.Equal(t, 0, c.index('中'))
	require.Equal(t, 1, c.index(0x30000), "the caller's fallback before the embedded ones")
	require.Len(t, c.fonts, 2, "the embedded fallbacks are not loaded while not needed")
	require.Equal(t, 2, c.index('䶮'))
	require.Len(t, c.fonts, 3, "only the first embedded fallback was needed")
	require.Equal(t, -1, c.index(0x30002))
	require.Len(t, c.fonts, 4)
	require.NoError(t, c.check("x", "中文\n刘䶮"))
	require.NoError(t, c.check("x", "刘\U00030002"), "printed as a placeholder")
	require.Equal(t, "刘□", c.printable("刘\U00030002"))
	require.Equal(t, "カ\xff□", c.printable("ｶ\xff\U00030002"), "invalid UTF-8 is kept for the check")
	require.Equal(t, "第一行\n第二行 末", c.printable("第一行\u2028第\u200d二行\t末\r"), "separators break lines, tabs are spaces")
	c.strict = true
	var ge *GlyphError
	require.ErrorAs(t, c.check("x", "刘\U00030002"), &ge)
	require.Equal(t, rune(0x30002), ge.Rune)
}

func TestEmbeddedFontsMatchSHA256SUMS(t *testing.T) {
	sums, err := os.ReadFile("fonts/SHA256SUMS")
	require.NoError(t, err)
	embedded := map[string][]byte{
		"wqy-microhei-gbk.ttf": defaultTTF, "hanazono-a.ttf.gz": hanazonoAGz, "hanazono-b.ttf.gz": hanazonoBGz,
	}
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		require.True(t, ok, line)
		data, ok := embedded[name]
		require.True(t, ok, "%s is not embedded", name)
		got := sha256.Sum256(data)
		require.Equal(t, sum, hex.EncodeToString(got[:]), "%s: run internal/mkfont/mkfont.sh", name)
		delete(embedded, name)
	}
	require.Empty(t, embedded, "fonts missing from SHA256SUMS")
}

// FuzzCut cuts whatever ParseFont accepts: a portal's broken fallback font is an error,
// never a panic.
func FuzzCut(f *testing.F) {
	f.Add(portalTestTTF())
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := ParseFont("fuzz", data)
		if err != nil {
			return
		}
		runes := make([]rune, 0, len(font.glyphs))
		for r := range font.glyphs {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		if ttf, err := font.cut(runes); err == nil {
			cut, err := ParseFont("cut", ttf)
			require.NoError(t, err)
			for i, r := range runes {
				if r < 0xFFFF {
					require.Equal(t, uint16(i+1), cut.glyphs[r], "U+%04X", r)
				}
			}
			df := newDocFont(font)
			for _, r := range runes {
				df.code(r)
			}
			_ = df.write(newPDFWriter(fontObjects, 0), 1, subsetTag(0))
		}
		for _, r := range runes {
			_ = font.advance(r)
		}
	})
}
