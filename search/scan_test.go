package search

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

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

// The token counts behind the arenas' norms are those of the tokenizers.
func TestTokenCounts(t *testing.T) {
	t.Parallel()
	py := newPinyinTable(nil)
	for _, l := range bundledLabs(t) {
		for _, s := range append(labTexts(l), "a  b\n\nc", "", " 天 津\t大学 ") {
			require.Len(t, charsTokenizer{}.Tokenize([]byte(s)), charsTokens(s), s)
		}
		full, ini := py.units(l.Name, false)
		for _, u := range []string{full, ini, "- a - b c", "", "a  b"} {
			require.Len(t, unitsTokenizer{}.Tokenize([]byte(u)), unitsTokens(u), u)
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
