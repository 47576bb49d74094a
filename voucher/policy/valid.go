package policy

import (
	"strconv"

	"github.com/cxqkit/cxq"
)

// Codes of the problems Policy.Validate reports.
const (
	CodePolicyRate   = "policy_rate"   // a rate, with its bonuses, above 100% or a zero rate
	CodePolicyDates  = "policy_dates"  // until not after from
	CodePolicyValue  = "policy_value"  // an unknown enum value or a negative number
	CodePolicyBonus  = "policy_bonus"  // a bonus with zero points
	CodePolicyExempt = "policy_exempt" // an exclusion without code
)

// Validate reports every problem of the policy at once as a *cxq.ValidationError.
func (p Policy) Validate() error {
	var ps cxq.Problems
	ps.Add(cxq.CheckText("id", cxq.T("政策编号", "policy ID"), p.ID, cxq.TextRule{Required: true, Max: 64}))
	ps.Add(cxq.CheckText("version", cxq.T("政策版本", "policy version"), p.Version, cxq.TextRule{Required: true, Max: 32}))
	ps.Add(cxq.CheckText("name.zh", cxq.T("政策名称", "policy name"), p.Name.ZH, cxq.TextRule{Required: true, Max: 200}))
	if p.Until != nil && !p.Until.After(p.From) {
		ps.Add(cxq.NewFieldError("until", CodePolicyDates, nil,
			cxq.T("政策截止时间须晚于起始时间", "the policy must end after it starts")))
	}
	maxBonus := cxq.Rate{}
	for _, b := range p.Bonuses {
		maxBonus = maxBonus.Add(b.Points)
	}
	checkRate(&ps, "rate", p.Rate, maxBonus)
	for i, t := range p.Tiers {
		f := "tiers[" + strconv.Itoa(i) + "]"
		checkRate(&ps, f+".rate", t.Rate, maxBonus)
		checkWhere(&ps, f+".enterprise", t.Enterprise)
		checkWhere(&ps, f+".provider", t.Provider)
		checkMoney(&ps, f+".annual_cap", t.AnnualCap)
	}
	for i, b := range p.Bonuses {
		f := "bonuses[" + strconv.Itoa(i) + "]"
		checkWhere(&ps, f+".provider", b.Provider)
		if b.Points.IsZero() {
			ps.Add(cxq.NewFieldError(f+".points", CodePolicyBonus, nil,
				cxq.T("加成比例不能为零", "bonus points must not be zero")))
		}
	}
	p.validateLimits(&ps)
	if p.SpotCheck != nil {
		p.SpotCheck.validate(&ps)
	}
	p.Notice.validate(&ps)
	p.inert(&ps)
	return ps.Err()
}

// validateLimits checks the amounts, periods, rounding and usage rules.
func (p Policy) validateLimits(ps *cxq.Problems) {
	checkMoney(ps, "min_contract", p.MinContract)
	checkMoney(ps, "max_project", p.MaxProject)
	checkMoney(ps, "per_claim_cap", p.PerClaimCap)
	checkMoney(ps, "first_claim_cap", p.FirstClaimCap)
	checkMoney(ps, "annual_cap", p.AnnualCap)
	checkMoney(ps, "requires.max_revenue", p.Requires.MaxRevenue)
	checkMoney(ps, "requires.max_capital", p.Requires.MaxCapital)
	switch p.Period {
	case PerYear:
	case PerCycle:
		if p.CycleMonths <= 0 || p.CycleMonths > 12 {
			ps.Add(valueErr("cycle_months", strconv.Itoa(p.CycleMonths)))
		}
	default:
		ps.Add(valueErr("period", string(p.Period)))
	}
	if !p.Rounding.Valid() {
		ps.Add(valueErr("rounding", string(p.Rounding)))
	}
	if p.ReclaimAbove.Cmp(cxq.Percent(100)) >= 0 {
		ps.Add(valueErr("reclaim_above", p.ReclaimAbove.String()))
	}
	u := p.Usage
	ints := []struct {
		f string
		n int
	}{{"usage.first_use_months", u.FirstUseMonths}, {"usage.valid_months", u.ValidMonths},
		{"usage.redeem_months", u.RedeemMonths}, {"usage.extension_months", u.ExtensionMonths}, {"requires.revenue_years", p.Requires.RevenueYears},
		{"requires.max_staff", p.Requires.MaxStaff}}
	for _, v := range ints {
		if v.n < 0 {
			ps.Add(valueErr(v.f, strconv.Itoa(v.n)))
		}
	}
	bans := []struct {
		f string
		b BanScope
	}{{"usage.first_use_ban", u.FirstUseBan}, {"usage.unused_ban", u.UnusedBan}, {"usage.low_usage_ban", u.LowUsageBan},
		{"usage.return.ban", u.Return.Ban}}
	for _, v := range bans {
		if v.b != NoBan && v.b != SameYear && v.b != NextYear {
			ps.Add(valueErr(v.f, string(v.b)))
		}
	}
	for i, e := range p.Excluded {
		if e.Code == "" {
			ps.Add(cxq.NewFieldError("excluded["+strconv.Itoa(i)+"].code", CodePolicyExempt, nil,
				cxq.T("排除的服务类别须有编码", "an excluded service needs a code")))
		}
	}
}

func checkRate(ps *cxq.Problems, field string, r, bonus cxq.Rate) {
	if r.IsZero() || r.Add(bonus).Cmp(cxq.Percent(100)) > 0 {
		ps.Add(cxq.NewFieldError(field, CodePolicyRate, map[string]string{"rate": r.Percent(), "bonus": bonus.Percent()},
			cxq.T("补贴比例 {rate}（加成 {bonus}）须大于 0 且不超过 100%", "rate {rate} (bonus {bonus}) must be above 0 and at most 100%")))
	}
}

func checkWhere(ps *cxq.Problems, field string, w Where) {
	if w != Anywhere && w != Local && w != Elsewhere {
		ps.Add(valueErr(field, string(w)))
	}
}

func checkMoney(ps *cxq.Problems, field string, m cxq.Money) {
	if m.IsNegative() {
		ps.Add(valueErr(field, m.String()))
	}
}

func valueErr(field, value string) *cxq.FieldError {
	return cxq.NewFieldError(field, CodePolicyValue, map[string]string{"value": value},
		cxq.T("取值无效：{value}", "invalid value: {value}"))
}
