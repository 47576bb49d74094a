package catalog

import (
	"strings"
	"time"

	"github.com/cxqkit/cxq"
)

// Provider is a service provider (服务机构) of the marketplace.
type Provider struct {
	ID     string `json:"id"`
	Name   string `json:"name"`           // 单位名称
	Region Region `json:"region"`         // where it is registered
	City   string `json:"city,omitempty"` // e.g. "天津", "昌平" for district-level policy tiers
	// District is the district or county (区/县) where it is registered, e.g. "昌平",
	// "滨海新区"; district-level voucher tiers read it.
	District string `json:"district,omitempty"`
	// Park is the science park it sits in, e.g. "未来科学城", "中关村科技园区".
	Park string `json:"park,omitempty"`
	// CentralSOE marks a central state-owned enterprise or institution (中央企业/央属单位),
	// which some tiers (e.g. Beijing Changping's 未来科学城 rule) treat apart.
	CentralSOE bool   `json:"central_soe,omitempty"`
	Contact    string `json:"contact"`          // 联系人
	Phone      string `json:"phone"`            // 联系电话
	USCC       string `json:"uscc,omitempty"`   // 统一社会信用代码
	LabID      string `json:"lab_id,omitempty"` // the open lab it operates, if any
}

// Category is a two-level product category such as 仪器设备 / 仪器共享.
type Category struct {
	Top string `json:"top"` // 仪器设备, 研发设计, 检测认证, 成果转化, 科技咨询 …
	Sub string `json:"sub"` // 仪器共享 …
}

// Price is what a product costs per unit, printed "100.00 元/项".
type Price struct {
	Amount cxq.Money `json:"amount"`
	Unit   string    `json:"unit"` // 项, 次, 样, 小时 …
}

// Product is a service product (服务产品) of the marketplace (科淘商城).
type Product struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	ProviderID  string    `json:"provider_id"`
	Provider    string    `json:"provider"` // the provider's name, as listed
	Category    Category  `json:"category"`
	Price       Price     `json:"price"`
	Location    string    `json:"location"`           // 所在地
	Listed      time.Time `json:"listed"`             // 上架时间, a date in China Standard Time
	Views       int       `json:"views"`              // 浏览量
	Voucher     bool      `json:"voucher"`            // 创新券标识: the product may be bought with a voucher
	Policies    []string  `json:"policies,omitempty"` // 享受政策
	Promise     []string  `json:"promise,omitempty"`  // 服务承诺, e.g. 客户至上, 如实描述
	Description string    `json:"description,omitempty"`
	// ServiceKind says what kind of service the product is when a voucher policy
	// excludes that kind (one of the Service constants); empty for an ordinary service.
	ServiceKind string `json:"service_kind,omitempty"`
}

// The kinds of service voucher policies exclude by name, for Product.ServiceKind. Each
// equals the code of the policy exclusion that refuses it.
const (
	ServiceStatutoryTesting = "statutory_testing" // 法定检测、强制性检测
	ServiceIPFees           = "ip_fees"           // 知识产权官费、年费
	ServiceRent             = "rent"              // 房租
	ServiceUtilities        = "utilities"         // 水电费
)

// CodeBadDate is the code of a date ParseDate cannot read; params: value.
const CodeBadDate = "bad_date"

// ParseDate reads a date as lists print it — "2017-7-11", "2017-07-11", "2017/7/11",
// "2017.7.11", "2017年7月11日" or RFC 3339 — as midnight China Standard Time.
func ParseDate(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if ts, err := time.Parse(time.RFC3339, t); err == nil {
		return ts, nil
	}
	r := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "")
	norm := r.Replace(t)
	if ts, err := time.ParseInLocation("2006-1-2", norm, cxq.China()); err == nil {
		return ts, nil
	}
	return time.Time{}, cxq.NewFieldError("", CodeBadDate, map[string]string{"value": cxq.Clip(s, 40)},
		cxq.T("日期“{value}”格式不正确，应如 2017-07-11", "date \"{value}\" is not like 2017-07-11"))
}
