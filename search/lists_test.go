package search

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
)

// listQueries returns queries of every kind drawn from labs: names whole and in part,
// legal entities, contacts, phones, pinyin, initials, aliases, slips, the empty text,
// deep pages and the other orders.
func listQueries(labs []catalog.Lab) []Query {
	qs := []Query{
		{}, {Text: "tianjin daxue"}, {Text: "nanka"}, {Text: "tjdx"}, {Text: "天大"}, {Text: "南开大雪"},
		{Text: "实验室", Page: 3}, {Text: "检测", Sort: SortName}, {Text: "lv"}, {Text: "xian", Sort: SortRegion},
		{Text: "天津 化工"}, {Text: "重点实验室 天津"}, {Text: "022"},
	}
	for i := 0; i < len(labs); i += 9 {
		l := labs[i]
		name := []rune(l.Name)
		qs = append(qs, Query{Text: l.Name}, Query{Text: string(name[:1])}, Query{Text: string(name[:min(2, len(name))])},
			Query{Text: string(name[len(name)/2:])}, Query{Text: l.LegalEntity}, Query{Text: l.Contact},
			Query{Text: l.Phone[min(4, len(l.Phone)):]})
	}
	return qs
}

// A collection's own term lists answer exactly as bleve's posting lists do: with the
// lists and without them, every query gives the same result, hits, scores,
// highlights and facets alike, for labs and products.
func TestTermListsAnswerAsPostingLists(t *testing.T) {
	t.Parallel()
	labs := bundledLabs(t)
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	with, err := Build(labs, products, nil)
	require.NoError(t, err)
	defer with.Close()
	without, err := Build(labs, products, nil)
	require.NoError(t, err)
	defer without.Close()
	require.NotNil(t, with.labs.lists)
	require.NotNil(t, with.products.lists)
	without.labs.lists, without.products.lists = nil, nil
	ctx := context.Background()
	for _, q := range listQueries(labs) {
		want, err := without.SearchLabs(ctx, q)
		require.NoError(t, err, q.Text)
		got, err := with.SearchLabs(ctx, q)
		require.NoError(t, err, q.Text)
		require.Equal(t, want, got, q.Text)
		pq := ProductQuery{Text: q.Text, Page: q.Page}
		wantP, err := without.SearchProducts(ctx, pq)
		require.NoError(t, err, q.Text)
		gotP, err := with.SearchProducts(ctx, pq)
		require.NoError(t, err, q.Text)
		require.Equal(t, wantP, gotP, q.Text)
	}
}

// New records are listed as they are added; replacing or deleting a record drops the
// lists, which cannot drop its old terms, and the index answers from bleve's.
func TestTermListsDropOnReplace(t *testing.T) {
	t.Parallel()
	labs := bundledLabs(t)
	ix, err := Build(labs[:100], nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	ctx := context.Background()
	require.NoError(t, ix.AddLabs(labs[100:200]...))
	require.NotNil(t, ix.labs.lists)
	finds := func(text, id string) bool {
		r, err := ix.SearchLabs(ctx, Query{Text: text, Scope: &Scope{IDs: []string{id}}})
		require.NoError(t, err)
		return r.Total == 1
	}
	require.True(t, finds(labs[150].Name, labs[150].ID))

	renamed := labs[150]
	renamed.Name = "燃烧动力学重点实验室"
	require.NoError(t, ix.AddLabs(renamed))
	require.Nil(t, ix.labs.lists)
	require.False(t, finds(labs[150].Name, labs[150].ID), "the old name still finds the lab")
	require.True(t, finds(renamed.Name, labs[150].ID))

	small, err := Build(labs[:10], nil, nil)
	require.NoError(t, err)
	defer small.Close()
	require.NoError(t, small.DeleteLab(labs[3].ID))
	require.Nil(t, small.labs.lists)
	require.NoError(t, small.Rebuild(labs[:10], nil))
	require.NotNil(t, small.labs.lists)
}

// An index opened from disk lists its records again as it reads them, and answers as
// bleve's posting lists do.
func TestTermListsOnOpen(t *testing.T) {
	t.Parallel()
	labs := bundledLabs(t)[:200]
	path := t.TempDir() + "/ix"
	built, err := Build(labs, nil, &Options{Path: path})
	require.NoError(t, err)
	require.NoError(t, built.Close())
	ix, err := Open(path, nil)
	require.NoError(t, err)
	defer ix.Close()
	require.NotNil(t, ix.labs.lists)
	ctx := context.Background()
	for _, q := range listQueries(labs) {
		got, err := ix.SearchLabs(ctx, q)
		require.NoError(t, err, q.Text)
		lists := ix.labs.lists
		ix.labs.lists = nil
		want, err := ix.SearchLabs(ctx, q)
		ix.labs.lists = lists
		require.NoError(t, err, q.Text)
		require.Equal(t, want, got, q.Text)
	}
}
