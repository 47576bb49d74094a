package search

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/stretchr/testify/require"
)

// Checking long parts directly in the arenas finds exactly what the posting lists
// find, with the same scores, hits and facets, whichever way the cost model goes.
func TestScanEqualsPostings(t *testing.T) {
	t.Parallel()
	labs := bundledLabs(t)
	ix, err := Build(labs, nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	queries := append(literalQueries(labs, 300, 11),
		"技术研究", "天津大学", "tianjin daxue", "tjdx", "nan kai da xue", "天津 技术研究", "重点实验室 天津", "5550", "天大")
	run := func(ratio float64, q string) *Result {
		ix.labs.scanRatio = ratio
		r, err := ix.SearchLabs(context.Background(), Query{Text: q, Size: MaxSize})
		require.NoError(t, err, q)
		return r
	}
	for _, q := range queries {
		walked, scanned := run(math.Inf(1), q), run(0, q)
		require.Equal(t, walked.Total, scanned.Total, q)
		require.Equal(t, walked.Facets, scanned.Facets, q)
		require.Equal(t, walked.Hits, scanned.Hits, q)
	}
}

// The collection's own analysis gives what bleve makes of the analyzers' tokens: the
// same terms with the same counts, and the length behind the norms of bleve and the
// arenas.
func TestAnalyzeAsTokenizers(t *testing.T) {
	t.Parallel()
	py := newPinyinTable(nil)
	sc := &scratch{}
	check := func(s string, tk analysis.Tokenizer, read func([]byte, *scratch) ([]byte, []term)) {
		t.Helper()
		tokens := tk.Tokenize([]byte(s))
		got := analyze("f", s, read, sc)
		require.Equal(t, len(tokens), got.AnalyzedLength(), s)
		require.Equal(t, analysis.TokenFrequency(tokens, nil, index.IndexField), got.AnalyzedTokenFrequencies(), s)
	}
	for _, l := range bundledLabs(t) {
		raw := append([]string{l.Name, l.LegalEntity}, l.Services...)
		for _, s := range append(append(labTexts(l), raw...), "a  b\n\nc", "", " 天 津\t大学 ", "天津大學\u200b", "ＡＢＣ\ufeffd") {
			check(s, charsTokenizer{}, charsTerms)
		}
		full, ini := py.units(l.Name, false)
		for _, u := range []string{full, ini, "- a - b c", "", "a  b", "a a a'b a"} {
			check(u, unitsTokenizer{}, unitsTerms)
		}
	}
}

// unitsTokenizer makes the terms and positions of the plain reading of its contract:
// a unigram of every unit but "-" and "", and a bigram of every two such in a row.
func TestUnitsTokenizerTerms(t *testing.T) {
	t.Parallel()
	py := newPinyinTable(nil)
	ref := func(input string) []string {
		units := strings.Split(input, " ")
		var out []string
		for i, u := range units {
			if u == noUnit || u == "" {
				continue
			}
			out = append(out, fmt.Sprint(u, "@", i+1))
			if i+1 < len(units) && units[i+1] != noUnit && units[i+1] != "" {
				out = append(out, fmt.Sprint(u+unitSep+units[i+1], "@", i+1))
			}
		}
		return out
	}
	for _, l := range bundledLabs(t) {
		full, ini := py.units(l.Name, false)
		for _, u := range []string{full, ini, "- a - b c", "", "a  b", "-", " a", "a "} {
			var got []string
			for _, tk := range (unitsTokenizer{}).Tokenize([]byte(u)) {
				got = append(got, fmt.Sprint(string(tk.Term), "@", tk.Position))
			}
			require.Equal(t, ref(u), got, u)
		}
	}
}
