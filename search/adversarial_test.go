package search

import (
	"context"
	"errors"
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// Query syntax is just text: every input either runs or is a validation error.
func TestAdversarialQueries(t *testing.T) {
	t.Parallel()
	ix, labs := bundledIndex(t), bundledLabs(t)
	for _, q := range []string{
		`"天津"`, `天津*`, `天*`, `~`, `name:天津`, `+天津 -大学`, `AND OR NOT`, `(`, `)`, `\`, `[1 TO 9]`,
		`/.*/`, `<script>alert(1)</script>`, "天\x00津", "\xff\xfe", "\u200b", "　", "Ｔｉａｎｊｉｎ", "天津\t大学\n",
		strings.Repeat("天", MaxTextRunes), strings.Repeat("a ", maxParts), "🙂", "\U0010FFFF",
	} {
		r, err := ix.SearchLabs(context.Background(), Query{Text: q})
		require.NoError(t, err, "%q", q)
		if !isLetters(foldString(q)) && !strings.ContainsAny(foldString(q), "abcdefghijklmnopqrstuvwxyz") {
			require.Equal(t, scanIDs(labs, strings.ToValidUTF8(q, "\uFFFD")), allIDs(t, ix, Query{Text: q}), "%q", q)
		}
		for _, h := range r.Hits {
			for _, frags := range h.Highlights {
				for _, f := range frags {
					safeHTML(t, f)
				}
			}
		}
	}
}

// safeHTML fails unless fragment holds no markup but <mark> and </mark>.
func safeHTML(t testing.TB, fragment string) {
	t.Helper()
	rest := strings.ReplaceAll(strings.ReplaceAll(fragment, "<mark>", ""), "</mark>", "")
	require.NotContains(t, rest, "<", fragment)
	require.NotContains(t, rest, ">", fragment)
	require.NotContains(t, rest, `"`, fragment)
	require.True(t, utf8.ValidString(fragment))
}

func TestBadQueriesAreValidationErrors(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	for name, c := range map[string]struct {
		q     Query
		field string
	}{
		"page":     {Query{Page: -1}, "page"},
		"page big": {Query{Page: MaxPage + 1}, "page"},
		"size":     {Query{Size: MaxSize + 1}, "size"},
		"negative": {Query{Size: -3}, "size"},
		"sort":     {Query{Sort: "price"}, "sort"},
	} {
		_, err := ix.SearchLabs(context.Background(), c.q)
		require.ErrorIs(t, err, cxq.ErrInvalid, name)
		var ve *cxq.ValidationError
		require.True(t, errors.As(err, &ve), name)
		require.Equal(t, c.field, ve.Errors[0].Field, name)
		require.NotEmpty(t, ve.Errors[0].Message(cxq.ZH), name)
	}
	_, err := ix.SearchProducts(context.Background(), ProductQuery{Sort: SortRegion})
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

func TestHighlightEscapesThenMarks(t *testing.T) {
	t.Parallel()
	l := lab("x", `<b>光</b> & "光谱"`, "某大学", "甲")
	ix, err := Build([]catalog.Lab{l}, nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	r, err := ix.SearchLabs(context.Background(), Query{Text: "光"})
	require.NoError(t, err)
	require.Equal(t, []string{`&lt;b&gt;<mark>光</mark>&lt;/b&gt; &amp; &#34;<mark>光</mark>谱&#34;`}, r.Hits[0].Highlights["name"])
	r, err = ix.SearchLabs(context.Background(), Query{Text: "b>"})
	require.NoError(t, err)
	require.Equal(t, []string{`&lt;<mark>b</mark>&gt;光&lt;/<mark>b</mark>&gt; &amp; &#34;光谱&#34;`}, r.Hits[0].Highlights["name"])
}

func FuzzSearchLabs(f *testing.F) {
	for _, s := range []string{"天津", "光", "tjdx", `"*~:`, "天 大", "\xff", "nan kai 化工"} {
		f.Add(s)
	}
	ix, err := bundled()
	require.NoError(f, err)
	labs, err := catalog.BundledLabs()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		r, err := ix.SearchLabs(context.Background(), Query{Text: text})
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		require.LessOrEqual(t, len(r.Hits), DefaultSize)
		require.LessOrEqual(t, len(r.Hits), r.Total)
		for _, h := range r.Hits {
			for _, frags := range h.Highlights {
				for _, fr := range frags {
					safeHTML(t, fr)
				}
			}
		}
		// Without letters there is no pinyin and (outside the alias table) no
		// expansion: the result is exactly the substring scan's.
		folded := foldQuery(CutText(strings.ToValidUTF8(text, "\uFFFD")))
		alias := false
		for _, w := range strings.Fields(folded) {
			_, ok := newAliasTable(nil, false)[w]
			alias = alias || ok
		}
		if alias || strings.ContainsAny(folded, "abcdefghijklmnopqrstuvwxyz") || len(strings.Fields(folded)) > maxParts {
			return
		}
		if r.Suggested != "" { // a slip: the text itself found nothing
			require.Empty(t, scanIDs(labs, folded), "%q", text)
			return
		}
		require.Equal(t, len(scanIDs(labs, folded)), r.Total, "%q", text)
	})
}

// render escapes exactly as html.EscapeString does.
func TestRenderEscapesAsHTMLPackage(t *testing.T) {
	t.Parallel()
	v := `<a href='x'>"光" & 谱</a>`
	out, ok := render(v, make([]bool, utf8.RuneCountInString(v)+1))
	require.False(t, ok)
	require.Equal(t, html.EscapeString(v), out)
}
