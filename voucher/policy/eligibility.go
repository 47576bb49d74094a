package policy

import (
	"strconv"
	"time"

	"github.com/cxqkit/cxq/catalog"
)

// EligibilityInput is the plain facts about an enterprise and one of its orders at a
// moment. The caller gathers them from its records; Eligibility only judges.
type EligibilityInput struct {
	At         time.Time
	Enterprise Enterprise
	Product    catalog.Product
	Provider   catalog.Provider
	// OrderConfirmed: the provider confirmed the order.
	OrderConfirmed bool
	// ApplicationLive: the order already has an application that is not rejected or
	// withdrawn.
	ApplicationLive bool
	// Usage is the enterprise's claims under the policy in the current period.
	Usage Usage
	// ServiceKinds tags the service with exclusion codes the catalog cannot express,
	// e.g. "statutory_testing".
	ServiceKinds []string
	// Held lists the IDs of other programmes whose vouchers the enterprise holds now.
	Held []string
}

// ProviderPlace returns where a catalog provider is, for tiers and bonuses.
func ProviderPlace(p catalog.Provider) Place {
	return Place{Region: string(p.Region), City: p.City, District: p.District, Park: p.Park, CentralSOE: p.CentralSOE}
}

// Eligibility returns every reason the order cannot get a voucher under p at in.At, in
// a fixed order (product, policy, enterprise, order, quota and claims, provider); an
// empty result means it can. This answers "为什么我的订单没有出现在这里".
func Eligibility(p Policy, in EligibilityInput) []Reason {
	var out []Reason
	if !in.Product.Voucher {
		out = append(out, reason(CodeNoVoucherBadge, map[string]string{"product": in.Product.Name},
			"服务产品“{product}”没有创新券标识", "the product “{product}” does not carry the innovation voucher badge"))
	}
	if !p.InEffect(in.At) {
		out = append(out, reason(CodeNotInEffect, map[string]string{"policy": p.Ref().String()},
			"政策 {policy} 在申请时间不适用", "policy {policy} does not apply at that time"))
	}
	out = append(out, enterpriseReasons(p, in)...)
	if !in.OrderConfirmed {
		out = append(out, reason(CodeOrderUnconfirm, nil, "订单尚未经服务机构确认", "the provider has not confirmed the order yet"))
	}
	if in.ApplicationLive {
		out = append(out, reason(CodeApplicationLive, nil, "该订单已有创新券申请", "the order already has a voucher application"))
	}
	out = append(out, claimReasons(p, in)...)
	out = append(out, providerReasons(p, in)...)
	return out
}

func enterpriseReasons(p Policy, in EligibilityInput) []Reason {
	var out []Reason
	e, rq := in.Enterprise, p.Requires
	team := rq.CrowdSpaceTeam && e.CrowdSpaceTeam
	if rq.Certified && !team && !e.CertifiedAt(in.At) {
		if e.Certified {
			out = append(out, reason(CodeCertExpired, map[string]string{"until": ChinaTime(e.CertifiedUntil).Format("2006-01-02")},
				"科技型中小企业认定已于 {until} 到期", "the 科技型中小企业 certification expired on {until}"))
		} else {
			out = append(out, reason(CodeNotCertified, nil, "企业未认定为科技型中小企业", "the enterprise is not certified as a 科技型中小企业"))
		}
	}
	if !rq.MaxRevenue.IsZero() && !team {
		years := max(rq.RevenueYears, 1)
		for y := ClaimYear(in.At) - 1; y >= ClaimYear(in.At)-years; y-- {
			ys := strconv.Itoa(y)
			rev, ok := e.RevenueIn(y)
			switch {
			case !ok:
				out = append(out, reason(CodeRevenueUnknown, map[string]string{"year": ys},
					"缺少 {year} 年营业收入", "the revenue of {year} is not known"))
			case !rev.LessThan(rq.MaxRevenue):
				out = append(out, reason(CodeRevenueTooHigh, map[string]string{"year": ys, "max": rq.MaxRevenue.String(), "revenue": rev.String()},
					"{year} 年营业收入 {revenue} 元，须低于 {max} 元", "revenue of {revenue} in {year} must be below {max}"))
			}
		}
	}
	if rq.MaxStaff > 0 && e.Staff >= rq.MaxStaff && !team {
		out = append(out, reason(CodeTooManyStaff, map[string]string{"max": strconv.Itoa(rq.MaxStaff), "staff": strconv.Itoa(e.Staff)},
			"职工人数 {staff} 人，须少于 {max} 人", "{staff} employees; fewer than {max} are required"))
	}
	if !rq.MaxCapital.IsZero() && e.Capital.GreaterThan(rq.MaxCapital) && !team {
		out = append(out, reason(CodeCapitalTooHigh, map[string]string{"max": rq.MaxCapital.String(), "capital": e.Capital.String()},
			"注册资本 {capital} 元，须不超过 {max} 元", "registered capital of {capital} must be at most {max}"))
	}
	if rq.NoBadCredit && e.BadCredit {
		out = append(out, reason(CodeBadCredit, nil, "企业有不良信用记录", "the enterprise has a record of bad credit"))
	}
	return out
}

func claimReasons(p Policy, in EligibilityInput) []Reason {
	var out []Reason
	year := ClaimYear(in.At)
	for _, b := range in.Usage.Bans {
		if b.Year == year {
			out = append(out, banReason(b))
		}
	}
	terms := p.TermsFor(in.Enterprise.Place, ProviderPlace(in.Provider))
	if !terms.Cap.IsZero() && !in.Usage.Claimed.LessThan(terms.Cap) {
		out = append(out, reason(CodeQuotaExhausted, map[string]string{"cap": terms.Cap.String()},
			"本年度（周期）创新券额度 {cap} 元已用完", "the quota of {cap} for this year (cycle) is used up"))
	}
	if r, ok := reclaimRefused(p, in.Usage); ok {
		out = append(out, r)
	}
	for _, id := range p.Exclusive {
		for _, h := range in.Held {
			if h == id {
				out = append(out, reason(CodeExclusive, map[string]string{"policy": id},
					"已持有 {policy} 创新券的企业不得同时申请本创新券", "a holder of a {policy} voucher may not also claim this one"))
			}
		}
	}
	return out
}

func providerReasons(p Policy, in EligibilityInput) []Reason {
	var out []Reason
	if p.NoRelated {
		if r, ok := in.Enterprise.RelatedTo(in.Provider.ID, in.Provider.USCC, in.Provider.Name); ok {
			out = append(out, reason(CodeRelatedParty, map[string]string{"provider": in.Provider.Name, "kind": r.Kind},
				"企业与服务机构“{provider}”存在关联关系（{kind}）", "the enterprise is affiliated with the provider “{provider}” ({kind})"))
		}
	}
	for _, x := range p.Excluded {
		if excluded(x, in.Product.Category, in.ServiceKinds) {
			out = append(out, reason(CodeExcludedService, map[string]string{"label_zh": x.Label.ZH, "label_en": x.Label.EN, "service": x.Code},
				"{label_zh}不在创新券支持范围内", "{label_en} is not paid for by the voucher"))
		}
	}
	return out
}

func excluded(x Exclusion, c catalog.Category, kinds []string) bool {
	for _, k := range kinds {
		if k == x.Code {
			return true
		}
	}
	for _, cat := range x.Categories {
		if cat == c.Top || cat == c.Top+"/"+c.Sub {
			return true
		}
	}
	return false
}

// Eligible reports whether Eligibility finds no reason.
func Eligible(p Policy, in EligibilityInput) bool { return len(Eligibility(p, in)) == 0 }
