package policy_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestBreakdownGolden pins the breakdowns a portal shows, in both languages, for the
// presets' typical claims (testdata/breakdowns.json; rewrite with -update).
func TestBreakdownGolden(t *testing.T) {
	t.Parallel()
	changping := policy.Place{District: "昌平"}
	lab := policy.Place{District: "昌平", Park: "未来科学城", CentralSOE: true}
	cases := []struct {
		Name   string            `json:"name"`
		Policy string            `json:"policy"`
		Input  policy.ClaimInput `json:"input"`
	}{
		{"tianjin manual", policy.PresetTianjin, policy.ClaimInput{Contract: cxq.MustMoney("9099.00")}},
		{"tianjin quota binds", policy.PresetTianjin, policy.ClaimInput{Contract: cxq.Yuan(300000), Usage: policy.Usage{Claims: 1, Claimed: cxq.Yuan(20000)}}},
		{"tianjin rounded down", policy.PresetTianjin, policy.ClaimInput{Contract: cxq.MustMoney("4000.01")}},
		{"hebei first claim", policy.PresetHebei, policy.ClaimInput{Contract: cxq.Yuan(100000)}},
		{"hebei requested", policy.PresetHebei, policy.ClaimInput{Contract: cxq.Yuan(100000), Requested: cxq.Yuan(20000)}},
		{"hebei cycle quota", policy.PresetHebei, policy.ClaimInput{Contract: cxq.Yuan(200000),
			Usage: policy.Usage{Claims: 1, Claimed: cxq.Yuan(30000), Used: cxq.Yuan(20000)}}},
		{"langfang first claim", policy.PresetLangfang, policy.ClaimInput{Contract: cxq.Yuan(150000)}},
		{"changping bonus", policy.PresetChangping, policy.ClaimInput{Contract: cxq.Yuan(100000), Enterprise: changping, Provider: lab}},
	}
	type result struct {
		Name      string           `json:"name"`
		Policy    policy.Ref       `json:"policy"`
		Amount    cxq.Money        `json:"amount"`
		Breakdown policy.Breakdown `json:"breakdown"`
	}
	var got []result
	for _, c := range cases {
		p := preset(t, c.Policy)
		c.Input.At = march
		amount, b, err := policy.ApplicationAmount(p, c.Input)
		require.NoError(t, err, c.Name)
		got = append(got, result{c.Name, p.Ref(), amount, b})
	}
	goldenJSON(t, got, "breakdowns.json")
}
