package policy

import "github.com/cxqkit/cxq"

// CodePolicyInert is the code Policy.Validate gives a field that the lifecycle could
// not apply as set, because another field it depends on is absent; params: needs.
const CodePolicyInert = "policy_inert"

// Who redeems a voucher: [Policy.Redeemer].
const (
	RedeemerEnterprise = "enterprise"
	RedeemerProvider   = "provider"
)

// Redeemer returns who starts, fills in and submits the redemption of a voucher whose
// order went to a provider at prov: the provider when the policy says ProviderRedeems
// and the provider is inside the policy's area (or its place is not recorded), else the
// enterprise — cross-region use (京津冀) is paid in full by the enterprise and redeemed
// by it.
func (p Policy) Redeemer(prov Place) string {
	if !p.ProviderRedeems {
		return RedeemerEnterprise
	}
	if (prov.Region == "" && prov.City == "" && prov.District == "") || p.local(prov) {
		return RedeemerProvider
	}
	return RedeemerEnterprise
}

// inert adds a problem for every field that would change nothing: a rule whose trigger
// is absent, or a cycle length under a yearly period.
func (p Policy) inert(ps *cxq.Problems) {
	u := p.Usage
	for _, c := range []struct {
		set   bool
		field string
		needs string
		ok    bool
	}{
		{p.CycleMonths != 0, "cycle_months", "period", p.Period == PerCycle},
		{u.FirstUseBan != NoBan, "usage.first_use_ban", "usage.first_use_months", u.FirstUseMonths > 0},
		{u.UnusedBan != NoBan, "usage.unused_ban", "usage.valid_months", u.ValidMonths > 0},
		{!u.LowUsageBelow.IsZero(), "usage.low_usage_below", "usage.valid_months", u.ValidMonths > 0},
		{u.LowUsageBan != NoBan, "usage.low_usage_ban", "usage.low_usage_below", !u.LowUsageBelow.IsZero()},
		{u.ExtensionMonths > 0, "usage.extension_months", "usage.valid_months or first_use_months", u.ValidMonths > 0 || u.FirstUseMonths > 0},
		{p.Notice.Days > 0, "notice.days", "notice.columns", len(p.Notice.Columns) > 0},
		{len(p.Notice.Columns) > 0, "notice.columns", "notice.days", p.Notice.Days > 0},
		{u.ValidMonths > 0 && u.FirstUseMonths > u.ValidMonths, "usage.first_use_months", "usage.valid_months ≥ first_use_months", false},
	} {
		if c.set && !c.ok {
			ps.Add(cxq.NewFieldError(c.field, CodePolicyInert, map[string]string{"needs": c.needs},
				cxq.T("该设置须配合 {needs} 才能生效", "this setting has no effect without {needs}")))
		}
	}
}
