package voucher_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/stats"
)

// The figures of one approved application as the office and its district see them,
// and the records behind a figure; an enterprise sees no figures.
func ExampleService_Statistics() {
	ctx := context.Background()
	svc, product := demo()
	approved(svc, product) // E1's application of 9099.00, from order to 复审通过
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	district := voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}

	for _, who := range []voucher.Actor{office, district, ent} {
		rep, _ := svc.Statistics(ctx, who, voucher.StatsQuery{})
		t, _ := rep.Table(stats.Applications, stats.ByStatus)
		fmt.Println(who.ID, t.Total.Count, t.Total.Claimed, t.Total.Granted, rep.Check())
	}
	rep, _ := svc.Statistics(ctx, office, voucher.StatsQuery{})
	t, _ := rep.Table(stats.Applications, stats.ByDistrict)
	recs, _ := svc.StatisticsRecords(ctx, office, voucher.StatsQuery{}, t.Rows[0].Drill)
	fmt.Println(t.Rows[0].Label.ZH, "→", recs[0].ID, stats.Days(rep.Durations[0].MedianSeconds))
	// Output:
	// office 1 4549.50 4549.50 <nil>
	// hexi-01 1 4549.50 4549.50 <nil>
	// zhangsan 0 0.00 0.00 <nil>
	// 河西区 → AP000001 3分
}
