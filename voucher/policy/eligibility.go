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
	// OrderDeclined: the provider declined the order (which is then not confirmed either).
	OrderDeclined bool
	// ApplicationLive: the order already has an application that is not rejected or
	// withdrawn.
	ApplicationLive bool
	// Usage is the enterprise's claims under the policy in the current period.
	Usage Usage
	// ServiceKinds tags the service with exclusion codes beyond the product's own
	// ServiceKind, e.g. "statutory_testing".
	ServiceKinds []string
	// Held lists the IDs of other programmes whose vouchers the enterprise holds now,
	// beyond those in Enterprise.Held.
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
	out := badgeReasons(in)
	if !p.InEffect(in.At) {
		out = append(out, reason(CodeNotInEffect, map[string]string{"policy": p.Ref().String()}))
	}
	out = append(out, enterpriseReasons(p, in)...)
	out = append(out, confirmReasons(in)...)
	if in.ApplicationLive {
		out = append(out, reason(CodeApplicationLive, nil))
	}
	out = append(out, claimReasons(p, in)...)
	out = append(out, providerReasons(p, in)...)
	return out
}

// OrderReasons are the reasons of [Eligibility] that the order alone gives, whatever
// the policy, the enterprise and its claims: its product carried no 创新券 badge when
// ordered, or its provider has not confirmed it (or declined it). No application may be drafted for
// such an order.
func OrderReasons(in EligibilityInput) []Reason {
	return append(badgeReasons(in), confirmReasons(in)...)
}

func badgeReasons(in EligibilityInput) []Reason {
	if in.Product.Voucher {
		return nil
	}
	return []Reason{reason(CodeNoVoucherBadge, map[string]string{"product": in.Product.Name})}
}

func confirmReasons(in EligibilityInput) []Reason {
	switch {
	case in.OrderConfirmed:
		return nil
	case in.OrderDeclined:
		return []Reason{reason(CodeOrderDeclined, nil)}
	}
	return []Reason{reason(CodeOrderUnconfirm, nil)}
}

func enterpriseReasons(p Policy, in EligibilityInput) []Reason {
	var out []Reason
	e, rq := in.Enterprise, p.Requires
	team := rq.CrowdSpaceTeam && e.CrowdSpaceTeam
	if rq.Certified && !team && !e.CertifiedAt(in.At) {
		if e.Certified {
			out = append(out, reason(CodeCertExpired, map[string]string{"until": ChinaTime(e.CertifiedUntil).Format("2006-01-02")}))
		} else {
			out = append(out, reason(CodeNotCertified, nil))
		}
	}
	if !rq.MaxRevenue.IsZero() && !team {
		years := max(rq.RevenueYears, 1)
		for y := ClaimYear(in.At) - 1; y >= ClaimYear(in.At)-years; y-- {
			ys := strconv.Itoa(y)
			rev, ok := e.RevenueIn(y)
			switch {
			case !ok:
				out = append(out, reason(CodeRevenueUnknown, map[string]string{"year": ys}))
			case !rev.LessThan(rq.MaxRevenue):
				out = append(out, reason(CodeRevenueTooHigh, map[string]string{"year": ys, "max": rq.MaxRevenue.String(), "revenue": rev.String()}))
			}
		}
	}
	if rq.MaxStaff > 0 && e.Staff >= rq.MaxStaff && !team {
		out = append(out, reason(CodeTooManyStaff, map[string]string{"max": strconv.Itoa(rq.MaxStaff), "staff": strconv.Itoa(e.Staff)}))
	}
	if !rq.MaxCapital.IsZero() && e.Capital.GreaterThan(rq.MaxCapital) && !team {
		out = append(out, reason(CodeCapitalTooHigh, map[string]string{"max": rq.MaxCapital.String(), "capital": e.Capital.String()}))
	}
	if rq.NoBadCredit && e.BadCredit {
		out = append(out, reason(CodeBadCredit, nil))
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
	places := p.PlaceReasons(in.Enterprise.Place, ProviderPlace(in.Provider))
	out = append(out, places...)
	terms := p.TermsFor(in.Enterprise.Place, ProviderPlace(in.Provider))
	if len(places) == 0 && !terms.Cap.IsZero() && !in.Usage.Claimed.LessThan(terms.Cap) {
		out = append(out, reason(CodeQuotaExhausted, map[string]string{"cap": terms.Cap.String()}))
	}
	if r, ok := reclaimRefused(p, in.Usage); ok {
		out = append(out, r)
	}
	held := append(append([]string(nil), in.Held...), in.Enterprise.Held...)
	for _, id := range p.Exclusive {
		for _, h := range held {
			if h == id {
				out = append(out, reason(CodeExclusive, map[string]string{"policy": id}))
			}
		}
	}
	return out
}

func providerReasons(p Policy, in EligibilityInput) []Reason {
	var out []Reason
	if p.NoRelated {
		if r, ok := in.Enterprise.RelatedTo(in.Provider.ID, in.Provider.USCC, in.Provider.Name); ok {
			out = append(out, reason(CodeRelatedParty, map[string]string{"provider": in.Provider.Name, "kind": r.Kind}))
		}
	}
	for _, x := range p.Excluded {
		if excluded(x, in.Product.Category, append([]string{in.Product.ServiceKind}, in.ServiceKinds...)) {
			out = append(out, reason(CodeExcludedService, map[string]string{"label_zh": x.Label.ZH, "label_en": x.Label.EN, "service": x.Code}))
		}
	}
	return out
}

func excluded(x Exclusion, c catalog.Category, kinds []string) bool {
	for _, k := range kinds {
		if k != "" && k == x.Code {
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
