package export

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/require"
)

// TestLabelRunesCoverTheLabels holds labelRunes to the string literals the forms are laid
// out with, so that the first cut of the form's font has every label character.
func TestLabelRunesCoverTheLabels(t *testing.T) {
	t.Parallel()
	var missing []rune
	used := map[rune]bool{}
	for _, name := range []string{"layout.go", "forms.go", "render.go"} {
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		require.NoError(t, err)
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			require.NoError(t, err)
			for _, r := range s {
				if r > '~' && !used[r] {
					used[r] = true
					if !strings.ContainsRune(labelRunes, r) {
						missing = append(missing, r)
					}
				}
			}
			return true
		})
	}
	require.Empty(t, string(missing), "add these to labelRunes")
	for _, r := range labelRunes {
		require.True(t, used[r], "%q is in labelRunes but in no label", r)
	}
}

// TestFormFontMeasuresAsFpdf checks that every character of the embedded font measures
// as fpdf measures it in the whole font, though the PDF is given only a cut of it.
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

// TestFormFontCutHoldsWhatIsDrawn checks the cut of the form's font a document registers:
// the labels and what the chain noted; a character noted later makes it stale.
func TestFormFontCutHoldsWhatIsDrawn(t *testing.T) {
	t.Parallel()
	chain := newChain(DefaultFont(), nil)
	_, err := chain.check("enterprise", "滨海鑫淼 Ltd.")
	require.NoError(t, err)
	d := newDoc(chain, time.Unix(0, 0), "0000-0000-0000-0000", "T", 1, "科技创新券申请表")
	require.NoError(t, d.err)
	for _, r := range "滨海鑫淼 Ltd." + labelRunes + "验证码 0123456789-T" + "AZaz@.:-" {
		require.Contains(t, chain.main, r)
	}
	require.NotContains(t, chain.main, 'é', "beyond ASCII, only what the document draws")
	require.Less(t, len(chain.main), 400, "a cut, not the whole font")
	require.False(t, d.stale())
	d.draw(0, 0, "天津", bodySize)
	require.True(t, d.stale(), "天津 was not in the cut")
}

// StaleAfterFirstLayout lays out form (an *ApplicationForm or a *RedemptionForm) as render
// does and reports whether a cut made for it lacked a character it drew, which makes render
// lay it out a second time. Exported for the package's external tests.
func StaleAfterFirstLayout(t testing.TB, form any, opts *Options) bool {
	t.Helper()
	chain := opts.chain()
	var d *doc
	switch f := form.(type) {
	case *ApplicationForm:
		require.NoError(t, f.check(chain))
		d = newDoc(chain, f.Exported, Code(f.Record(), opts.code()), f.ID, f.Version, "科技创新券申请表")
		layoutApplication(d, f)
	case *RedemptionForm:
		require.NoError(t, f.check(chain))
		d = newDoc(chain, f.Exported, Code(f.Record(), opts.code()), f.ID, f.Version, "创新券兑现申请表")
		layoutRedemption(d, f)
	default:
		t.Fatalf("not a form: %T", form)
	}
	require.NoError(t, d.err)
	return d.stale()
}

// BenchmarkFpdfFloor is what fpdf alone costs a two-page form in the embedded font: adding
// a cut of it (the labels and ASCII), two pages of one line and writing the PDF. The
// render benchmarks spend the rest on the layout and the cut.
func BenchmarkFpdfFloor(b *testing.B) {
	runes := []rune(labelRunes)
	for r := rune(' '); r <= '~'; r++ {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	ttf, _, err := DefaultFont().cut(runes)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("cjk", "", ttf)
		for range 2 {
			pdf.AddPage()
			pdf.SetFont("cjk", "", bodySize)
			pdf.Text(20, 20, labelRunes)
		}
		require.NoError(b, pdf.Output(io.Discard))
	}
}
