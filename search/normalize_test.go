package search

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/internal/labgen"
)

// Folding is idempotent, so text folded for the index folds the same way in the
// tokenizer and a folded query is its own fold.
func TestFoldIsIdempotent(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= utf8.MaxRune; r++ {
		f := fold(r)
		if f == dropRune || f == ' ' {
			continue
		}
		require.Equal(t, f, fold(f), "%U", r)
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"天津大學":             "天津大学",
		"“天津大学”，":          "天津大学",
		"\ufeff天津\u200b大学": "天津大学",
		"天\u00ad津":         "天津",
		"天津，化工":            "天津 化工",
		"ＴＩＡＮＪＩＮ":          "tianjin",
		"lǚ lü lv":         "lv lv lv",
		"lu:":              "lv",
		"(022)27405501":    "022 27405501",
		"【北京】、《光谱》；：":      "北京 光谱",
		"乾燥":               "干燥",
		"⑴号":               "1 号",
	} {
		require.Equal(t, want, foldQuery(in), "%q", in)
	}
	require.Equal(t, "1号", foldString("⑴号"))
	rs, from := foldAligned("a\u200b學b")
	require.Equal(t, []rune("a学b"), rs)
	require.Equal(t, []int{0, 2, 3}, from)
}

// The table names its source and licence and folds one rune to one rune.
func TestTraditionalToSimplifiedTable(t *testing.T) {
	t.Parallel()
	require.Contains(t, t2sData, "OpenCC")
	require.Contains(t, t2sData, "Apache License 2.0")
	tab := TraditionalToSimplified()
	require.Greater(t, len(tab), 4000)
	require.Equal(t, '学', tab['學'])
	require.Equal(t, '干', tab['乾'])
	for k, v := range tab {
		_, again := tab[v]
		require.False(t, again, "%c → %c folds again", k, v)
	}
}

// generated is an index over a list the tests generate, with a few labs given the
// region's real institutions and a printed phone, which the query classes need.
var classList = sync.OnceValues(func() (*Index, []catalog.Lab) {
	labs := labgen.Generate(3000, 20)
	real := []string{"天津大学", "南开大学", "河北工业大学", "北京航空航天大学", "首都师范大学", "石家庄铁道大学", "中国农业大学", "天津化工研究设计院"}
	for i, inst := range real {
		for j := range 3 {
			l := &labs[10*i+j]
			l.LegalEntity = inst
			l.Name = inst + l.Name
		}
	}
	labs[200].Phone = "022-27405501"
	labs[201].Contact = "吕明"
	ix, err := Build(labs, nil, nil)
	if err != nil {
		panic(err)
	}
	return ix, labs
})

func generatedIndex(t testing.TB) (*Index, []catalog.Lab) {
	t.Helper()
	return classList()
}

// simplifiedToTraditional writes s with traditional characters where the table has one.
func simplifiedToTraditional(s string) string {
	back := map[rune]rune{}
	for k, v := range TraditionalToSimplified() {
		if old, ok := back[v]; !ok || k < old {
			back[v] = k
		}
	}
	return strings.Map(func(r rune) rune {
		if t, ok := back[r]; ok {
			return t
		}
		return r
	}, s)
}

// Each way of writing a query that the normalisation promises to fold finds exactly
// what the plain query finds, on a list the test generates.
func TestQueryClassesFoldToThePlainQuery(t *testing.T) {
	t.Parallel()
	ix, labs := generatedIndex(t)
	for i := 0; i < len(labs); i += 97 {
		l := labs[i]
		plain := l.Name
		runes := []rune(plain)
		half := string(runes[:len(runes)/2]) + "\u200b" + string(runes[len(runes)/2:])
		want := allIDs(t, ix, Query{Text: plain})
		require.True(t, want[l.ID], plain)
		for _, q := range []string{
			simplifiedToTraditional(plain), // 天津大學
			"“" + plain + "”，",             // quotes and a full-width comma
			"\ufeff" + half,                // a pasted name with a BOM and a zero-width space
			"　" + plain + "。",
		} {
			require.Equal(t, want, allIDs(t, ix, Query{Text: q}), "%q for %q", q, plain)
		}
		two := allIDs(t, ix, Query{Text: l.LegalEntity + " " + string(l.Kind)})
		require.True(t, two[l.ID])
		require.Equal(t, two, allIDs(t, ix, Query{Text: l.LegalEntity + "，" + string(l.Kind)}))
	}
	require.NotEqual(t, simplifiedToTraditional("天津大学"), "天津大学")
	require.Equal(t, allIDs(t, ix, Query{Text: "天津 化工"}), allIDs(t, ix, Query{Text: "天津，化工"}))
	require.NotEmpty(t, allIDs(t, ix, Query{Text: "天津，化工"}))
}

// A phone is found by its digits however they are written.
func TestPhoneDigits(t *testing.T) {
	t.Parallel()
	ix, labs := generatedIndex(t)
	for _, q := range []string{"02227405501", "022 2740 5501", "(022)27405501", "022-27405501", "（022）2740-5501", "2227405"} {
		got := allIDs(t, ix, Query{Text: q})
		require.True(t, got[labs[200].ID], q)
	}
	r, err := ix.SearchLabs(context.Background(), Query{Text: "02227405501"})
	require.NoError(t, err)
	require.Equal(t, 1, r.Total)
	require.Equal(t, []string{"<mark>022</mark>-<mark>27405501</mark>"}, r.Hits[0].Highlights["phone"])
	for i := 0; i < len(labs); i += 101 {
		d := digitsOnly(labs[i].Phone)
		require.NotEmpty(t, d, "the generated phones carry separators: %q", labs[i].Phone)
		require.True(t, allIDs(t, ix, Query{Text: d})[labs[i].ID], d)
	}
}

// Pinyin with tone marks or ü, and Latin letters next to Chinese characters.
func TestPinyinAsTyped(t *testing.T) {
	t.Parallel()
	ix, labs := generatedIndex(t)
	lv := allIDs(t, ix, Query{Text: "lv ming"})
	require.True(t, lv[labs[201].ID])
	for _, q := range []string{"lǚ ming", "lü ming", "lu: ming", "LÜ MING", "lǚ míng"} {
		require.Equal(t, lv, allIDs(t, ix, Query{Text: q}), q)
	}
	mixed := allIDs(t, ix, Query{Text: "tianjin大学"})
	require.NotEmpty(t, mixed)
	require.Equal(t, allIDs(t, ix, Query{Text: "tianjin 大学"}), mixed)
	for _, l := range labs[:3] {
		require.True(t, mixed[l.ID], l.Name)
	}
}
