package policy_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

func TestPlaceName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"昌平": "昌平", "昌平区": "昌平", "北京市昌平区": "昌平", " 昌平区 ": "昌平", "河北省": "河北", "河北": "河北",
		"石家庄市": "石家庄", "河北省石家庄市": "石家庄", "滨海新区": "滨海", "天津市滨海新区": "滨海", "北京市": "北京",
		"东区": "东区", "": "",
	} {
		require.Equal(t, want, policy.PlaceName(in), in)
	}
}

// TestChangpingPlacesAsWritten: 昌平, 昌平区 and 北京市昌平区 are one district, and a
// place the tiers cannot classify is refused, never put in the cheapest tier.
func TestChangpingPlacesAsWritten(t *testing.T) {
	t.Parallel()
	p := policy.BeijingChangping()
	for _, ent := range []string{"昌平", "昌平区", "北京市昌平区"} {
		got, _, err := policy.ApplicationAmount(p, policy.ClaimInput{At: march, Contract: cxq.Yuan(100000),
			Enterprise: policy.Place{District: ent}, Provider: policy.Place{District: "海淀区"}})
		require.NoError(t, err, ent)
		require.Equal(t, "40000.00", got.String(), ent)
	}
	for _, pl := range []policy.Place{{}, {Region: "北京"}, {District: "北京市"}, {Region: "北京", City: "北京"}} {
		_, _, err := policy.ApplicationAmount(p, policy.ClaimInput{At: march, Contract: cxq.Yuan(100000),
			Enterprise: pl, Provider: policy.Place{District: "海淀区"}})
		var re *policy.RefusedError
		require.ErrorAs(t, err, &re, "%+v", pl)
		require.Equal(t, policy.CodePlaceUnknown, re.Reason.Code)
		require.Equal(t, "enterprise", re.Reason.Params["party"])
		require.NotContains(t, re.Reason.Text().ZH, "{")
	}
	// Another region decides "elsewhere" without a district.
	got, _, err := policy.ApplicationAmount(p, policy.ClaimInput{At: march, Contract: cxq.Yuan(100000),
		Enterprise: policy.Place{Region: "天津市"}, Provider: policy.Place{District: "昌平"}})
	require.NoError(t, err)
	require.Equal(t, "30000.00", got.String())
	// A policy without tiers needs no place.
	_, _, err = policy.ApplicationAmount(policy.Tianjin(), policy.ClaimInput{At: march, Contract: cxq.Yuan(10000)})
	require.NoError(t, err)
}

func TestValidateRefusesInertFields(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(*policy.Policy){
		"cycle_months":           func(p *policy.Policy) { p.CycleMonths = 12 },
		"usage.first_use_ban":    func(p *policy.Policy) { p.Usage.FirstUseBan = policy.SameYear },
		"usage.unused_ban":       func(p *policy.Policy) { p.Usage.UnusedBan = policy.NextYear },
		"usage.low_usage_below":  func(p *policy.Policy) { p.Usage.LowUsageBelow = cxq.Percent(30) },
		"usage.first_use_months": func(p *policy.Policy) { p.Usage.FirstUseMonths, p.Usage.ValidMonths = 7, 6 },
	} {
		p := policy.Tianjin()
		change(&p)
		var ve *cxq.ValidationError
		require.ErrorAs(t, p.Validate(), &ve, name)
		require.Equal(t, name, ve.Errors[0].Field)
		require.Equal(t, policy.CodePolicyInert, ve.Errors[0].Code)
	}
}

func TestRedeemer(t *testing.T) {
	t.Parallel()
	require.Equal(t, policy.RedeemerEnterprise, policy.Tianjin().Redeemer(policy.Place{Region: "天津"}))
	h := policy.Hebei()
	require.Equal(t, policy.RedeemerProvider, h.Redeemer(policy.Place{Region: "河北省"}))
	require.Equal(t, policy.RedeemerProvider, h.Redeemer(policy.Place{}))
	require.Equal(t, policy.RedeemerEnterprise, h.Redeemer(policy.Place{Region: "北京"}), "京津冀: the enterprise redeems")
}
