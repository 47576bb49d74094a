package catalog_test

import (
	"fmt"

	"github.com/cxqkit/cxq/catalog"
)

func ExampleBundledLabs() {
	labs, err := catalog.BundledLabs()
	if err != nil {
		panic(err)
	}
	sources := map[catalog.Source]int{}
	for _, l := range labs {
		sources[l.Source]++
	}
	fmt.Println(len(labs), "labs:", sources[catalog.SourceManual], "from the manual,", sources[catalog.SourceSynthetic], "synthetic")
	l := labs[1]
	fmt.Println(l.Region, l.Name, l.LegalEntity, l.Contact, l.Phone)
	fmt.Println(labs[0].LegalEntity, labs[0].Truncated)
	// Output:
	// 753 labs: 6 from the manual, 747 synthetic
	// 天津 内燃机燃烧学国家重点实验室 天津大学 李静 022-27401774
	// 北京中航先进工业技术研究... [legal_entity]
}

func ExampleParsePrice() {
	p, err := catalog.ParsePrice("100.00 元/项")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Amount, p.Unit, p)
	// Output: 100.00 项 100.00 元/项
}

func ExampleParseRegion() {
	for _, s := range []string{"河北省", "Tianjin", "火星"} {
		r, err := catalog.ParseRegion(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r, r.Label().EN)
	}
	// Output:
	// 河北 Hebei
	// 天津 Tianjin
	// region: unknown region "火星"; accepted: 北京、天津、河北、山西、内蒙古、辽宁、吉林、黑龙江、上海、江苏、浙江、安徽、福建、江西、山东、河南、湖北、湖南、广东、广西、海南、重庆、四川、贵州、云南、西藏、陕西、甘肃、青海、宁夏、新疆、香港、澳门、台湾
}

func ExampleBundledProducts() {
	products, err := catalog.BundledProducts()
	if err != nil {
		panic(err)
	}
	p := products[0]
	fmt.Printf("%s 收费标准: %s 所在地: %s\n", p.Name, p.Price, p.Location)
	fmt.Printf("产品类型: %s 上架时间: %s 浏览量: %d次 创新券: %v\n", p.Category, p.Listed.Format("2006-1-2"), p.Views, p.Voucher)
	// Output:
	// 气相色谱仪 收费标准: 100.00 元/项 所在地: 天津
	// 产品类型: 仪器设备 - 仪器共享 上架时间: 2017-7-11 浏览量: 112次 创新券: true
}
