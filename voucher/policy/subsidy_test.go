package policy_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

var march = time.Date(2026, 3, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

func preset(t testing.TB, id string) policy.Policy {
	t.Helper()
	p, err := policy.Presets().Latest(id)
	require.NoError(t, err)
	return p
}

func TestApplicationAmountBreakdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		contract string
		claimed  string
		amount   string
		binding  string
		zh, en   string
	}{
		{"rate binds", "9099.00", "0", "4549.50", policy.RuleRate,
			"按合同金额 50% 计算 4549.50 元；未超过年度剩余额度 100000.00 元；企业自筹 4549.50 元",
			"50% of the contract amount 9099.00 is 4549.50; not above the remaining annual quota 100000.00; own contribution 4549.50"},
		{"quota binds", "300000.00", "20000.00", "80000.00", policy.RuleQuota,
			"按合同金额 50% 计算 150000.00 元；受年度剩余额度 80000.00 元限制；企业自筹 220000.00 元",
			"50% of the contract amount 300000.00 is 150000.00; limited by the remaining annual quota 80000.00; own contribution 220000.00"},
		{"rounded down", "4000.01", "0", "2000.00", policy.RuleRate,
			"按合同金额 50% 计算 2000.00 元（向下取整到分）；未超过年度剩余额度 100000.00 元；企业自筹 2000.01 元",
			"50% of the contract amount 4000.01 is 2000.00 (rounded down to the fen); not above the remaining annual quota 100000.00; own contribution 2000.01"},
		{"tie goes to the rate", "200000.00", "0", "100000.00", policy.RuleRate,
			"按合同金额 50% 计算 100000.00 元；未超过年度剩余额度 100000.00 元；企业自筹 100000.00 元",
			"50% of the contract amount 200000.00 is 100000.00; not above the remaining annual quota 100000.00; own contribution 100000.00"},
	}
	p := preset(t, policy.PresetTianjin)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			amount, b, err := policy.ApplicationAmount(p, policy.ClaimInput{At: march,
				Contract: cxq.MustMoney(tt.contract), Usage: policy.Usage{Claimed: cxq.MustMoney(tt.claimed)}})
			require.NoError(t, err)
			require.Equal(t, tt.amount, amount.String())
			s, ok := b.Binding()
			require.True(t, ok)
			require.Equal(t, tt.binding, s.Rule)
			require.Equal(t, tt.amount, s.Limit.String())
			require.Equal(t, cxq.T(tt.zh, tt.en), b.Text())
		})
	}
}

func TestApplicationAmountRefusals(t *testing.T) {
	t.Parallel()
	ban := policy.Ban{Year: 2026, Code: policy.CodeLowUsage, Reason: cxq.T("上年使用不足", "low usage last year")}
	tests := []struct {
		name   string
		policy string
		in     policy.ClaimInput
		code   string
		kind   error
	}{
		{"below minimum", policy.PresetTianjin, policy.ClaimInput{At: march, Contract: cxq.MustMoney("3999.99")}, policy.CodeBelowMinimum, cxq.ErrInvalid},
		{"nothing to compute", policy.PresetTianjin, policy.ClaimInput{At: march}, policy.CodeContractMissing, cxq.ErrInvalid},
		{"quota used up", policy.PresetTianjin, policy.ClaimInput{At: march, Contract: cxq.Yuan(9099), Usage: policy.Usage{Claims: 5, Claimed: cxq.Yuan(100000)}},
			policy.CodeQuotaExhausted, cxq.ErrConflict},
		{"banned this year", policy.PresetLangfang, policy.ClaimInput{At: march, Contract: cxq.Yuan(9099), Usage: policy.Usage{Bans: []policy.Ban{ban}}},
			policy.CodeClaimBanned, cxq.ErrForbidden},
		{"request above rate", policy.PresetHebei, policy.ClaimInput{At: march, Contract: cxq.Yuan(10000), Requested: cxq.MustMoney("5000.01")},
			policy.CodeOverRate, cxq.ErrInvalid},
		{"negative contract", policy.PresetTianjin, policy.ClaimInput{At: march, Contract: cxq.Yuan(9099).Neg()}, policy.CodeNotPositive, cxq.ErrInvalid},
		{"negative request", policy.PresetHebei, policy.ClaimInput{At: march, Requested: cxq.Yuan(1).Neg()}, policy.CodeNotPositive, cxq.ErrInvalid},
		{"negative usage", policy.PresetTianjin, policy.ClaimInput{At: march, Contract: cxq.Yuan(9099), Usage: policy.Usage{Claimed: cxq.Yuan(1).Neg()}},
			policy.CodeNotPositive, cxq.ErrInvalid},
		{"before the policy", policy.PresetHebei, policy.ClaimInput{At: time.Date(2015, 12, 31, 15, 59, 59, 0, time.UTC), Requested: cxq.Yuan(1)},
			policy.CodeNotInEffect, cxq.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			amount, b, err := policy.ApplicationAmount(preset(t, tt.policy), tt.in)
			require.True(t, amount.IsZero())
			require.Nil(t, b)
			var re *policy.RefusedError
			require.ErrorAs(t, err, &re)
			require.Equal(t, tt.code, re.Reason.Code)
			require.ErrorIs(t, err, tt.kind)
			require.NotEmpty(t, re.Reason.Text().ZH)
			require.NotEmpty(t, re.Reason.Text().EN)
			require.NotContains(t, re.Reason.Text().ZH+re.Reason.Text().EN, "{")
		})
	}
}

