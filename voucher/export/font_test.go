package export_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/export"
)

func TestDefaultFontCoverage(t *testing.T) {
	t.Parallel()
	f := export.DefaultFont()
	for _, r := range "AZaz09@.-_ ，。、；：？！“”（）《》【】—…·￥%0１中国天津滨海鑫淼犇喆堃" {
		require.True(t, f.Has(r), "%q", r)
	}
	for _, r := range []rune{'𠀾', '☐', '😀', 0x3400 /* Extension A */} {
		require.False(t, f.Has(r), "%q", r)
	}
}

func TestParseFontRejects(t *testing.T) {
	t.Parallel()
	otto := append([]byte("OTTO"), make([]byte, 8)...)
	ttc := append([]byte("ttcf"), make([]byte, 8)...)
	noGlyf := ttfWith(t, "cmap", []byte{0, 0, 0, 0})
	badTable := append([]byte{0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, []byte("glyf\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x10")...)
	for name, data := range map[string][]byte{
		"empty": nil, "text": []byte("not a font at all"), "cff": otto, "collection": ttc,
		"no glyf": noGlyf, "table out of bounds": badTable,
	} {
		_, err := export.ParseFont(name, data)
		require.ErrorIs(t, err, cxq.ErrInvalid, name)
	}
}

// ttfWith builds a TrueType file holding one table.
func ttfWith(t testing.TB, tag string, table []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	b.Write([]byte{0, 1, 0, 0})
	binary.Write(&b, binary.BigEndian, [4]uint16{1, 16, 0, 0})
	b.WriteString(tag)
	binary.Write(&b, binary.BigEndian, [3]uint32{0, 28, uint32(len(table))})
	b.Write(table)
	return b.Bytes()
}

func TestCallerFont(t *testing.T) {
	t.Parallel()
	// A caller's font that lacks the labels' characters fails as clearly as a value would.
	latin, err := export.ParseFont("tiny", tinyFont(t))
	require.NoError(t, err)
	require.True(t, latin.Has('A'))
	require.False(t, latin.Has('中'))
	f := sampleApplication()
	err = export.RenderApplication(&bytes.Buffer{}, f, &export.Options{Font: latin, Strict: true})
	var ge *export.GlyphError
	require.ErrorAs(t, err, &ge)
	require.Equal(t, "id", ge.Field)
}

// tinyFont is a TrueType font with a glyf table and a format 4 cmap mapping 'A'..'Z'.
func tinyFont(t testing.TB) []byte {
	t.Helper()
	var cm bytes.Buffer
	binary.Write(&cm, binary.BigEndian, [2]uint16{0, 1})
	binary.Write(&cm, binary.BigEndian, [2]uint16{3, 1})
	binary.Write(&cm, binary.BigEndian, uint32(12))
	// format 4 with two segments: 'A'..'Z' (delta maps to glyph 1..26) and the 0xFFFF end.
	binary.Write(&cm, binary.BigEndian, []uint16{4, 32, 0, 4, 4, 1, 0, 'Z', 0xFFFF, 0, 'A', 0xFFFF, 0x10000 + 1 - 'A', 1, 0, 0})
	return ttfWithTables(t, map[string][]byte{"cmap": cm.Bytes(), "glyf": {0, 0, 0, 0}})
}

func ttfWithTables(t testing.TB, tables map[string][]byte) []byte {
	t.Helper()
	tags := []string{"cmap", "glyf"}
	var b bytes.Buffer
	b.Write([]byte{0, 1, 0, 0})
	binary.Write(&b, binary.BigEndian, [4]uint16{uint16(len(tags)), 32, 1, 0})
	off := 12 + 16*len(tags)
	for _, tag := range tags {
		b.WriteString(tag)
		binary.Write(&b, binary.BigEndian, [3]uint32{0, uint32(off), uint32(len(tables[tag]))})
		off += len(tables[tag])
	}
	for _, tag := range tags {
		b.Write(tables[tag])
	}
	return b.Bytes()
}

func FuzzParseFont(f *testing.F) {
	f.Add(tinyFont(f))
	f.Add([]byte("OTTO"))
	f.Add(ttfWith(f, "cmap", []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12, 0, 12, 0, 0, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0x41, 0, 0, 0, 0x5a, 0, 0, 0, 1}))
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := export.ParseFont("fuzz", data)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		_ = font.Check("x", "Aa中")
	})
}

// TestGlyphErrorExplainsItself: a GlyphError is a field error naming the field and the
// character, in both languages.
func TestGlyphErrorExplainsItself(t *testing.T) {
	err := export.DefaultFont().Check("contact", "张😀")
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "contact", fe.Field)
	require.Equal(t, cxq.CodeUnprintable, fe.Code)
	require.Equal(t, "U+1F600", fe.Params["char"])
	require.Contains(t, fe.Message(cxq.ZH), "😀")
	require.Contains(t, fe.Message(cxq.EN), "U+1F600")
	require.ErrorIs(t, err, cxq.ErrInvalid)
}
