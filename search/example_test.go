package search_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

func exampleLabs() []catalog.Lab {
	return []catalog.Lab{
		{ID: "1", Region: catalog.Tianjin, Name: "内燃机燃烧学国家重点实验室", LegalEntity: "天津大学", Contact: "李静", Phone: "022-27401774", Kind: catalog.NationalKeyLab},
		{ID: "2", Region: catalog.Beijing, Name: "清洁燃烧与烟气净化重点实验室", LegalEntity: "北京化工大学", Contact: "王芳", Phone: "010-64434567", Kind: catalog.ProvincialKeyLab},
		{ID: "3", Region: catalog.Tianjin, Name: "色谱分析检测中心", LegalEntity: "天津科技大学", Contact: "张伟", Phone: "022-60601234", Kind: catalog.StatutoryTestingAgency},
	}
}

// Build an index in memory and search it: a part of a name, highlighted.
func ExampleBuild() {
	ix, err := search.Build(exampleLabs(), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	res, err := ix.SearchLabs(context.Background(), search.Query{Text: "燃烧"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Page.Summary())
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Highlights["name"][0])
	}
	fmt.Println(res.Facets.Region.Counts())
	// Output:
	// 共检索到 2 条记录
	// 1 内燃机<mark>燃烧</mark>学国家重点实验室
	// 2 清洁<mark>燃烧</mark>与烟气净化重点实验室
	// [{北京 1} {天津 1}]
}

// Search with a region filter, and in pinyin initials.
func ExampleIndex_SearchLabs_filter() {
	ix, err := search.Build(exampleLabs(), nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	ctx := context.Background()
	res, _ := ix.SearchLabs(ctx, search.Query{Text: "大学", Regions: []catalog.Region{catalog.Tianjin}})
	for _, h := range res.Hits {
		fmt.Println(h.Name, "·", h.LegalEntity)
	}
	res, _ = ix.SearchLabs(ctx, search.Query{Text: "tjdx"})
	fmt.Println(res.Total, res.Hits[0].Highlights["legal_entity"][0])
	fmt.Println(res.Page.Window())
	// Output:
	// 内燃机燃烧学国家重点实验室 · 天津大学
	// 色谱分析检测中心 · 天津科技大学
	// 1 <mark>天津大学</mark>
	// 共有 1 行数据, 当前显示 1 到 1 行
}
