package search

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

func TestAddUpdateDelete(t *testing.T) {
	t.Parallel()
	ix, err := New(nil)
	require.NoError(t, err)
	defer ix.Close()
	ctx := context.Background()
	require.NoError(t, ix.AddLabs(lab("a", "燃烧实验室", "天津大学", "李静"), lab("b", "色谱中心", "南开大学", "张伟")))
	total := func(q string) int {
		r, err := ix.SearchLabs(ctx, Query{Text: q})
		require.NoError(t, err)
		return r.Total
	}
	require.Equal(t, 1, total("燃烧"))
	require.NoError(t, ix.AddLabs(lab("a", "光谱实验室", "天津大学", "李静")))
	require.Equal(t, 0, total("燃烧"))
	require.Equal(t, 1, total("光谱"))
	labs, _ := ix.Len()
	require.Equal(t, 2, labs)
	require.NoError(t, ix.DeleteLab("a"))
	require.Equal(t, 0, total("光谱"))
	require.ErrorIs(t, ix.DeleteLab("a"), cxq.ErrNotFound)
	_, ok := ix.Lab("a")
	require.False(t, ok)
	require.NoError(t, ix.AddLabs(lab("a", "燃烧实验室", "天津大学", "李静")))
	require.Equal(t, 1, total("燃烧"))
	require.ErrorIs(t, ix.AddLabs(lab("", "无编号", "某", "某")), cxq.ErrInvalid)
	require.NoError(t, ix.AddLabs(lab("d", "旧名称", "某", "某"), lab("d", "新名称", "某", "某")))
	require.Equal(t, 0, total("旧名称"))
	require.Equal(t, 1, total("新名称"))
	require.NoError(t, ix.DeleteLab("d"))
	require.Equal(t, 2, total("燃烧")+total("色谱"))

	require.NoError(t, ix.Rebuild([]catalog.Lab{lab("c", "盐雾试验室", "某研究院", "王芳")}, nil))
	require.Equal(t, 0, total("燃烧"))
	require.Equal(t, 1, total("盐雾试验"))
	require.NoError(t, ix.Close())
	require.NoError(t, ix.Close())
	_, err = ix.SearchLabs(ctx, Query{})
	require.ErrorIs(t, err, ErrClosed)
}

func TestOnDiskOpen(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "idx")
	labs := bundledLabs(t)[:50]
	ix, err := Build(labs, nil, &Options{Path: dir})
	require.NoError(t, err)
	require.NoError(t, ix.DeleteLab(labs[0].ID))
	before, err := ix.SearchLabs(context.Background(), Query{Text: "实验"})
	require.NoError(t, err)
	require.NoError(t, ix.Close())

	re, err := Open(dir, nil)
	require.NoError(t, err)
	defer re.Close()
	n, _ := re.Len()
	require.Equal(t, 49, n)
	after, err := re.SearchLabs(context.Background(), Query{Text: "实验"})
	require.NoError(t, err)
	require.Equal(t, before.Total, after.Total)
	require.Equal(t, before.Facets, after.Facets)
	require.Equal(t, before.Hits[0].ID, after.Hits[0].ID)

	_, err = Open(filepath.Join(t.TempDir(), "missing"), nil)
	require.Error(t, err)
}

func TestAliasesAreExtensible(t *testing.T) {
	t.Parallel()
	ix, err := Build([]catalog.Lab{lab("a", "材料实验室", "云栖湾工业大学", "甲")}, nil,
		&Options{Aliases: map[string][]string{"云工大": {"云栖湾工业大学"}}, PinyinOverrides: map[string]string{"云栖": "yun xi"}})
	require.NoError(t, err)
	defer ix.Close()
	for _, q := range []string{"云工大", "yunxi"} {
		r, err := ix.SearchLabs(context.Background(), Query{Text: q})
		require.NoError(t, err)
		require.Equal(t, 1, r.Total, q)
	}
}

