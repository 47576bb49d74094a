package scenario

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// redeem redeems an amount against one of the enterprise's claims, by whoever the
// policy says redeems, with one invoice and one contract for the claim's contract
// amount, and approves it at every stage with the expert setting the amount.
func (w *world) redeem(ctx context.Context, s Step) outcome {
	r := s.Redeem
	c, err := w.nthClaim(s.Enterprise, r.Claim)
	if err != nil {
		return outcome{err: err}
	}
	amount, _ := cxq.ParseMoney(r.Amount)
	filed := c.at
	if r.Filed != "" {
		filed, _ = date(r.Filed)
	}
	by := enterpriseActor(s.Enterprise)
	if w.policy.Redeemer(policy.ProviderPlace(c.provider)) == policy.RedeemerProvider {
		by = providerActor(c.provider.ID)
	}
	red, err := w.svc.StartRedemption(ctx, by, voucher.StartRedemptionParams{Key: w.key(), ApplicationID: c.app})
	if err != nil {
		return refusal(err)
	}
	if red, err = w.prepare(ctx, by, red, c.contract, filed); err != nil {
		return outcome{err: err}
	}
	id := red.ID
	if red, err = w.svc.SubmitRedemption(ctx, by, voucher.SubmitParams{Key: w.key(), ID: id}); err != nil {
		// A refused redemption is withdrawn, so that the voucher may be redeemed again.
		if _, werr := w.svc.WithdrawRedemption(ctx, by, voucher.WithdrawParams{Key: w.key(), ID: id}); werr != nil {
			return outcome{err: werr}
		}
		return refusal(err)
	}
	if red, err = w.approveRedemption(ctx, red, amount); err != nil {
		// A review step failing is a broken run, not a refusal a step may expect.
		return outcome{err: err}
	}
	w.reds = append(w.reds, red.ID)
	if red.Payout != nil && r.Notice != NoticeWait {
		if err := w.noticeAlone(ctx, red.ID, s.At); err != nil {
			return outcome{err: err}
		}
	}
	actual := red.Actual
	return outcome{amount: &actual}
}

// invoiceNo numbers the scenario's invoices.
func (w *world) invoiceNo() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seq++
	return fmt.Sprintf("%08d", w.seq)
}

func (w *world) prepare(ctx context.Context, by voucher.Actor, red voucher.Redemption, spend cxq.Money, filed time.Time) (voucher.Redemption, error) {
	inv := voucher.Invoice{Name: "检测服务费", Code: "1200171320", Number: w.invoiceNo(), Amount: spend,
		Scan: w.upload(ctx, by, voucher.SlotInvoiceScan, "invoice.pdf")}
	red, err := w.svc.AddInvoice(ctx, by, voucher.AddInvoiceParams{Key: w.key(), ID: red.ID, Version: red.Version, Invoice: inv})
	if err != nil {
		return red, err
	}
	con := voucher.Contract{Name: "新产品检测技术服务合同", EffectiveAmount: spend, Scan: w.upload(ctx, by, voucher.SlotContractScan, "contract.pdf"), Filed: filed}
	if red, err = w.svc.AddContract(ctx, by, voucher.AddContractParams{Key: w.key(), ID: red.ID, Version: red.Version, Contract: con}); err != nil {
		return red, err
	}
	return w.svc.SaveRedemption(ctx, by, voucher.RedemptionDraft{Key: w.key(), ID: red.ID, Version: red.Version,
		Contact: voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
		Outcome: "通过检测服务解决了新产品的成分分析难题。", Files: []voucher.AttachmentRef{w.upload(ctx, by, voucher.SlotBankReceipt, "receipt.pdf"),
			w.upload(ctx, by, voucher.SlotProjectSummary, "summary.pdf")}})
}

func (w *world) approveRedemption(ctx context.Context, red voucher.Redemption, amount cxq.Money) (voucher.Redemption, error) {
	steps := []func() error{
		func() error {
			_, err := w.svc.ReviewRedemption(ctx, district(red.District()), voucher.Decision{Key: w.key(), ID: red.ID, Action: review.Approve})
			return err
		},
		func() error {
			_, err := w.svc.AssignRedemption(ctx, office, voucher.AssignParams{Key: w.key(), ID: red.ID, Stage: review.FormalReview, Reviewer: professional.ID})
			return err
		},
		func() error {
			_, err := w.svc.AssignRedemption(ctx, office, voucher.AssignParams{Key: w.key(), ID: red.ID, Stage: review.ExpertReview, Reviewer: expert.ID})
			return err
		},
		func() error {
			_, err := w.svc.ReviewRedemption(ctx, professional, voucher.Decision{Key: w.key(), ID: red.ID, Action: review.Approve})
			return err
		},
	}
	for _, f := range steps {
		if err := f(); err != nil {
			return red, err
		}
	}
	return w.svc.ReviewRedemption(ctx, expert, voucher.Decision{Key: w.key(), ID: red.ID, Action: review.Approve,
		Fields: map[string]string{review.FieldActualAmount: amount.String()}})
}
