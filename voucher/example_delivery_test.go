package voucher_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// The provider confirms an order, records the delivery with a result file it uploaded,
// and the enterprise evaluates the service once by the programme's rubric (the
// Nanjing-style default: eight items, 100 points, A/B/C/D); a second evaluation is
// refused, and the evaluation feeds the provider's rating.
func ExampleService_EvaluateOrder() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}

	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	o, _ = svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	report := ref(svc, provider, voucher.SlotServiceProof, "检测报告.pdf")
	o, err := svc.RecordDelivery(ctx, provider, voucher.RecordDeliveryParams{Key: "k3", ID: o.ID, Version: o.Version,
		Date: time.Date(2025, 3, 3, 0, 0, 0, 0, cxq.China()), Content: "气相色谱检测 3 项，出具检测报告。",
		Files: []voucher.AttachmentRef{report}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.ID, "delivered:", o.Delivery.Files[0].Name)

	scores := map[string]int{}
	for _, it := range svc.Rubric().Items {
		scores[it.Code] = it.Max
	}
	scores["price"] = 6 // of 10
	o, err = svc.EvaluateOrder(ctx, ent, voucher.EvaluateOrderParams{Key: "k4", ID: o.ID, Version: o.Version, Scores: scores})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(o.Evaluation.Total, "of", o.Evaluation.Max, "grade", o.Evaluation.Grade)

	_, err = svc.EvaluateOrder(ctx, ent, voucher.EvaluateOrderParams{Key: "k5", ID: o.ID, Scores: scores})
	var se *voucher.OrderStateError
	fmt.Println(errors.As(err, &se), se.Code, voucher.Explain(err).Errors[0].Message(cxq.ZH))

	r, _ := svc.ProviderRating(ctx, o.Product.ProviderID)
	fmt.Println(r.Count, r.Average, r.Grades[0].Grade, r.Grades[0].Count)
	fmt.Println("audit verifies:", svc.VerifyAudit(ctx) == nil)
	// Output:
	// IV000001 delivered: 检测报告.pdf
	// 96 of 100 grade A
	// true already_evaluated 该订单的服务已评价，评价提交后不可更改
	// 1 96.0 A 1
	// audit verifies: true
}
