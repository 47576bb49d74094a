package catalog

import (
	"strings"

	"github.com/cxqkit/cxq"
)

// Text limits of providers and products, in characters (runes).
const (
	MaxOrgNameLen      = 100
	MaxPlaceLen        = 30
	MaxProductNameLen  = 100
	MaxCategoryLen     = 20
	MaxUnitLen         = 10
	MaxPolicyLen       = 100
	MaxPolicies        = 20
	MaxPromiseLen      = 20
	MaxPromises        = 10
	MaxDescriptionLen  = 2000
	MaxProductLocation = 30
)

// Validate checks the provider: ID, name and region are required; the phone must be what
// cxq.CheckPhone accepts and the USCC what cxq.CheckUSCC accepts, when given.
func (p Provider) Validate() error {
	var ps cxq.Problems
	ps.Add(checkID("id", p.ID))
	ps.Add(cxq.CheckText("name", cxq.T("单位名称", "organisation name"), p.Name, cxq.TextRule{Required: true, Max: MaxOrgNameLen}))
	if strings.TrimSpace(string(p.Region)) == "" {
		ps.Add(cxq.Required("region", labelRegion))
	} else if !p.Region.Valid() {
		ps.Add(unknownRegion(string(p.Region)))
	}
	ps.Add(cxq.CheckText("city", cxq.T("城市", "city"), p.City, cxq.TextRule{Max: MaxPlaceLen}))
	ps.Add(cxq.CheckText("district", cxq.T("区县", "district"), p.District, cxq.TextRule{Max: MaxPlaceLen}))
	ps.Add(cxq.CheckText("park", cxq.T("园区", "park"), p.Park, cxq.TextRule{Max: MaxPlaceLen}))
	ps.Add(cxq.CheckText("contact", labelContact, p.Contact, cxq.TextRule{Max: MaxContactLen}))
	ps.Add(checkPhone("phone", p.Phone))
	if strings.TrimSpace(p.USCC) != "" {
		ps.AddErr("uscc", cxq.CheckUSCC(p.USCC))
	}
	if p.LabID != "" {
		ps.Add(checkID("lab_id", p.LabID))
	}
	return ps.Err()
}

// Validate checks the product: ID, name, provider ID, category (top level), price unit
// and listed date are required; amounts and views may not be negative.
func (p Product) Validate() error {
	var ps cxq.Problems
	ps.Add(checkID("id", p.ID))
	ps.Add(cxq.CheckText("name", cxq.T("产品名称", "product name"), p.Name, cxq.TextRule{Required: true, Max: MaxProductNameLen}))
	ps.Add(checkID("provider_id", p.ProviderID))
	ps.Add(cxq.CheckText("provider", cxq.T("服务机构", "provider"), p.Provider, cxq.TextRule{Max: MaxOrgNameLen}))
	ps.Add(cxq.CheckText("category.top", cxq.T("产品类型", "category"), p.Category.Top, cxq.TextRule{Required: true, Max: MaxCategoryLen}))
	ps.Add(cxq.CheckText("category.sub", cxq.T("产品子类", "subcategory"), p.Category.Sub, cxq.TextRule{Max: MaxCategoryLen}))
	if p.Price.Amount.IsNegative() {
		ps.Add(cxq.NewFieldError("price.amount", CodeNegative, nil, cxq.T("收费标准不能为负数", "price must not be negative")))
	}
	ps.Add(cxq.CheckText("price.unit", cxq.T("计价单位", "price unit"), p.Price.Unit, cxq.TextRule{Required: true, Max: MaxUnitLen}))
	ps.Add(cxq.CheckText("location", cxq.T("所在地", "location"), p.Location, cxq.TextRule{Max: MaxProductLocation}))
	if p.Listed.IsZero() {
		ps.Add(cxq.Required("listed", cxq.T("上架时间", "listed date")))
	}
	if p.Views < 0 {
		ps.Add(cxq.NewFieldError("views", CodeNegative, nil, cxq.T("浏览量不能为负数", "views must not be negative")))
	}
	ps.Add(checkList("policies", cxq.T("享受政策", "policies"), p.Policies, MaxPolicies, MaxPolicyLen))
	ps.Add(checkList("promise", cxq.T("服务承诺", "service promise"), p.Promise, MaxPromises, MaxPromiseLen))
	ps.Add(cxq.CheckText("description", cxq.T("产品描述", "description"), p.Description, cxq.TextRule{Max: MaxDescriptionLen}))
	return ps.Err()
}
