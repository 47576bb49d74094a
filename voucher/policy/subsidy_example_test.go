package policy_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The manual's application: a 9,099.00 contract under Tianjin's policy.
func ExampleApplicationAmount() {
	p, _ := policy.Presets().Latest(policy.PresetTianjin)
	amount, b, err := policy.ApplicationAmount(p, policy.ClaimInput{
		At:       time.Date(2026, 3, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		Contract: cxq.MustMoney("9099.00"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(amount)
	fmt.Println(b.Text().ZH)
	fmt.Println(b.Text().EN)
	// Output:
	// 4549.50
	// 按合同金额 50% 计算 4549.50 元；未超过年度剩余额度 100000.00 元；企业自筹 4549.50 元
	// 50% of the contract amount 9099.00 is 4549.50; not above the remaining annual quota 100000.00; own contribution 4549.50
}

// A refusal carries a code and a message in both languages.
func ExampleApplicationAmount_refused() {
	p, _ := policy.Presets().Latest(policy.PresetHebei)
	_, _, err := policy.ApplicationAmount(p, policy.ClaimInput{
		At:        time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		Requested: cxq.MustMoney("10000.00"),
		Usage:     policy.Usage{Claims: 1, Claimed: cxq.Yuan(30000), Used: cxq.Yuan(15000)},
	})
	var re *policy.RefusedError
	if errors.As(err, &re) {
		fmt.Println(re.Reason.Code, errors.Is(err, cxq.ErrForbidden))
		fmt.Println(re.Reason.Text().ZH)
	}
	// Output:
	// reclaim_usage true
	// 已申请 30000.00 元仅使用 15000.00 元，须使用超过 50% 后方可再次申请
}

// Changping's rate depends on where the enterprise and the provider are.
func ExamplePolicy_TermsFor() {
	p := policy.BeijingChangping()
	lab := policy.Place{District: "昌平", Park: "未来科学城", CentralSOE: true}
	t := p.TermsFor(policy.Place{District: "海淀"}, lab)
	fmt.Println(t.Rate.Percent(), t.Cap)
	fmt.Println(t.Label.ZH)
	// Output:
	// 40% 100000.00
	// 区外企业、昌平服务机构，未来科学城央属实验室加 10 个百分点
}

// The redemption is bounded by the approved amount, the rate on the reconciled spend and
// the quota.
func ExampleRedemptionAmount() {
	amount, b, _ := policy.RedemptionAmount(policy.Tianjin(), policy.RedemptionInput{
		Approved:  cxq.MustMoney("4549.50"),
		Invoices:  []cxq.Money{cxq.Yuan(12000)},
		Contracts: []cxq.Money{cxq.Yuan(12000)},
		Available: cxq.Yuan(100000),
	})
	s, _ := b.Binding()
	fmt.Println(amount, s.Rule)
	fmt.Println(s.Text.ZH)
	// Output:
	// 4549.50 approved
	// 受已批准申请金额 4549.50 元限制
}

// Claims are charged to the calendar year in China Standard Time.
func ExampleClaimYear() {
	fmt.Println(policy.ClaimYear(time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC)))
	// Output: 2026
}

// Langfang bars a claim next year when less than 30% was used.
func ExampleUsageOutcome() {
	issued := time.Date(2026, 3, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	o := policy.UsageOutcome(policy.Langfang(), policy.VoucherUse{
		Issued: issued, Amount: cxq.Yuan(10000), Used: cxq.Yuan(2900), At: issued.AddDate(1, 0, 0),
	})
	fmt.Println(o.Revoked, o.Ban.Year)
	for _, r := range o.Reasons {
		fmt.Println(r.Text().ZH)
	}
	// Output:
	// 7100.00 2028
	// 有效期届满，未使用的 7100.00 元收回
	// 创新券 10000.00 元仅使用 2900.00 元，低于 30%
}
