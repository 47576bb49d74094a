package policy_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher/policy"
)

func goodInput() policy.EligibilityInput {
	return policy.EligibilityInput{
		At: march,
		Enterprise: policy.Enterprise{ID: "e1", Name: "天津某科技有限公司", Certified: true,
			CertifiedUntil: time.Date(2026, 12, 31, 15, 59, 59, 0, time.UTC),
			Place:          policy.Place{Region: "天津", District: "滨海新区"},
			Revenue:        []policy.YearAmount{{Year: 2025, Amount: cxq.Yuan(5000000)}, {Year: 2024, Amount: cxq.Yuan(4000000)}},
			Staff:          40, Capital: cxq.Yuan(1000000)},
		Product:        catalog.Product{ID: "p1", Name: "气相色谱仪", Voucher: true, Category: catalog.Category{Top: "仪器设备", Sub: "仪器共享"}},
		Provider:       catalog.Provider{ID: "v1", Name: "天津大学", USCC: "12120000401359321Q", Region: "天津"},
		OrderConfirmed: true,
	}
}

func codes(rs []policy.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

func TestEligibilityClean(t *testing.T) {
	t.Parallel()
	for _, p := range policy.Presets().All() {
		in := goodInput()
		if p.ID == policy.PresetLangfang || p.ID == policy.PresetHebei {
			in.Enterprise.Place = policy.Place{Region: "河北", City: "廊坊"}
		}
		require.Empty(t, codes(policy.Eligibility(p, in)), p.ID)
		require.True(t, policy.Eligible(p, in))
	}
}

// TestEligibilityEveryReason answers "为什么我的订单没有出现在这里" with every reason at once.
func TestEligibilityEveryReason(t *testing.T) {
	t.Parallel()
	in := goodInput()
	in.Product.Voucher = false
	in.Enterprise.CertifiedUntil = time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	in.OrderConfirmed = false
	in.ApplicationLive = true
	in.Usage = policy.Usage{Claims: 3, Claimed: cxq.Yuan(100000), Used: cxq.Yuan(100000)}
	rs := policy.Eligibility(policy.Tianjin(), in)
	require.Equal(t, []string{policy.CodeNoVoucherBadge, policy.CodeCertExpired, policy.CodeOrderUnconfirm,
		policy.CodeApplicationLive, policy.CodeQuotaExhausted}, codes(rs))
	require.Equal(t, cxq.T("服务产品“气相色谱仪”没有创新券标识", "the product “气相色谱仪” does not carry the innovation voucher badge"), rs[0].Text())
	require.Equal(t, "科技型中小企业认定已于 2026-01-31 到期", rs[1].Text().ZH)
	for _, r := range rs {
		require.NotEmpty(t, r.Text().ZH)
		require.NotEmpty(t, r.Text().EN)
		require.NotContains(t, r.Text().ZH+r.Text().EN, "{")
	}
	b, err := json.Marshal(rs[4])
	require.NoError(t, err)
	require.JSONEq(t, `{"code":"quota_exhausted","params":{"cap":"100000.00"},"message_zh":"本年度（周期）创新券额度 100000.00 元已用完",
		"message_en":"the quota of 100000.00 for this year (cycle) is used up"}`, string(b))
}

func TestEligibilityHebeiAndLangfang(t *testing.T) {
	t.Parallel()
	in := goodInput()
	in.Enterprise.Certified = false
	in.Enterprise.BadCredit = true
	in.Enterprise.Revenue = []policy.YearAmount{{Year: 2025, Amount: cxq.Yuan(20000000)}}
	in.Enterprise.Related = []policy.RelatedParty{{USCC: "12120000401359321q", Kind: "共建"}}
	in.Usage = policy.Usage{Claims: 1, Claimed: cxq.Yuan(30000), Used: cxq.Yuan(15000),
		Bans: []policy.Ban{{Year: 2026, Code: policy.CodeFirstUseMissed, Reason: cxq.T("3个月内未使用", "unused for 3 months")}}}
	rs := policy.Eligibility(policy.Hebei(), in)
	require.Equal(t, []string{policy.CodeNotCertified, policy.CodeRevenueTooHigh, policy.CodeBadCredit,
		policy.CodeClaimBanned, policy.CodeReclaimUsage, policy.CodeRelatedParty}, codes(rs))
	require.Equal(t, "企业与服务机构“天津大学”存在关联关系（共建）", rs[5].Text().ZH)
	require.Equal(t, "2026 年不得申请创新券：3个月内未使用", rs[3].Text().ZH)

	// A registered crowd-space team needs neither certification nor the revenue limit.
	in.Enterprise.CrowdSpaceTeam = true
	require.Equal(t, []string{policy.CodeBadCredit, policy.CodeClaimBanned, policy.CodeReclaimUsage, policy.CodeRelatedParty},
		codes(policy.Eligibility(policy.Hebei(), in)))

	lf := goodInput()
	lf.Held = []string{policy.PresetHebei}
	lf.ServiceKinds = []string{"statutory_testing"}
	rs = policy.Eligibility(policy.Langfang(), lf)
	require.Equal(t, []string{policy.CodeExclusive, policy.CodeExcludedService}, codes(rs))
	require.Equal(t, "法定检测、强制性检测不在创新券支持范围内", rs[1].Text().ZH)
}

func TestEligibilityChangpingLimits(t *testing.T) {
	t.Parallel()
	in := goodInput()
	in.Enterprise.Staff = 100
	in.Enterprise.Capital = cxq.MustMoney("30000000.01")
	in.Enterprise.Revenue = []policy.YearAmount{{Year: 2025, Amount: cxq.MustMoney("9999999.99")}}
	rs := policy.Eligibility(policy.BeijingChangping(), in)
	require.Equal(t, []string{policy.CodeRevenueUnknown, policy.CodeTooManyStaff, policy.CodeCapitalTooHigh}, codes(rs))
	require.Equal(t, "缺少 2024 年营业收入", rs[0].Text().ZH)

	in.Enterprise.Staff = 99
	in.Enterprise.Capital = cxq.Yuan(30000000)
	in.Enterprise.Revenue = append(in.Enterprise.Revenue, policy.YearAmount{Year: 2024, Amount: cxq.Yuan(10000000)})
	rs = policy.Eligibility(policy.BeijingChangping(), in)
	require.Equal(t, []string{policy.CodeRevenueTooHigh}, codes(rs))
	require.Equal(t, "2024", rs[0].Params["year"])

	// Excluded by category, when a policy lists one.
	p := policy.BeijingChangping()
	p.Excluded = append(p.Excluded, policy.Exclusion{Code: "rent", Label: cxq.T("房租", "rent"), Categories: []string{"仪器设备/仪器共享"}})
	in.Enterprise.Revenue[1].Amount = cxq.Yuan(1)
	require.Equal(t, []string{policy.CodeExcludedService}, codes(policy.Eligibility(p, in)))
}

func TestEligibilityCertificationBoundary(t *testing.T) {
	t.Parallel()
	in := goodInput()
	in.Enterprise.CertifiedUntil = in.At
	require.Empty(t, policy.Eligibility(policy.Tianjin(), in))
	in.Enterprise.CertifiedUntil = in.At.Add(-time.Nanosecond)
	require.Equal(t, []string{policy.CodeCertExpired}, codes(policy.Eligibility(policy.Tianjin(), in)))
	in.At = time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC)
	in.Enterprise.CertifiedUntil = time.Time{}
	require.Equal(t, []string{policy.CodeNotInEffect}, codes(policy.Eligibility(policy.Tianjin(), in)))
}
