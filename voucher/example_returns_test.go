package voucher_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// approved takes one application of E1 from order to 复审通过 and returns its ID.
func approved(svc *voucher.Service, product string) string {
	ctx := context.Background()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	svc.ConfirmOrder(ctx, voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"},
		voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	app, _ := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: "k3", OrderID: o.ID, Form: form(svc, ent, "9099.00")})
	svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: "k4", ID: app.ID})
	svc.ReviewApplication(ctx, voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"},
		voucher.Decision{Key: "k5", ID: app.ID, Action: review.Approve})
	svc.AssignApplication(ctx, voucher.Actor{ID: "office", Role: voucher.RoleCoordinator},
		voucher.AssignParams{Key: "k6", ID: app.ID, Stage: review.ProfessionalReview, Reviewer: "pro-07"})
	svc.ReviewApplication(ctx, voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional},
		voucher.Decision{Key: "k7", ID: app.ID, Action: review.Approve})
	return app.ID
}

// An enterprise sees what returning its unused voucher (退券) would do before it
// confirms; under the Tianjin policy the return takes effect at once, the amount goes
// back to its quota, and a second return is refused with the reason.
func ExampleService_RequestReturn() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	id := approved(svc, product)

	e, _ := svc.PreviewReturn(ctx, ent, id)
	fmt.Println(e.Released, "review:", e.Review)
	fmt.Println(e.Effect.Text().ZH)
	r, err := svc.RequestReturn(ctx, ent, voucher.ReturnParams{Key: "r1", ApplicationID: id, Reason: "项目取消"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID, r.State)
	app, _ := svc.Application(ctx, ent, id)
	fmt.Println(app.Ended, app.Reserved)
	_, err = svc.RequestReturn(ctx, ent, voucher.ReturnParams{Key: "r2", ApplicationID: id, Reason: "再退一次"})
	fmt.Println(voucher.Explain(err).Errors[0].Message("zh"))
	// Output:
	// 4549.50 review: false
	// 在使用期限前退券不计为未使用，不影响今后申请创新券
	// RT000001 approved
	// returned 0.00
	// 创新券已退回或已收回，不能退券
}
