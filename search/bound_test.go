package search

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// maxTermsPerQuery bounds the posting lists the alternatives of any parsed text open:
// parts × (text fields + pinyin fields × (readings + initials + aliases)) × terms.
const maxTermsPerQuery = maxParts * (3 + 3*maxSegmentations) * 8 * 16

// termsOf counts the posting lists a query's alternatives open in a collection.
func termsOf[T any](sp spec[T], p parsed) int {
	n := 0
	for _, pt := range p.parts {
		for _, a := range alternatives(sp, pt) {
			n += len(a.terms)
		}
	}
	return n
}

// Every text of at most MaxTextRunes characters parses within the step budget without
// reaching it, and opens a bounded number of posting lists: no query can hold a core.
func FuzzParseBounded(f *testing.F) {
	for _, s := range []string{
		strings.Repeat("xian", 14) + "q", strings.Repeat("xian", 50), strings.Repeat("a", 200),
		strings.Repeat("xian ", 40), "nanka", "天津大学 tianjin", strings.Repeat("zhuang", 33),
	} {
		f.Add(s)
	}
	al := newAliasTable(nil, false)
	sp := labSpec()
	f.Fuzz(func(t *testing.T, text string) { // longer texts too: parseText cuts them
		p, err := parseText(context.Background(), text, al)
		require.NoError(t, err)
		require.Less(t, p.steps, maxParseSteps, "%q", text)
		require.LessOrEqual(t, termsOf(sp, p), maxTermsPerQuery, "%q", text)
		for _, pt := range p.parts {
			require.LessOrEqual(t, len(pt.pinyin), maxSegmentations)
		}
	})
}

// A long paste is cut at the last part boundary before the limit, not refused.
func TestCutText(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("天", MaxTextRunes-3) + " 南开大学"
	require.Equal(t, strings.Repeat("天", MaxTextRunes-3), CutText(long))
	require.Equal(t, strings.Repeat("天", MaxTextRunes), CutText(strings.Repeat("天", MaxTextRunes+50)))
	punct := strings.Repeat("光", MaxTextRunes-5) + "，化工研究院所"
	require.Equal(t, strings.Repeat("光", MaxTextRunes-5), CutText(punct))
	require.Equal(t, "天津 大学", CutText("天津 大学"))
	exact := strings.Repeat("天", MaxTextRunes) + " x"
	require.Equal(t, strings.Repeat("天", MaxTextRunes), CutText(exact))
	ix := bundledIndex(t)
	r, err := ix.SearchLabs(context.Background(), Query{Text: "天津大学 " + strings.Repeat("实", MaxTextRunes)})
	require.NoError(t, err)
	want, err := ix.SearchLabs(context.Background(), Query{Text: "天津大学"})
	require.NoError(t, err)
	require.Equal(t, want.Total, r.Total)
}

// A query whose context is done stops with the context's error.
func TestSearchStopsWhenContextIsDone(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, q := range []string{"天津", strings.Repeat("xian", 14) + "q", ""} {
		_, err := ix.SearchLabs(ctx, Query{Text: q})
		require.ErrorIs(t, err, context.Canceled, q)
		_, err = ix.SearchProducts(ctx, ProductQuery{Text: q})
		require.ErrorIs(t, err, context.Canceled, q)
	}
}

// countingCtx is a context whose Err turns to context.Canceled after after calls.
type countingCtx struct {
	context.Context
	calls, after int
}

func (c *countingCtx) Err() error {
	c.calls++
	if c.after >= 0 && c.calls > c.after {
		return context.Canceled
	}
	return nil
}

// Every check of ctx counts, up to the last: a context that ends while the homophones
// are retried or the hits highlighted stops the query with its error.
func TestSearchChecksContextToTheEnd(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	for _, q := range []string{"天津大雪", "天津大学", "tianjin"} {
		all := &countingCtx{Context: context.Background(), after: -1}
		r, err := ix.SearchLabs(all, Query{Text: q})
		require.NoError(t, err, q)
		require.NotEmpty(t, r.Hits, q)
		require.Equal(t, q == "天津大雪", r.Suggested != "", q)
		require.Greater(t, all.calls, len(r.Hits), q) // at least one check per hit
		for k := 0; k < all.calls; k++ {
			_, err := ix.SearchLabs(&countingCtx{Context: context.Background(), after: k}, Query{Text: q})
			require.ErrorIs(t, err, context.Canceled, "%s after %d of %d checks", q, k, all.calls)
		}
	}
}
