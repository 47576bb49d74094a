package sheets

import (
	"io"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// Codes of cell formats in product and provider lists.
const (
	CodeBadNumber = "bad_number" // params: value
	CodeBadBool   = "bad_bool"   // params: value
)

func providerColumns() []column {
	return []column{
		{key: "id", names: []string{"编号", "机构编号"}, required: true},
		{key: "name", names: []string{"单位名称", "机构名称", "名称"}, required: true},
		{key: "region", names: []string{"地区", "省份"}, required: true},
		{key: "city", names: []string{"城市"}},
		{key: "district", names: []string{"区县", "区"}},
		{key: "park", names: []string{"园区"}},
		{key: "central_soe", names: []string{"中央单位", "央企", "中央企业"}},
		{key: "contact", names: []string{"联系人"}},
		{key: "phone", names: []string{"联系电话", "电话"}},
		{key: "uscc", names: []string{"统一社会信用代码", "信用代码"}},
		{key: "lab_id", names: []string{"实验室编号"}},
	}
}

// ReadProviders reads a provider list in CSV, JSON or XLSX, with the rules and results of
// [ReadLabs]. Columns: id/编号, name/单位名称, region/地区 (required); city/城市,
// district/区县, park/园区, central_soe/中央单位 (是/否, true/false, 1/0), contact/联系人,
// phone/联系电话, uscc/统一社会信用代码, lab_id/实验室编号.
func ReadProviders(r io.Reader, format Format, opts *ReadOptions) ([]catalog.Provider, []Problem, error) {
	return readList(r, format, opts, providerColumns(), func(c rowCells) (catalog.Provider, string, error) {
		var ps cxq.Problems
		p := catalog.Provider{
			ID: c.get("id"), Name: c.get("name"), City: c.get("city"), District: c.get("district"),
			Park: c.get("park"), Contact: c.get("contact"), Phone: c.get("phone"), USCC: c.get("uscc"),
			LabID: c.get("lab_id"),
		}
		raw := c.get("region")
		if reg, err := catalog.ParseRegion(raw); err == nil {
			p.Region = reg
		} else {
			p.Region = catalog.Region(raw)
		}
		p.CentralSOE = parseBool(&ps, "central_soe", c.get("central_soe"))
		ps.AddErr("", p.Validate())
		return p, p.ID, ps.Err()
	})
}

func productColumns() []column {
	return []column{
		{key: "id", names: []string{"编号", "产品编号"}, required: true},
		{key: "name", names: []string{"产品名称", "服务产品", "名称"}, required: true},
		{key: "provider_id", names: []string{"机构编号", "服务机构编号"}, required: true},
		{key: "provider", names: []string{"服务机构", "单位名称"}},
		{key: "category", names: []string{"产品类型", "类别"}, required: true},
		{key: "price", names: []string{"收费标准", "价格"}, required: true},
		{key: "location", names: []string{"所在地"}},
		{key: "listed", names: []string{"上架时间", "上架日期"}, required: true},
		{key: "views", names: []string{"浏览量"}},
		{key: "voucher", names: []string{"创新券", "创新券标识"}},
		{key: "policies", names: []string{"享受政策"}},
		{key: "promise", names: []string{"服务承诺"}},
		{key: "description", names: []string{"产品描述", "描述", "简介"}},
	}
}

// ReadProducts reads a product list in CSV, JSON or XLSX, with the rules and results of
// [ReadLabs]. Columns: id/编号, name/产品名称, provider_id/机构编号, category/产品类型
// ("仪器设备 - 仪器共享"), price/收费标准 ("100.00 元/项"), listed/上架时间 ("2017-7-11")
// (required); provider/服务机构, location/所在地, views/浏览量 ("112次"), voucher/创新券
// (是/否), policies/享受政策 (one per line or ";"), promise/服务承诺 (separated by
// spaces too: "客户至上 如实描述"), description/产品描述. JSON may also give category
// as {"top","sub"} and price as {"amount","unit"}, as the Product type marshals.
func ReadProducts(r io.Reader, format Format, opts *ReadOptions) ([]catalog.Product, []Problem, error) {
	return readList(r, format, opts, productColumns(), func(c rowCells) (catalog.Product, string, error) {
		var ps cxq.Problems
		p := catalog.Product{
			ID: c.get("id"), Name: c.get("name"), ProviderID: c.get("provider_id"), Provider: c.get("provider"),
			Location: c.get("location"), Policies: splitList(c.get("policies"), false),
			Promise: splitList(c.get("promise"), true), Description: c.get("description"),
		}
		var err error
		if p.Category, err = catalog.ParseCategory(c.get("category")); err != nil && c.get("category") != "" {
			ps.AddErr("category", err)
		}
		if raw := c.get("price"); raw != "" {
			if p.Price, err = catalog.ParsePrice(raw); err != nil {
				ps.AddErr("price", err)
			}
		}
		if raw := c.get("listed"); raw != "" {
			if p.Listed, err = catalog.ParseDate(raw); err != nil {
				ps.AddErr("listed", err)
			}
		}
		if raw := strings.TrimSuffix(c.get("views"), "次"); raw != "" {
			if p.Views, err = strconv.Atoi(strings.TrimSpace(raw)); err != nil {
				ps.Add(cxq.NewFieldError("views", CodeBadNumber, map[string]string{"value": cxq.Clip(raw, 40)},
					cxq.T("浏览量“{value}”不是整数", "views \"{value}\" is not a whole number")))
			}
		}
		p.Voucher = parseBool(&ps, "voucher", c.get("voucher"))
		failed := map[string]bool{}
		if err := ps.Err(); err != nil {
			for _, e := range err.(*cxq.ValidationError).Errors {
				failed[fieldRoot(e.Field)] = true
			}
		}
		if err := p.Validate(); err != nil {
			for _, e := range err.(*cxq.ValidationError).Errors {
				if !failed[fieldRoot(e.Field)] { // a cell that did not parse is reported once
					ps.Add(e)
				}
			}
		}
		return p, p.ID, ps.Err()
	})
}

// fieldRoot returns the column part of a field path: "price" of "price.unit".
func fieldRoot(field string) string {
	if i := strings.IndexAny(field, ".["); i >= 0 {
		return field[:i]
	}
	return field
}

func parseBool(ps *cxq.Problems, field, s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "否", "无", "false", "no", "n", "0", "f":
		return false
	case "是", "有", "true", "yes", "y", "1", "t", "√", "✓":
		return true
	}
	ps.Add(cxq.NewFieldError(field, CodeBadBool, map[string]string{"value": cxq.Clip(s, 40)},
		cxq.T("“{value}”应为“是”或“否”", "\"{value}\" should be yes or no")))
	return false
}
