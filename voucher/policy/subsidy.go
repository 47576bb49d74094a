package policy

import (
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// Usage is what an enterprise has claimed and used under a policy in the current
// period (the claim year, or the cycle for a per-cycle cap), as the caller's records
// say. Claimed counts against the cap: every live claim's amount (reserved or paid).
type Usage struct {
	Claims  int       `json:"claims"`  // claims granted so far in the period
	Claimed cxq.Money `json:"claimed"` // their total
	Used    cxq.Money `json:"used"`    // how much of it has been used (spent)
	Bans    []Ban     `json:"bans,omitempty"`
}

// Ban is a claim year an enterprise may not claim in, and why.
type Ban struct {
	Year   int      `json:"year"`
	Code   string   `json:"code"`
	Reason cxq.Text `json:"reason"`
}

// ClaimInput is a claim to compute: the estimated contract amount (预估合同金额), or an
// amount the enterprise asks for (Requested), or both.
type ClaimInput struct {
	At        time.Time `json:"at"`
	Contract  cxq.Money `json:"contract"`
	Requested cxq.Money `json:"requested"` // zero: the largest amount the rules allow
	// Enterprise and Provider are where each is registered, for tiers and bonuses.
	Enterprise Place `json:"enterprise"`
	Provider   Place `json:"provider"`
	Usage      Usage `json:"usage"`
}

// Terms is the rate and cap that apply to one pair of enterprise and provider places.
type Terms struct {
	Rate  cxq.Rate  `json:"rate"`
	Cap   cxq.Money `json:"cap"`            // the period cap; zero means none
	Label cxq.Text  `json:"label"`          // the tier and bonuses applied, empty for the base rate
	Tier  int       `json:"tier,omitempty"` // 1-based index of the tier that matched; 0 none
}

// TermsFor returns the rate and cap for an enterprise and provider: the first matching
// tier (else the base rate and cap) plus every matching bonus.
func (p Policy) TermsFor(ent, prov Place) Terms {
	t := Terms{Rate: p.Rate, Cap: p.AnnualCap}
	el, pl := p.local(ent), p.local(prov)
	for i, tier := range p.Tiers {
		if matches(tier.Enterprise, el) && matches(tier.Provider, pl) {
			t.Rate, t.Label, t.Tier = tier.Rate, tier.Label, i+1
			if !tier.AnnualCap.IsZero() {
				t.Cap = tier.AnnualCap
			}
			break
		}
	}
	for _, b := range p.Bonuses {
		if matches(b.Provider, pl) && (b.Park == "" || samePlace(b.Park, prov.Park)) && (!b.CentralSOE || prov.CentralSOE) {
			t.Rate = t.Rate.Add(b.Points)
			t.Label = joinLabel(t.Label, b.Label)
		}
	}
	return t
}

func joinLabel(a, b cxq.Text) cxq.Text {
	if a.IsZero() {
		return b
	}
	return cxq.Text{ZH: a.ZH + "，" + b.ZH, EN: a.EN + ", " + b.EN}
}

func matches(w Where, local bool) bool {
	switch w {
	case Local:
		return local
	case Elsewhere:
		return !local
	}
	return true
}

// local reports whether pl lies in the policy's area, comparing the most specific field
// the area names as places are written ([PlaceName]).
func (p Policy) local(pl Place) bool {
	a := p.Area
	switch {
	case a.District != "":
		return samePlace(pl.District, a.District)
	case a.City != "":
		return samePlace(pl.City, a.City)
	case a.Region != "":
		return samePlace(pl.Region, a.Region)
	}
	return true
}

// ApplicationAmount computes 申请创新券金额: min(rate × estimated contract, project cap,
// per-claim cap, first-claim cap, remaining quota), rounded as the policy says, with
// the breakdown of every rule. With Requested set, that amount is granted if no rule
// bounds it lower and refused otherwise. A refusal is a *RefusedError.
func ApplicationAmount(p Policy, in ClaimInput) (cxq.Money, Breakdown, error) {
	if err := knownRounding(p); err != nil {
		return cxq.Money{}, nil, err
	}
	if err := claimAllowed(p, in.At, in.Usage); err != nil {
		return cxq.Money{}, nil, err
	}
	if err := noNegative(in.Contract, in.Requested, in.Usage.Claimed, in.Usage.Used); err != nil {
		return cxq.Money{}, nil, err
	}
	if in.Contract.IsZero() && in.Requested.IsZero() {
		return cxq.Money{}, nil, refuse(cxq.ErrInvalid, reason(CodeContractMissing, nil))
	}
	if c := in.Contract; !c.IsZero() && c.LessThan(p.MinContract) {
		return cxq.Money{}, nil, refuse(cxq.ErrInvalid, reason(CodeBelowMinimum, map[string]string{"min": p.MinContract.String()}))
	}
	if rs := p.PlaceReasons(in.Enterprise, in.Provider); len(rs) > 0 {
		return cxq.Money{}, nil, refuse(cxq.ErrInvalid, rs[0])
	}
	terms := p.TermsFor(in.Enterprise, in.Provider)
	var remaining cxq.Money
	if !terms.Cap.IsZero() {
		remaining = terms.Cap.Sub(in.Usage.Claimed).ClampZero()
		if remaining.IsZero() {
			return cxq.Money{}, nil, refuse(cxq.ErrConflict, reason(CodeQuotaExhausted, map[string]string{"cap": terms.Cap.String()}))
		}
	}
	var arr [6]bound
	bounds := arr[:0]
	contract := in.Contract
	if !contract.IsZero() {
		bounds = append(bounds, rateBound(p, terms, contract, "合同金额", "the contract amount"))
	}
	if !p.PerClaimCap.IsZero() {
		bounds = append(bounds, bound{rule: RulePerClaimCap, limit: p.PerClaimCap, zh: "单次申请上限", en: "per-claim cap"})
	}
	if !p.FirstClaimCap.IsZero() && in.Usage.Claims == 0 {
		bounds = append(bounds, bound{rule: RuleFirstClaimCap, limit: p.FirstClaimCap, zh: "首次申请上限", en: "first-claim cap"})
	}
	if !terms.Cap.IsZero() {
		zh, en := "年度剩余额度", "remaining annual quota"
		if p.Period == PerCycle {
			zh, en = "周期剩余额度", "remaining cycle quota"
		}
		bounds = append(bounds, bound{rule: RuleQuota, limit: remaining, zh: zh, en: en})
	}
	if !in.Requested.IsZero() {
		req := in.Requested
		if err := overBound(bounds, req); err != nil {
			return cxq.Money{}, nil, err
		}
		r := req.String()
		fixed := cxq.Text{ZH: "申请金额 " + r + " 元", EN: "requested " + r}
		bounds = append(bounds, bound{})
		copy(bounds[1:], bounds)
		bounds[0] = bound{rule: RuleRequested, limit: req, fixed: &fixed}
	}
	amount, b := settle(bounds, 1)
	if !contract.IsZero() {
		own := contract.Sub(amount).ClampZero()
		b = append(b, Step{Rule: RuleOwnShare, Limit: own,
			Text: cxq.Text{ZH: yuanText("企业自筹 ", own, " 元"), EN: yuanText("own contribution ", own, "")}})
	}
	return amount, b, nil
}

// claimAllowed checks what refuses a claim whatever its amount: the policy's dates, a
// ban on the claim year, and the re-claim rule.
func claimAllowed(p Policy, at time.Time, u Usage) error {
	if !p.InEffect(at) {
		return refuse(cxq.ErrInvalid, reason(CodeNotInEffect, map[string]string{"policy": p.Ref().String()}))
	}
	year := ClaimYear(at)
	for _, ban := range u.Bans {
		if ban.Year == year {
			return refuse(cxq.ErrForbidden, banReason(ban))
		}
	}
	if r, ok := reclaimRefused(p, u); ok {
		return refuse(cxq.ErrForbidden, r)
	}
	return nil
}

func banReason(b Ban) Reason {
	return reason(CodeClaimBanned, map[string]string{"year": strconv.Itoa(b.Year), "reason_zh": b.Reason.ZH, "reason_en": b.Reason.EN})
}

// reclaimRefused applies the re-claim rule: after a first claim, more than ReclaimAbove
// of what was claimed must be used. used > claimed × share holds exactly when used >
// claimed × share rounded down to the fen, since used is whole fen.
func reclaimRefused(p Policy, u Usage) (Reason, bool) {
	if p.ReclaimAbove.IsZero() || u.Claims == 0 {
		return Reason{}, false
	}
	if u.Used.GreaterThan(u.Claimed.MulRate(p.ReclaimAbove, cxq.RoundDown)) {
		return Reason{}, false
	}
	return reason(CodeReclaimUsage, map[string]string{"used": u.Used.String(), "claimed": u.Claimed.String(), "share": p.ReclaimAbove.Percent()}), true
}

// knownRounding refuses a policy whose rounding mode is neither empty (round down, as
// Parse reads it) nor one of the kernel's modes, so that a policy built in code
// with a misspelt mode gives an error instead of a panic in the kernel.
func knownRounding(p Policy) error {
	if p.Rounding == "" || p.Rounding.Valid() {
		return nil
	}
	return refuse(cxq.ErrInvalid, reason(CodePolicyValue, map[string]string{"field": "rounding", "value": string(p.Rounding)}))
}

// rounding returns the policy's rounding mode; none means down.
func (p Policy) rounding() cxq.Rounding {
	if p.Rounding == "" {
		return cxq.RoundDown
	}
	return p.Rounding
}

// rateBound is rate × the amount (or the policy's project cap, when smaller). baseZH and baseEN name the amount, e.g. 合同金额 / the contract amount.
func rateBound(p Policy, t Terms, amount cxq.Money, baseZH, baseEN string) bound {
	base, capped := amount, false
	if cp := p.MaxProject; !cp.IsZero() && cp.LessThan(amount) {
		base, capped = cp, true
	}
	mode := p.rounding()
	sub, inexact := base.MulRateRounded(t.Rate, mode)
	pct := t.Rate.Percent()
	// Each text is built in one buffer: one allocation per language.
	var zb, eb [192]byte
	zh, en := append(zb[:0], "按"...), append(append(eb[:0], pct...), " of "...)
	if capped {
		zh = append(base.AppendString(append(zh, "项目上限 "...)), " 元的 "...)
		en = base.AppendString(append(en, "the project cap "...))
	} else {
		zh = append(append(zh, baseZH...), ' ')
		en = amount.AppendString(append(append(en, baseEN...), ' '))
	}
	zh = append(sub.AppendString(append(append(zh, pct...), " 计算 "...)), " 元"...)
	en = sub.AppendString(append(en, " is "...))
	if !t.Label.IsZero() {
		zh = append(append(append(zh, "（"...), t.Label.ZH...), "）"...)
		en = append(append(append(en, " ("...), t.Label.EN...), ')')
	}
	if inexact {
		how := roundingLabel(mode)
		zh = append(append(append(zh, "（"...), how.ZH...), "到分）"...)
		en = append(append(append(en, " (rounded "...), how.EN...), " to the fen)"...)
	}
	text := cxq.Text{ZH: string(zh), EN: string(en)}
	return bound{rule: RuleRate, limit: sub, fixed: &text}
}

// roundingLabel names a rounding mode in the words of the explanation.
func roundingLabel(r cxq.Rounding) cxq.Text {
	switch r {
	case cxq.RoundHalfUp:
		return cxq.T("四舍五入", "half up")
	case cxq.RoundHalfEven:
		return cxq.T("四舍六入五成双", "half to even")
	case cxq.RoundUp:
		return cxq.T("向上取整", "up")
	}
	return cxq.T("向下取整", "down")
}

// overBound refuses a requested amount above any bound, naming the first one it exceeds.
func overBound(bounds []bound, req cxq.Money) error {
	for _, bd := range bounds {
		if !req.GreaterThan(bd.limit) {
			continue
		}
		max := map[string]string{"max": bd.limit.String(), "requested": req.String()}
		switch bd.rule {
		case RuleFirstClaimCap:
			return refuse(cxq.ErrInvalid, reason(CodeFirstClaimCap, max))
		case RulePerClaimCap:
			return refuse(cxq.ErrInvalid, reason(CodePerClaimCap, max))
		case RuleQuota:
			return refuse(cxq.ErrConflict, reason(CodeOverQuota, map[string]string{"remaining": bd.limit.String(), "requested": req.String()}))
		default:
			return refuse(cxq.ErrInvalid, reason(CodeOverRate, max))
		}
	}
	return nil
}

// noNegative refuses a negative amount among the inputs.
func noNegative(amounts ...cxq.Money) error {
	for _, m := range amounts {
		if m.IsNegative() {
			return refuse(cxq.ErrInvalid, reason(CodeNotPositive, map[string]string{"amount": m.String()}))
		}
	}
	return nil
}