func TestBanOtherYearDoesNotRefuse(t *testing.T) {
	t.Parallel()
	in := policy.ClaimInput{At: march, Contract: cxq.Yuan(9099), Usage: policy.Usage{Bans: []policy.Ban{{Year: 2025}, {Year: 2027}}}}
	amount, _, err := policy.ApplicationAmount(preset(t, policy.PresetLangfang), in)
	require.NoError(t, err)
	require.Equal(t, "4549.50", amount.String())
}

// generality builds a test-only policy in euro-cent amounts (the engine is currency-blind).
func generality(rate cxq.Rate, maxProject, perClaim cxq.Money) policy.Policy {
	return policy.Policy{ID: "test", Version: "1", Name: cxq.T("测试", "test"), Rate: rate,
		MaxProject: maxProject, PerClaimCap: perClaim, Period: policy.PerYear, Rounding: cxq.RoundDown}
}

func TestGeneralitySchemes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		policy   policy.Policy
		contract string
		want     string
		binding  string
	}{
		{"Ireland standard: flat 5000, no co-payment", generality(cxq.Percent(100), cxq.Money{}, cxq.Yuan(5000)), "7000.00", "5000.00", policy.RulePerClaimCap},
		{"Ireland standard: small project paid in full", generality(cxq.Percent(100), cxq.Money{}, cxq.Yuan(5000)), "3200.00", "3200.00", policy.RuleRate},
		{"Ireland fast-track 10000", generality(cxq.Percent(50), cxq.Yuan(10000), cxq.Money{}), "10000.00", "5000.00", policy.RuleRate},
		{"Ireland fast-track 8000", generality(cxq.Percent(50), cxq.Yuan(10000), cxq.Money{}), "8000.00", "4000.00", policy.RuleRate},
		{"Ireland fast-track above the project cap", generality(cxq.Percent(50), cxq.Yuan(10000), cxq.Money{}), "14000.00", "5000.00", policy.RuleRate},
		{"Netherlands one-third own contribution", generality(cxq.RatioRate(2, 3), cxq.Money{}, cxq.Money{}), "7500.00", "5000.00", policy.RuleRate},
		{"Netherlands 2/3 rounded down", generality(cxq.RatioRate(2, 3), cxq.Money{}, cxq.Money{}), "100.00", "66.66", policy.RuleRate},
		{"Austria FFG 80% up to 10000", generality(cxq.Percent(80), cxq.Yuan(10000), cxq.Money{}), "10000.00", "8000.00", policy.RuleRate},
		{"Austria FFG above 10000", generality(cxq.Percent(80), cxq.Yuan(10000), cxq.Money{}), "25000.00", "8000.00", policy.RuleRate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, tt.policy.Validate())
			amount, b, err := policy.ApplicationAmount(tt.policy, policy.ClaimInput{Contract: cxq.MustMoney(tt.contract)})
			require.NoError(t, err)
			require.Equal(t, tt.want, amount.String())
			s, _ := b.Binding()
			require.Equal(t, tt.binding, s.Rule)
		})
	}
}

