package search

import (
	"context"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
)

func TestRankingExactNameFirst(t *testing.T) {
	t.Parallel()
	ix, labs := bundledIndex(t), bundledLabs(t)
	for _, l := range labs[:120] {
		r, err := ix.SearchLabs(context.Background(), Query{Text: l.Name})
		require.NoError(t, err)
		require.NotEmpty(t, r.Hits, l.Name)
		require.Equal(t, l.Name, r.Hits[0].Name, "exact name %q", l.Name)
	}
}

func TestRankingWholeFieldThenPrefixThenContains(t *testing.T) {
	t.Parallel()
	labs := []catalog.Lab{
		lab("contains", "北京色谱分析中心", "某大学", "甲"),
		lab("services", "某实验室", "某研究院", "乙"),
		lab("prefix", "色谱分析技术重点实验室", "某公司", "丙"),
		lab("exact", "色谱分析", "某所", "丁"),
		lab("entity", "某中心", "天津大学", "戊"),
		lab("aerospace", "某测试中心", "北京航天大学", "己"),
	}
	labs[1].Services = []string{"色谱分析"}
	ix, err := Build(labs, nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	ids := func(q string) []string {
		r, err := ix.SearchLabs(context.Background(), Query{Text: q})
		require.NoError(t, err)
		var out []string
		for _, h := range r.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	got := ids("色谱分析")
	require.Equal(t, []string{"exact", "prefix"}, got[:2])
	require.ElementsMatch(t, []string{"exact", "prefix", "contains", "services"}, got)
	// 天大 is an alias of 天津大学 and a substring of 北京航天大学: both are found,
	// the alias's institution first.
	require.Equal(t, []string{"entity", "aerospace"}, ids("天大"))
}

func TestSortOrders(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	for _, s := range []Sort{SortName, SortRegion} {
		r, err := ix.SearchLabs(context.Background(), Query{Text: "实验室", Sort: s, Size: MaxSize})
		require.NoError(t, err)
		for i := 1; i < len(r.Hits); i++ {
			a, b := r.Hits[i-1], r.Hits[i]
			if s == SortRegion && a.Region != b.Region {
				require.Less(t, a.Region, b.Region)
				continue
			}
			require.LessOrEqual(t, a.Name, b.Name)
		}
	}
}

// topK keeps exactly the k best of what it is offered, in order.
func TestTopKKeepsTheBest(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 200; round++ {
		n, k := rng.IntN(60), rng.IntN(20)
		all := make([]cand, n)
		top := &topK{k: k, better: byScore}
		for i := range all {
			all[i] = cand{ord: int32(i), score: float64(rng.IntN(8))}
			top.offer(all[i])
		}
		sort.Slice(all, func(i, j int) bool { return byScore(all[i], all[j]) })
		want := all[:min(k, n)]
		if len(want) == 0 {
			want = nil
		}
		got := top.sorted()
		if len(got) == 0 {
			got = nil
		}
		require.Equal(t, want, got)
	}
}
