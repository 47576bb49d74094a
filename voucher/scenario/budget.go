package scenario

import (
	"context"
	"errors"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// Extend is the programme office extending the voucher of the enterprise's Claim-th
// claim (1-based) once, with Reason.
type Extend struct {
	Claim  int    `json:"claim"`
	Reason string `json:"reason"`
}

// needsEnterprise reports whether the step is an enterprise's (a deadlines run, a budget,
// a sample, a sanction, a lift and the public notice's steps are the office's, or
// anyone's).
func (s Step) needsEnterprise() bool {
	return !s.Deadlines && s.Budget == nil && s.Sample == nil && s.Sanction == nil && s.Lift == nil &&
		s.Publish == nil && s.Object == nil && s.CloseNotice == nil
}

// budget is the office setting the year's budget (the version in force replaced).
func (w *world) budget(ctx context.Context, s Step) outcome {
	in := voucher.BudgetParams{Key: w.key(), Budget: *s.Budget}
	switch v, err := w.svc.BudgetOf(ctx, office, s.Budget.Year); {
	case err == nil:
		in.Version = v.Budget.Version
	case !errors.Is(err, cxq.ErrNotFound):
		return outcome{err: err}
	}
	if _, err := w.svc.SetBudget(ctx, office, in); err != nil {
		return refusal(err)
	}
	return outcome{}
}

// extend is the office extending a claim's voucher.
func (w *world) extend(ctx context.Context, s Step) outcome {
	c, err := w.nthClaim(s.Enterprise, s.Extend.Claim)
	if err != nil {
		return outcome{err: err}
	}
	if _, err := w.svc.ExtendVoucher(ctx, office, voucher.ExtendParams{Key: w.key(), ID: c.app, Reason: s.Extend.Reason}); err != nil {
		return refusal(err)
	}
	return outcome{}
}
