package catalog

import (
	"strings"

	"github.com/cxqkit/cxq"
)

// Codes of price and category problems.
const (
	CodeBadPrice    = "bad_price"    // params: value
	CodeBadCategory = "bad_category" // params: value
	CodeNegative    = "negative"     // a negative amount or count
)

// String prints the price as the marketplace does: "100.00 元/项"; without a unit,
// "100.00 元".
func (p Price) String() string {
	if p.Unit == "" {
		return p.Amount.String() + " 元"
	}
	return p.Amount.String() + " 元/" + p.Unit
}

// ParsePrice reads a price as printed: "100.00 元/项", "100元/次", "¥1,200.00/样",
// "100.00" (no unit). Full-width slashes are accepted.
func ParsePrice(s string) (Price, error) {
	t := strings.TrimSpace(strings.ReplaceAll(s, "／", "/"))
	amount, unit, _ := strings.Cut(t, "/")
	amount = strings.TrimSpace(amount)
	amount = strings.TrimSpace(strings.TrimSuffix(amount, "元"))
	amount = strings.TrimLeft(amount, "¥￥ ")
	unit = strings.TrimSpace(unit)
	m, err := cxq.ParseMoney(amount)
	if err != nil || amount == "" || (strings.Contains(t, "/") && unit == "") {
		return Price{}, cxq.NewFieldError("price", CodeBadPrice, map[string]string{"value": cxq.Clip(s, 40)},
			cxq.T("收费标准“{value}”格式不正确，应如“100.00 元/项”", "price \"{value}\" is not like \"100.00 元/项\""))
	}
	return Price{Amount: m, Unit: unit}, nil
}

// String prints the category as the marketplace does: "仪器设备 - 仪器共享".
func (c Category) String() string {
	if c.Sub == "" {
		return c.Top
	}
	return c.Top + " - " + c.Sub
}

// ParseCategory reads a two-level category written "仪器设备 - 仪器共享",
// "仪器设备/仪器共享" or "仪器设备>仪器共享"; a single word is a top-level category.
func ParseCategory(s string) (Category, error) {
	t := strings.TrimSpace(s)
	for _, sep := range []string{" - ", "/", "／", ">", "＞", "-", "－"} {
		if top, sub, ok := strings.Cut(t, sep); ok {
			top, sub = strings.TrimSpace(top), strings.TrimSpace(sub)
			if top == "" || sub == "" {
				break
			}
			return Category{Top: top, Sub: sub}, nil
		}
	}
	if t == "" || strings.ContainsAny(t, "/／>＞") {
		return Category{}, cxq.NewFieldError("category", CodeBadCategory, map[string]string{"value": cxq.Clip(s, 40)},
			cxq.T("产品类型“{value}”格式不正确，应如“仪器设备 - 仪器共享”", "category \"{value}\" is not like \"仪器设备 - 仪器共享\""))
	}
	return Category{Top: t}, nil
}

// Categories returns the demo marketplace's category tree, top levels in display order.
func Categories() []Category {
	return []Category{
		{"仪器设备", "仪器共享"}, {"仪器设备", "设备租赁"},
		{"研发设计", "工业设计"}, {"研发设计", "软件开发"}, {"研发设计", "委托研发"},
		{"检测认证", "检验检测"}, {"检测认证", "计量校准"}, {"检测认证", "认证认可"},
		{"成果转化", "技术转移"}, {"成果转化", "知识产权"},
		{"科技咨询", "技术咨询"}, {"科技咨询", "科技查新"},
	}
}
