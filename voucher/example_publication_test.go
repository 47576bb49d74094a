package voucher_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// noticeDemo is demo under a policy with a 7-day public notice (公示), on a clock the
// example moves.
func noticeDemo(now *time.Time) (*voucher.Service, string) {
	p := policy.Tianjin()
	p.Notice = policy.Notice{Days: 7, Columns: []policy.Column{policy.ColumnEnterprise, policy.ColumnProduct, policy.ColumnAmount}}
	return demoWith(p, func() time.Time { *now = now.Add(time.Second); return *now },
		voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional}, voucher.Actor{ID: "exp-01", Role: voucher.RoleExpert})
}

var invoiceNo = map[string]string{"a": "00000001", "b": "00000002"}

// passedReview takes one order of E1 through its application and redemption to 评审通过
// with 实际兑现金额 actual, the keys prefixed by key.
func passedReview(ctx context.Context, svc *voucher.Service, product, key, actual string) voucher.Redemption {
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	district := voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	pro, exp := voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional}, voucher.Actor{ID: "exp-01", Role: voucher.RoleExpert}
	k := func(n int) string { return fmt.Sprint(key, n) }
	do := func(_ any, err error) {
		if err != nil {
			panic(err)
		}
	}
	edited := func(r voucher.Redemption, err error) voucher.Redemption { do(r, err); return r }
	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: k(1), ProductID: product, Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	do(svc.ConfirmOrder(ctx, voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}, voucher.ConfirmOrderParams{Key: k(2), ID: o.ID, Confirm: true}))
	app, _ := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: k(3), OrderID: o.ID, Form: form(svc, ent, "9099.00")})
	do(svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: k(4), ID: app.ID}))
	do(svc.ReviewApplication(ctx, district, voucher.Decision{Key: k(5), ID: app.ID, Action: review.Approve}))
	do(svc.AssignApplication(ctx, office, voucher.AssignParams{Key: k(6), ID: app.ID, Stage: review.ProfessionalReview, Reviewer: pro.ID}))
	do(svc.ReviewApplication(ctx, pro, voucher.Decision{Key: k(7), ID: app.ID, Action: review.Approve}))

	r, _ := svc.StartRedemption(ctx, ent, voucher.StartRedemptionParams{Key: k(8), ApplicationID: app.ID})
	r = edited(svc.AddInvoice(ctx, ent, voucher.AddInvoiceParams{Key: k(9), ID: r.ID, Version: r.Version, Invoice: voucher.Invoice{Name: "检测服务费", Code: "1200171320",
		Number: invoiceNo[key], Amount: cxq.MustMoney("9099.00"), Scan: ref(svc, ent, voucher.SlotInvoiceScan, key+"invoice.pdf")}}))
	r = edited(svc.AddContract(ctx, ent, voucher.AddContractParams{Key: k(10), ID: r.ID, Version: r.Version, Contract: voucher.Contract{Name: "气相色谱检测技术服务合同",
		EffectiveAmount: cxq.MustMoney("9099.00"), Scan: ref(svc, ent, voucher.SlotContractScan, key+"contract.pdf")}}))
	do(svc.SaveRedemption(ctx, ent, voucher.RedemptionDraft{Key: k(11), ID: r.ID, Version: r.Version, Contact: voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhangsan@example.com"},
		Outcome: "解决了新产品成分分析难题。", Files: []voucher.AttachmentRef{ref(svc, ent, voucher.SlotBankReceipt, key+"receipt.pdf"),
			ref(svc, ent, voucher.SlotProjectSummary, key+"summary.pdf")}}))
	do(svc.SubmitRedemption(ctx, ent, voucher.SubmitParams{Key: k(12), ID: r.ID}))
	do(svc.ReviewRedemption(ctx, district, voucher.Decision{Key: k(13), ID: r.ID, Action: review.Approve}))
	do(svc.AssignRedemption(ctx, office, voucher.AssignParams{Key: k(14), ID: r.ID, Stage: review.FormalReview, Reviewer: pro.ID}))
	do(svc.AssignRedemption(ctx, office, voucher.AssignParams{Key: k(15), ID: r.ID, Stage: review.ExpertReview, Reviewer: exp.ID}))
	do(svc.ReviewRedemption(ctx, pro, voucher.Decision{Key: k(16), ID: r.ID, Action: review.Approve}))
	r, err := svc.ReviewRedemption(ctx, exp, voucher.Decision{Key: k(17), ID: r.ID, Action: review.Approve,
		Fields: map[string]string{review.FieldActualAmount: actual}})
	if err != nil {
		panic(err)
	}
	return r
}

// Under a policy with a public notice, redemptions that passed review wait for their
// payout: the office publishes them as one list with its hash, anyone may object to an
// entry during the 7 days, and closing the list afterwards pays the entries nobody
// objected to and holds the others for the office's decision.
func ExampleService_Publish() {
	ctx := context.Background()
	now := time.Date(2025, 3, 3, 1, 0, 0, 0, time.UTC)
	svc, product := noticeDemo(&now)
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	a := passedReview(ctx, svc, product, "a", "4000.00")
	b := passedReview(ctx, svc, product, "b", "3000.00")
	fmt.Println(a.ID, svc.RedemptionStatus(a).ZH, a.Payout.State)

	pub, _ := svc.Publish(ctx, office, voucher.PublishParams{Key: "pub", Redemptions: []string{a.ID, b.ID}})
	shown, _ := svc.Publication(ctx, voucher.Actor{}, pub.ID) // what anyone sees
	for _, e := range shown.Entries {
		fmt.Println(e.No, e.Enterprise, e.Product, e.Amount, e.Case == "")
	}
	fmt.Println("until", pub.Until.In(cxq.China()).Format("2006-01-02 15:04"), "hash verifies:", shown.ListHash() == pub.Hash)

	_, err := svc.Object(ctx, voucher.Actor{}, voucher.ObjectParams{Key: "obj", Publication: pub.ID, Entry: 2, Text: "该企业与服务机构存在关联关系。"})
	fmt.Println("objection:", err)
	_, err = svc.CloseNotice(ctx, office, voucher.CloseNoticeParams{Key: "early", ID: pub.ID})
	fmt.Println(voucher.Explain(err).Errors[0].Message(cxq.ZH))

	now = pub.Until
	closed, _ := svc.CloseNotice(ctx, office, voucher.CloseNoticeParams{Key: "close", ID: pub.ID})
	fmt.Println("paid", closed.Paid, "held", closed.Held)
	_, err = svc.Object(ctx, voucher.Actor{}, voucher.ObjectParams{Key: "late", Publication: pub.ID, Entry: 1, Text: "迟到的异议"})
	fmt.Println(voucher.Explain(err).Errors[0].Code)
	fmt.Println("audit verifies:", svc.VerifyAudit(ctx) == nil)
	// Output:
	// RD000001 评审通过 awaiting_notice
	// 1 天津示例科技有限公司 气相色谱仪 4000.00 true
	// 2 天津示例科技有限公司 气相色谱仪 3000.00 true
	// until 2025-03-10 09:00 hash verifies: true
	// objection: <nil>
	// 公示期至 2025-03-10 09:00 结束，期满前不能结束公示
	// paid 1 held 1
	// notice_closed
	// audit verifies: true
}
