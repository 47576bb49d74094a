package voucher_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/stats"
)

// The figures of one approved application as the office and its district see them,
// and the records behind a figure; an enterprise sees no figures.
func ExampleService_Statistics() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}
	district := voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	pro := voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional}

	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	app, _ := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: "k3", OrderID: o.ID, Form: form(svc, ent, "9099.00")})
	svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: "k4", ID: app.ID})
	svc.ReviewApplication(ctx, district, voucher.Decision{Key: "k5", ID: app.ID, Action: review.Approve})
	svc.AssignApplication(ctx, office, voucher.AssignParams{Key: "k6", ID: app.ID, Stage: review.ProfessionalReview, Reviewer: pro.ID})
	svc.ReviewApplication(ctx, pro, voucher.Decision{Key: "k7", ID: app.ID, Action: review.Approve})

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
