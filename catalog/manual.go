package catalog

import (
	"fmt"
	"slices"
)

// ManualLabs returns the six lab cards printed in section 四 of the reference user
// manual, text as printed: region, name, 法人单位, 联系人 and 联系电话 are copied
// character for character, phones without an area code stay without one, and the legal
// entity the manual cuts short ("北京中航先进工业技术研究...") is kept as shown with
// "legal_entity" in Truncated. The manual does not print a kind; the kind given here is
// read from each lab's name. Each call returns a fresh slice.
func ManualLabs() []Lab {
	labs := make([]Lab, len(manualCards))
	for i, c := range manualCards {
		labs[i] = Lab{
			ID: fmt.Sprintf("manual-%02d", i+1), Region: c.region, Name: c.name,
			LegalEntity: c.legalEntity, Contact: c.contact, Phone: c.phone,
			Kind: c.kind, Batch: "首批", Source: SourceManual, Truncated: slices.Clone(c.truncated),
		}
	}
	return labs
}

// manualCards are the manual's lab cards in the order printed, as printed; the kind is
// read from the name and truncated names the fields the manual cuts short.
var manualCards = [...]struct {
	region                            Region
	name, legalEntity, contact, phone string
	kind                              LabKind
	truncated                         []string
}{
	{Beijing, "复杂产品先进制造系统教育部工程研究中心", "北京中航先进工业技术研究...", "李萌", "82338428", EngineeringCenter, []string{"legal_entity"}},
	{Tianjin, "内燃机燃烧学国家重点实验室", "天津大学", "李静", "022-27401774", NationalKeyLab, nil},
	{Hebei, "道路与铁道工程安全保障", "石家庄铁道大学", "卜建清", "18931862517", ProvincialKeyLab, nil},
	{Beijing, "北京大学生殖内分泌与辅助生殖技术北京市重点实验室", "北京大学第三医院", "马靖", "62423361", ProvincialKeyLab, nil},
	{Tianjin, "系统生物工程教育部重点实验室", "天津大学", "李静", "022-27401774", ProvincialKeyLab, nil},
	{Hebei, "河北省交通应急保障工程技术研究中心", "石家庄铁道大学", "徐光兴", "15511336738", EngineeringCenter, nil},
}
