package catalog

// ManualLabs returns the six lab cards printed in section 四 of the reference user
// manual, text as printed: region, name, 法人单位, 联系人 and 联系电话 are copied
// character for character, phones without an area code stay without one, and the legal
// entity the manual cuts short ("北京中航先进工业技术研究...") is kept as shown with
// "legal_entity" in Truncated. The manual does not print a kind; the kind given here is
// read from each lab's name. Each call returns a fresh slice.
func ManualLabs() []Lab {
	return []Lab{
		{
			ID: "manual-01", Region: Beijing, Name: "复杂产品先进制造系统教育部工程研究中心",
			LegalEntity: "北京中航先进工业技术研究...", Contact: "李萌", Phone: "82338428",
			Kind: EngineeringCenter, Batch: "首批", Source: SourceManual, Truncated: []string{"legal_entity"},
		},
		{
			ID: "manual-02", Region: Tianjin, Name: "内燃机燃烧学国家重点实验室",
			LegalEntity: "天津大学", Contact: "李静", Phone: "022-27401774",
			Kind: NationalKeyLab, Batch: "首批", Source: SourceManual,
		},
		{
			ID: "manual-03", Region: Hebei, Name: "道路与铁道工程安全保障",
			LegalEntity: "石家庄铁道大学", Contact: "卜建清", Phone: "18931862517",
			Kind: ProvincialKeyLab, Batch: "首批", Source: SourceManual,
		},
		{
			ID: "manual-04", Region: Beijing, Name: "北京大学生殖内分泌与辅助生殖技术北京市重点实验室",
			LegalEntity: "北京大学第三医院", Contact: "马靖", Phone: "62423361",
			Kind: ProvincialKeyLab, Batch: "首批", Source: SourceManual,
		},
		{
			ID: "manual-05", Region: Tianjin, Name: "系统生物工程教育部重点实验室",
			LegalEntity: "天津大学", Contact: "李静", Phone: "022-27401774",
			Kind: ProvincialKeyLab, Batch: "首批", Source: SourceManual,
		},
		{
			ID: "manual-06", Region: Hebei, Name: "河北省交通应急保障工程技术研究中心",
			LegalEntity: "石家庄铁道大学", Contact: "徐光兴", Phone: "15511336738",
			Kind: EngineeringCenter, Batch: "首批", Source: SourceManual,
		},
	}
}
