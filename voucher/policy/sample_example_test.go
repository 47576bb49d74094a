package policy_test

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The programme office of Langfang draws its spot check of the first half of 2026: at
// least 20% of each district's redeemed cases, from a seed it publishes.
func ExampleDrawSample() {
	rule := *policy.Langfang().SpotCheck
	period := rule.PeriodAt(time.Date(2026, 3, 15, 0, 0, 0, 0, cxq.China()))
	cases := []policy.SampleCase{
		{ID: "R1", Stratum: rule.By.Stratum("安次区", "P1")},
		{ID: "R2", Stratum: rule.By.Stratum("安次区", "P2")},
		{ID: "R3", Stratum: rule.By.Stratum("安次区", "P1")},
		{ID: "R4", Stratum: rule.By.Stratum("广阳区", "P1")},
		{ID: "R5", Stratum: rule.By.Stratum("安次区", "P1")},
		{ID: "R6", Stratum: rule.By.Stratum("安次区", "P3")},
	}
	fmt.Println(period.Key, rule.MinShare.Percent())
	for _, st := range policy.DrawSample(cases, "2026H1 福彩3D 123", rule.MinShare) {
		fmt.Println(st.Name, st.Size, st.Drawn)
	}
	// Output:
	// 2026H1 20%
	// 安次区 5 [R6]
	// 广阳区 1 [R4]
}
