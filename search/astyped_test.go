package search

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
)

// idsWithEntity returns the labs of the list whose legal entity is inst.
func idsWithEntity(labs []catalog.Lab, inst string) map[string]bool {
	out := map[string]bool{}
	for _, l := range labs {
		if l.LegalEntity == inst {
			out[l.ID] = true
		}
	}
	return out
}

// The last syllable may be still being typed: nanka finds 南开大学, tianjin da 天津大学.
func TestPinyinPrefixOfLastSyllable(t *testing.T) {
	t.Parallel()
	ix, labs := generatedIndex(t)
	for q, inst := range map[string]string{
		"nanka": "南开大学", "nankaid": "南开大学", "tianjin da": "天津大学", "tianjin dax": "天津大学",
		"shijiazhuang tie": "石家庄铁道大学", "hebei gongye dax": "河北工业大学", "nkd": "南开大学",
	} {
		got := allIDs(t, ix, Query{Text: q})
		for id := range idsWithEntity(labs, inst) {
			require.True(t, got[id], "%q misses a lab of %s", q, inst)
		}
	}
	// Only the last part is read as a prefix: "nanka daxue" needs a whole kai.
	require.Empty(t, allIDs(t, ix, Query{Text: "nanka daxue"}))
	r, err := ix.SearchLabs(context.Background(), Query{Text: "nanka"})
	require.NoError(t, err)
	require.Contains(t, r.Hits[0].Highlights["legal_entity"], "<mark>南开</mark>大学")
}

// A homophone slip that finds nothing is retried by its pinyin, and the result says
// what it found.
func TestHomophoneSlipIsSuggested(t *testing.T) {
	t.Parallel()
	ix, labs := generatedIndex(t)
	for q, want := range map[string]string{
		"南开大雪": "南开大学", "天津大雪": "天津大学", "河北工业大雪": "河北工业大学", "石家庄铁到": "石家庄铁道",
	} {
		r, err := ix.SearchLabs(context.Background(), Query{Text: q})
		require.NoError(t, err, q)
		require.Equal(t, want, r.Suggested, q)
		require.Equal(t, allIDs(t, ix, Query{Text: want}), allIDs(t, ix, Query{Text: q}), q)
		require.Contains(t, strings.Join(r.Hits[0].Highlights["name"], "")+strings.Join(r.Hits[0].Highlights["legal_entity"], ""), "<mark>", q)
	}
	// A query that finds something is never rewritten, and one that no reading finds
	// says nothing.
	r, err := ix.SearchLabs(context.Background(), Query{Text: "南开大学"})
	require.NoError(t, err)
	require.Empty(t, r.Suggested)
	require.Equal(t, len(idsWithEntity(labs, "南开大学")), r.Total)
	r, err = ix.SearchLabs(context.Background(), Query{Text: "齉龘"})
	require.NoError(t, err)
	require.Zero(t, r.Total)
	require.Empty(t, r.Suggested)
}

// The region's short names find their institutions.
func TestRegionAliases(t *testing.T) {
	t.Parallel()
	ix, labs := generatedIndex(t)
	for q, inst := range map[string]string{
		"天大": "天津大学", "南大": "南开大学", "北航": "北京航空航天大学", "河工大": "河北工业大学",
		"河北工大": "河北工业大学", "首师大": "首都师范大学", "石铁大": "石家庄铁道大学",
		"中国农大": "中国农业大学", "TJU": "天津大学", "BUAA": "北京航空航天大学", "tju": "天津大学",
	} {
		got := allIDs(t, ix, Query{Text: q})
		want := idsWithEntity(labs, inst)
		require.NotEmpty(t, want, inst)
		for id := range want {
			require.True(t, got[id], "%q misses a lab of %s", q, inst)
		}
	}
}

// NoDefaultAliases makes Options.Aliases the whole table.
func TestAliasesAreReplaceable(t *testing.T) {
	t.Parallel()
	labs := []catalog.Lab{lab("a", "材料实验室", "天津大学", "甲"), lab("b", "光学实验室", "云栖湾工业大学", "乙")}
	for _, c := range []struct {
		noDefaults bool
		tianda     int
	}{{false, 1}, {true, 0}} {
		ix, err := Build(labs, nil, &Options{Aliases: map[string][]string{"云工大": {"云栖湾工业大学"}}, NoDefaultAliases: c.noDefaults})
		require.NoError(t, err)
		r, err := ix.SearchLabs(context.Background(), Query{Text: "天大"})
		require.NoError(t, err)
		require.Equal(t, c.tianda, r.Total)
		r, err = ix.SearchLabs(context.Background(), Query{Text: "云工大"})
		require.NoError(t, err)
		require.Equal(t, 1, r.Total)
		require.NoError(t, ix.Close())
	}
}

// Place names whose characters read otherwise elsewhere have their own readings.
func TestHeteronymPlaceNames(t *testing.T) {
	t.Parallel()
	ix, err := Build([]catalog.Lab{lab("a", "乐亭县农产品检测中心", "乐亭县农业农村局", "甲")}, nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	for _, q := range []string{"laoting", "lao ting", "lt"} {
		r, err := ix.SearchLabs(context.Background(), Query{Text: q})
		require.NoError(t, err)
		require.Equal(t, 1, r.Total, q)
	}
	r, err := ix.SearchLabs(context.Background(), Query{Text: "leting"})
	require.NoError(t, err)
	require.Zero(t, r.Total)
}
