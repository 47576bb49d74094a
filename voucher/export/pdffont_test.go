package export

import (
	"bytes"
	"encoding/binary"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/require"
)

// TestFormFontMeasuresAsFpdf checks that every character of the embedded font measures
// as fpdf measured it when it wrote the forms, so that the layout is what it was.
func TestFormFontMeasuresAsFpdf(t *testing.T) {
	t.Parallel()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("whole", "", defaultTTF)
	pdf.SetFont("whole", "", 100)
	require.NoError(t, pdf.Error())
	d := testDoc(t)
	n := 0
	for r := range DefaultFont().glyphs {
		if r > 0xFFFF {
			continue
		}
		want := pdf.GetStringWidth(string(r)) / 100
		require.Equal(t, want, d.runeWidth(r), "%q (U+%04X)", r, r)
		n++
	}
	require.Greater(t, n, 20000)
}

// TestDocumentFontsHoldWhatIsDrawn checks the codes a document gives the characters it
// draws: from 1 in the order first drawn, per font, and only those characters.
func TestDocumentFontsHoldWhatIsDrawn(t *testing.T) {
	t.Parallel()
	d := testDoc(t)
	d.draw(0, 10, "天津天 A", bodySize)
	d.draw(0, 20, "刘䶮𠮷A", bodySize)
	require.NoError(t, d.err)
	require.Equal(t, []rune("天津 A刘"), d.fonts[0].runes)
	require.Equal(t, []rune("䶮"), d.fonts[1].runes)
	require.Equal(t, []rune("𠮷"), d.fonts[2].runes)
	require.Equal(t, map[rune]uint16{'天': 1, '津': 2, ' ': 3, 'A': 4, '刘': 5}, d.fonts[0].codes)
	require.Contains(t, string(d.pdf.cur.content), "/F0 10.5 Tf 0 813.54 Td (\x00\x01\x00\x02\x00\x01\x00\x03\x00\x04) Tj")
	require.Contains(t, string(d.fonts[2].toUnicode()), "<0001> <D842DFB7>", "𠮷 outside the BMP extracts as itself")
	ttf, err := d.fonts[0].font.cut(d.fonts[0].runes)
	require.NoError(t, err)
	cut, err := ParseFont("cut", ttf)
	require.NoError(t, err)
	// .notdef, the five characters drawn, and after them only their glyphs' components.
	parts := map[int]bool{}
	for g := 1; g < cut.metrics.numGlyphs; g++ {
		data, err := cut.metrics.outline(g)
		require.NoError(t, err)
		offs, err := components(data)
		require.NoError(t, err)
		for _, off := range offs {
			parts[int(binary.BigEndian.Uint16(data[off:]))] = true
		}
	}
	for g := 6; g < cut.metrics.numGlyphs; g++ {
		require.True(t, parts[g], "glyph %d is neither drawn nor a component", g)
	}
	require.Equal(t, uint16(5), cut.glyphs['刘'])
}

// floorText is a line of the forms' label characters.
const floorText = "·、。一七三不业二五产人代件价任企会估位使信元兑六共关内况准出创别券前务动协单及" +
	"发号合同名和品四回填如子字定实审容导年序应态总息情意愿成或所打承技报担授描效文料新施无日时明暂月" +
	"有服期本机权材构果核款止法活版状环现用申电盖目相真码确社票科称章第等签算箱类系组织结统续编联自至" +
	"节行表见计订议论证话请诺责起述邮金银间附际页项预额验（），："

// BenchmarkFpdfFloor is what fpdf, which wrote the forms before, costs a two-page form in
// the embedded font at least: adding a cut of it (the labels and ASCII), two pages of one
// line and writing the PDF. The baseline of BenchmarkWriterFloor.
func BenchmarkFpdfFloor(b *testing.B) {
	runes := []rune(floorText)
	for r := rune(' '); r <= '~'; r++ {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	ttf, err := DefaultFont().cut(runes)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("cjk", "", ttf)
		for range 2 {
			pdf.AddPage()
			pdf.SetFont("cjk", "", bodySize)
			pdf.Text(20, 20, floorText)
		}
		require.NoError(b, pdf.Output(io.Discard))
	}
}

// BenchmarkWriterFloor is BenchmarkFpdfFloor through the package's own PDF writer: two
// pages of one line of the labels, with the footers, in a cut of the embedded font.
func BenchmarkWriterFloor(b *testing.B) {
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		d := newPages(newChain(DefaultFont(), nil), time.Unix(0, 0), "mark", "record", "title", "id")
		d.draw(20, 20, floorText, bodySize)
		d.newPage()
		d.draw(20, 20, floorText, bodySize)
		buf.Reset()
		require.NoError(b, d.output(&buf))
	}
}