func TestRedemptionAmountBreakdown(t *testing.T) {
	t.Parallel()
	p := preset(t, policy.PresetTianjin)
	amount, b, err := policy.RedemptionAmount(p, policy.RedemptionInput{At: march, Approved: cxq.MustMoney("4549.50"),
		Invoices:  []cxq.Money{cxq.Yuan(5000), cxq.Yuan(3000)},
		Contracts: []cxq.Money{cxq.Yuan(9099)}, Available: cxq.Yuan(100000)})
	require.NoError(t, err)
	require.Equal(t, "4000.00", amount.String())
	require.Equal(t, "发票合计 8000.00 元，合同有效金额合计 9099.00 元，按较小者 8000.00 元计算；按核定支出 50% 计算 4000.00 元；"+
		"未超过已批准申请金额 4549.50 元；未超过可用额度 100000.00 元", b.Text().ZH)
	s, _ := b.Binding()
	require.Equal(t, policy.RuleRate, s.Rule)

	_, _, err = policy.RedemptionAmount(p, policy.RedemptionInput{Approved: cxq.Yuan(1),
		Invoices: []cxq.Money{cxq.Yuan(5).Neg()}, Available: cxq.Yuan(1)})
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

// TestAmountProperties checks, for random contracts and usage, that the amount never
// exceeds the rate, the remaining quota or the first-claim cap and is never negative.
func TestAmountProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		id := rapid.SampledFrom([]string{policy.PresetTianjin, policy.PresetHebei, policy.PresetLangfang, policy.PresetChangping}).Draw(rt, "policy")
		p, err := policy.Presets().Latest(id)
		require.NoError(rt, err)
		contract := cxq.Fen(rapid.Int64Range(400000, 100000000).Draw(rt, "contract"))
		claimed := cxq.Fen(rapid.Int64Range(0, 25000000).Draw(rt, "claimed"))
		in := policy.ClaimInput{At: march, Contract: contract, Usage: policy.Usage{Claimed: claimed, Used: claimed},
			Enterprise: policy.Place{District: rapid.SampledFrom([]string{"昌平", "海淀区", "北京市昌平区"}).Draw(rt, "enterprise")},
			Provider:   policy.Place{District: rapid.SampledFrom([]string{"昌平区", "朝阳"}).Draw(rt, "provider")}}
		if !claimed.IsZero() {
			in.Usage.Claims = 1
		}
		amount, b, err := policy.ApplicationAmount(p, in)
		terms := p.TermsFor(in.Enterprise, in.Provider)
		if err != nil {
			require.ErrorIs(rt, err, cxq.ErrConflict)
			require.False(rt, claimed.LessThan(terms.Cap))
			return
		}
		require.True(rt, amount.Sign() > 0)
		require.False(rt, amount.GreaterThan(contract.MulRate(terms.Rate, cxq.RoundDown)))
		require.False(rt, amount.GreaterThan(terms.Cap.Sub(claimed)))
		if !p.FirstClaimCap.IsZero() && in.Usage.Claims == 0 {
			require.False(rt, amount.GreaterThan(p.FirstClaimCap))
		}
		s, ok := b.Binding()
		require.True(rt, ok)
		require.True(rt, s.Limit.Equal(amount))
	})
}

// FuzzApplicationAmount feeds arbitrary amounts to every preset: an amount is never
// negative and never above the contract, and a refusal always carries a reason.
func FuzzApplicationAmount(f *testing.F) {
	f.Add("9099.00", "", "0", "0", 0, "昌平")
	f.Add("4000.01", "2000", "95000", "60000", 2, "")
	f.Fuzz(func(t *testing.T, contract, requested, claimed, used string, claims int, district string) {
		money := func(s string) cxq.Money {
			m, err := cxq.ParseMoney(s)
			if err != nil {
				return cxq.Money{}
			}
			return m
		}
		in := policy.ClaimInput{At: march, Contract: money(contract), Requested: money(requested),
			Enterprise: policy.Place{District: district},
			Usage:      policy.Usage{Claims: claims, Claimed: money(claimed), Used: money(used)}}
		for _, p := range policy.Presets().All() {
			amount, b, err := policy.ApplicationAmount(p, in)
			if err != nil {
				var re *policy.RefusedError
				require.ErrorAs(t, err, &re)
				require.NotEmpty(t, re.Reason.Code)
				continue
			}
			require.False(t, amount.IsNegative())
			if !in.Contract.IsZero() {
				require.False(t, amount.GreaterThan(in.Contract))
			}
			s, ok := b.Binding()
			require.True(t, ok)
			require.True(t, s.Limit.Equal(amount))
		}
	})
}

// TestRoundingOfHandBuiltPolicy: a policy built in code without a rounding mode rounds
// down (as Parse reads it), on the integer path and on the decimal fallback; a
// misspelt mode is refused with a reason, never a panic.
func TestRoundingOfHandBuiltPolicy(t *testing.T) {
	t.Parallel()
	in := policy.ClaimInput{At: march, Contract: cxq.MustMoney("100.00")}
	red := policy.RedemptionInput{At: march, Approved: cxq.Yuan(1000), Available: cxq.Yuan(1000),
		Invoices:  []cxq.Money{cxq.MustMoney("100.00")},
		Contracts: []cxq.Money{cxq.MustMoney("100.00")}}
	for _, rate := range []cxq.Rate{cxq.RatioRate(1, 3), cxq.MustRate("0.3333333333333")} { // fast path, fallback
		p := policy.Policy{ID: "hand", Version: "1", Rate: rate}
		amount, _, err := policy.ApplicationAmount(p, in)
		require.NoError(t, err, rate.String())
		require.Equal(t, "33.33", amount.String(), rate.String())
		amount, _, err = policy.RedemptionAmount(p, red)
		require.NoError(t, err, rate.String())
		require.Equal(t, "33.33", amount.String(), rate.String())

		p.Rounding = "nearest"
		_, _, err = policy.ApplicationAmount(p, in)
		var re *policy.RefusedError
		require.ErrorAs(t, err, &re, rate.String())
		require.ErrorIs(t, err, cxq.ErrInvalid)
		require.Equal(t, policy.CodePolicyValue, re.Reason.Code)
		_, _, err = policy.RedemptionAmount(p, red)
		require.ErrorAs(t, err, &re, rate.String())
		require.Equal(t, policy.CodePolicyValue, re.Reason.Code)
	}
}
