package search

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
)

// Facet counts equal a direct count over every hit, with and without filters and scope.
func TestFacetCountsEqualDirectCount(t *testing.T) {
	t.Parallel()
	ix, labs := bundledIndex(t), bundledLabs(t)
	byID := map[string]catalog.Lab{}
	for _, l := range labs {
		byID[l.ID] = l
	}
	for _, q := range []Query{
		{},
		{Text: "实验室"},
		{Text: "光"},
		{Text: "检测", Regions: []catalog.Region{catalog.Tianjin, catalog.Hebei}},
		{Text: "中心", Kinds: []catalog.LabKind{catalog.EngineeringCenter}},
		{LegalEntity: labs[0].LegalEntity},
		{Text: "重点", Scope: &Scope{Regions: []catalog.Region{catalog.Beijing}}},
		{Scope: &Scope{IDs: []string{labs[0].ID, labs[1].ID, "nope"}}},
	} {
		r, err := ix.SearchLabs(context.Background(), q)
		require.NoError(t, err)
		ids := allIDs(t, ix, q)
		require.Len(t, ids, r.Total)
		region, kind, entity := Facet{}, Facet{}, Facet{}
		for id := range ids {
			l := byID[id]
			region[string(l.Region)]++
			kind[string(l.Kind)]++
			entity[l.LegalEntity]++
			if len(q.Regions) > 0 {
				require.Contains(t, q.Regions, l.Region)
			}
			if len(q.Kinds) > 0 {
				require.Contains(t, q.Kinds, l.Kind)
			}
			if q.Scope != nil && len(q.Scope.Regions) > 0 {
				require.Contains(t, q.Scope.Regions, l.Region)
			}
		}
		require.Equal(t, region, r.Facets.Region, "%+v", q)
		require.Equal(t, kind, r.Facets.Kind, "%+v", q)
		require.Equal(t, entity, r.Facets.LegalEntity, "%+v", q)
	}
}

// The scope is part of the query: what it hides is in no total, facet or page.
func TestScopeHidesEverywhere(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	all, err := ix.SearchLabs(context.Background(), Query{Text: "实验"})
	require.NoError(t, err)
	scoped, err := ix.SearchLabs(context.Background(), Query{Text: "实验", Scope: &Scope{Regions: []catalog.Region{catalog.Hebei}}})
	require.NoError(t, err)
	require.Equal(t, all.Facets.Region[string(catalog.Hebei)], scoped.Total)
	require.Equal(t, Facet{string(catalog.Hebei): scoped.Total}, scoped.Facets.Region)
	none, err := ix.SearchLabs(context.Background(), Query{Scope: &Scope{IDs: []string{}}})
	require.NoError(t, err)
	require.Zero(t, none.Total)
	require.Empty(t, none.Hits)
}

func TestFacetCounts(t *testing.T) {
	t.Parallel()
	f := Facet{"天津": 3, "北京": 5, "河北": 3}
	require.Equal(t, []FacetCount{{"北京", 5}, {"天津", 3}, {"河北", 3}}, f.Counts())
}
