package scenario

import (
	"context"

	"github.com/cxqkit/cxq/voucher"
)

// deliver has the provider of one of the enterprise's claims record the delivery of
// its order, on the step's day, with one result file.
func (w *world) deliver(ctx context.Context, s Step) outcome {
	c, err := w.nthClaim(s.Enterprise, s.Deliver.Claim)
	if err != nil {
		return outcome{err: err}
	}
	by := providerActor(c.provider.ID)
	files := []voucher.AttachmentRef{w.upload(ctx, by, voucher.SlotServiceProof, "report.pdf")}
	_, err = w.svc.RecordDelivery(ctx, by, voucher.RecordDeliveryParams{Key: w.key(), ID: c.order,
		Date: s.At, Content: "完成检测服务，出具检测报告。", Files: files})
	if err != nil {
		return refusal(err)
	}
	return outcome{}
}

// evaluate has the enterprise evaluate the service of one of its claims' orders: the
// step's scores, every item it does not name at its maximum.
func (w *world) evaluate(ctx context.Context, s Step) outcome {
	c, err := w.nthClaim(s.Enterprise, s.Evaluate.Claim)
	if err != nil {
		return outcome{err: err}
	}
	scores := map[string]int{}
	for _, it := range w.svc.Rubric().Items {
		scores[it.Code] = it.Max
	}
	for code, p := range s.Evaluate.Scores {
		scores[code] = p
	}
	o, err := w.svc.EvaluateOrder(ctx, enterpriseActor(s.Enterprise), voucher.EvaluateOrderParams{Key: w.key(), ID: c.order, Scores: scores})
	if err != nil {
		return refusal(err)
	}
	return outcome{grade: o.Evaluation.Grade}
}