func TestPaging(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	ctx := context.Background()
	r1, err := ix.SearchLabs(ctx, Query{Text: "实验室", Size: 7})
	require.NoError(t, err)
	r2, err := ix.SearchLabs(ctx, Query{Text: "实验室", Size: 7, Page: 2})
	require.NoError(t, err)
	all, err := ix.SearchLabs(ctx, Query{Text: "实验室", Size: 14})
	require.NoError(t, err)
	var ids []string
	for _, h := range append(r1.Hits, r2.Hits...) {
		ids = append(ids, h.ID)
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	require.Equal(t, want, ids)
	require.Equal(t, 8, r2.Page.From)
	past, err := ix.SearchLabs(ctx, Query{Text: "实验室", Page: MaxPage})
	require.NoError(t, err)
	require.Empty(t, past.Hits)
	require.Equal(t, r1.Total, past.Total)
}

func TestNewPage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		total, number, size int
		want                Page
		window              string
	}{
		{752, 1, 10, Page{1, 10, 76, 752, 1, 10}, "共有 752 行数据, 当前显示 1 到 10 行"},
		{752, 76, 10, Page{76, 10, 76, 752, 751, 752}, "共有 752 行数据, 当前显示 751 到 752 行"},
		{752, 77, 10, Page{77, 10, 76, 752, 0, 0}, "共有 752 行数据, 当前显示 0 到 0 行"},
		{0, 1, 10, Page{1, 10, 0, 0, 0, 0}, "共有 0 行数据, 当前显示 0 到 0 行"},
		{5, 0, 0, Page{1, DefaultSize, 1, 5, 1, 5}, "共有 5 行数据, 当前显示 1 到 5 行"},
	} {
		p := NewPage(c.total, c.number, c.size)
		require.Equal(t, c.want, p)
		require.Equal(t, c.window, p.Window())
	}
	p := NewPage(752, 5, 10)
	require.Equal(t, "共检索到 752 条记录", p.Summary())
	require.Equal(t, []int{3, 4, 5, 6, 7}, p.Links(5))
	require.Equal(t, []int{1, 2, 3}, NewPage(752, 1, 10).Links(3))
	require.Equal(t, []int{74, 75, 76}, NewPage(752, 76, 10).Links(3))
	require.True(t, p.HasPrev())
	require.True(t, p.HasNext())
}

func TestProducts(t *testing.T) {
	t.Parallel()
	ix := bundledIndex(t)
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	ctx := context.Background()
	all, err := ix.SearchProducts(ctx, ProductQuery{Size: MaxSize})
	require.NoError(t, err)
	require.Equal(t, len(products), all.Total)
	vouchers := 0
	for _, p := range products {
		if p.Voucher {
			vouchers++
		}
	}
	v, err := ix.SearchProducts(ctx, ProductQuery{Voucher: true, Size: MaxSize})
	require.NoError(t, err)
	require.Equal(t, vouchers, v.Total)
	require.Equal(t, Facet{"true": vouchers}, v.Facets.Voucher)
	for _, h := range v.Hits {
		require.True(t, h.Voucher)
	}
	p := products[0]
	r, err := ix.SearchProducts(ctx, ProductQuery{Text: p.Name})
	require.NoError(t, err)
	require.Equal(t, p.ID, r.Hits[0].ID)
	require.NotEmpty(t, r.Hits[0].Highlights["name"])
	cat, err := ix.SearchProducts(ctx, ProductQuery{Categories: []string{p.Category.Top}, Size: MaxSize})
	require.NoError(t, err)
	require.Equal(t, all.Facets.Category[p.Category.Top], cat.Total)
}

// Searches run while labs are added and deleted; run with -race.
func TestConcurrentSearchAndWrite(t *testing.T) {
	t.Parallel()
	labs := bundledLabs(t)[:200]
	ix, err := Build(labs, nil, nil)
	require.NoError(t, err)
	defer ix.Close()
	done := make(chan error, 4)
	for w := 0; w < 3; w++ {
		go func() {
			for i := 0; i < 50; i++ {
				q := []string{"实验", "光", "tjdx", "中心 北京", ""}[i%5]
				r, err := ix.SearchLabs(context.Background(), Query{Text: q})
				if err == nil && len(r.Hits) > r.Total {
					err = cxq.ErrConflict
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	go func() {
		for i := 0; i < 20; i++ {
			l := labs[i]
			if err := ix.DeleteLab(l.ID); err != nil {
				done <- err
				return
			}
			if err := ix.AddLabs(l); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 0; i < 4; i++ {
		require.NoError(t, <-done)
	}
	n, _ := ix.Len()
	require.Equal(t, len(labs), n)
}
