package voucher_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The programme office sets 2025's budget; a claim the year's pool cannot hold is
// refused with the pool and what is left, and a rejection gives the money back.
func ExampleService_SetBudget() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	district := voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"}

	_, err := svc.SetBudget(ctx, office, voucher.BudgetParams{Key: "b1", Budget: policy.Budget{Year: 2025, Total: cxq.Yuan(6000)}})
	fmt.Println("budget set:", err == nil)
	claim := func(n int, estimated string) (voucher.Application, error) {
		k := fmt.Sprint("c", n)
		o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: k + "o", ProductID: product,
			Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
		svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: k + "c", ID: o.ID, Confirm: true})
		app, _ := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: k + "s", OrderID: o.ID, Form: form(svc, ent, estimated)})
		return svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: k + "u", ID: app.ID})
	}
	first, _ := claim(1, "9099.00")
	fmt.Println(first.ID, first.Amount)
	if _, err := claim(2, "9099.00"); err != nil {
		fmt.Println(voucher.Explain(err).Errors[0].Message(cxq.ZH))
	}
	svc.ReviewApplication(ctx, district, voucher.Decision{Key: "r", ID: first.ID, Action: "reject", Opinion: "不符合支持范围"})
	v, _ := svc.BudgetOf(ctx, office, 2025)
	fmt.Println("left:", v.Pools[0].Left)
	// Output:
	// budget set: true
	// AP000001 4549.50
	// 年度预算余额 1450.50 元，不足以支持本次申请的 4549.50 元
	// left: 6000.00
}
