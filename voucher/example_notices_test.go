package voucher_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/notify"
)

// A return for revision writes a notice in its own transaction; a delivery worker puts it
// in the enterprise's site inbox (beside the notice of the submission, and the district's
// of the record awaiting it), where the enterprise reads the opinion and marks it read.
func ExampleService_Messages() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}
	district := voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"}

	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	app, _ := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: "k3", OrderID: o.ID, Form: form(svc, ent, "9099.00")})
	svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: "k4", ID: app.ID})
	svc.ReviewApplication(ctx, district, voucher.Decision{Key: "k5", ID: app.ID, Action: review.Return, Opinion: "请补充检测报价单。"})

	w, _ := notify.New(notify.Config{Store: svc.Store(), Notifier: notify.Inbox{Store: svc.Store(), Now: svc.Now}, Now: svc.Now})
	rep, _ := w.RunOnce(ctx)
	fmt.Println("delivered:", rep.Sent)

	in, _ := svc.Messages(ctx, ent, voucher.MessageQuery{})
	fmt.Println(in.Unread, "unread")
	fmt.Println(in.Items[0].Text.ZH)
	fmt.Println(in.Items[0].Text.EN)
	svc.ReadMessage(ctx, ent, voucher.ReadMessageParams{Key: "k6", ID: in.Items[0].ID})
	n, _ := svc.UnreadMessages(ctx, ent)
	fmt.Println(n, "unread")
	// Output:
	// delivered: 3
	// 2 unread
	// 您的创新券申请 AP000001（气相色谱仪）已退回修改。审核意见：请补充检测报价单。
	// Your voucher application AP000001 (气相色谱仪) was returned for revision. Opinion: 请补充检测报价单。
	// 1 unread
}
