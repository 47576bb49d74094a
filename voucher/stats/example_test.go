package stats_test

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/stats"
)

// Two applications in two districts, one approved and redeemed: the figures by
// district, the time to approval, and the records behind one figure.
func ExampleBuild() {
	at := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
	facts := []stats.Fact{
		{Kind: stats.Applications, ID: "A1", OrderID: "O1", District: "河西区", PolicyID: "tianjin", Status: review.Approved,
			Submitted: at, Approved: at.Add(50 * time.Hour), Amounts: stats.Amounts{Claimed: cxq.MustMoney("4549.50"),
				Granted: cxq.MustMoney("4549.50"), Redeemed: cxq.MustMoney("4000.00")}},
		{Kind: stats.Applications, ID: "A2", OrderID: "O2", District: "南开区", PolicyID: "tianjin", Status: review.Rejected,
			Submitted: at, Amounts: stats.Amounts{Claimed: cxq.MustMoney("1000.00")},
			Refusals: []stats.Refusal{{Code: "reject", Stage: review.DistrictReview}}},
	}
	r := stats.Build(stats.Input{Facts: facts})
	t, _ := r.Table(stats.Applications, stats.ByDistrict)
	for _, row := range t.Rows {
		fmt.Println(row.Label.ZH, row.Count, row.Claimed, row.Granted, row.Redeemed)
	}
	fmt.Println("合计", t.Total.Count, t.Total.Claimed, t.Total.Granted, t.Total.Redeemed)
	fmt.Println("审批时长中位数", stats.Days(r.Durations[0].MedianSeconds))
	for _, f := range stats.Select(facts, t.Rows[0].Drill) {
		fmt.Println(t.Rows[0].Label.ZH, "→", f.ID)
	}
	fmt.Println(r.Check())
	// Output:
	// 南开区 1 1000.00 0.00 0.00
	// 河西区 1 4549.50 4549.50 4000.00
	// 合计 2 5549.50 4549.50 4000.00
	// 审批时长中位数 2天2小时
	// 南开区 → A2
	// <nil>
}
