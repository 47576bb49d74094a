package voucher

import (
	"context"
	"errors"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// PreviewApplication says what submitting application id with form would say now,
// changing nothing (nothing is stored, reserved or audited): the 申请创新券金额
// (系统自动计算) it would grant with the breakdown of the rules that bound it, and the
// error SubmitApplication would refuse it with — every reason the claim is not eligible
// (*IneligibleError), the form's problems under the policy (*cxq.ValidationError), or
// the policy refusing the amount (*policy.RefusedError). The amount is computed even
// when the rest of the form is incomplete, so that a page can show it as the enterprise
// types; it is zero when the policy refuses it.
//
// Both come from the very code SubmitApplication runs (the claim's parties and quota
// usage, then the same checks and rules), so a submission right after a preview without
// error stores the same amount unless the quota, the enterprise or the policy changed
// meanwhile. Only the application's owner previews it: anyone else is answered as by
// SubmitApplication (cxq.ErrNotFound outside the actor's scope, else cxq.ErrForbidden).
func (s *Service) PreviewApplication(ctx context.Context, a Actor, id string, form ApplicationForm) (cxq.Money, policy.Breakdown, error) {
	now := s.clock()
	return preview(ctx, s, func(tx Tx) (previewed, error) {
		app, err := own(ctx, s, tx, s.apps, a, id, "preview_application")
		if err != nil {
			return previewed{}, err
		}
		c, err := s.gatherClaim(ctx, tx, app, now)
		if err != nil {
			return previewed{}, err
		}
		amount, breakdown, amountErr := c.applicationAmount(form, now)
		refusal := c.admissible(form, now)
		if refusal == nil {
			refusal = amountErr
		}
		return previewed{amount, breakdown, refusal}, nil
	})
}

// previewed is what a preview finds: the amount, the rules that bound it, and the
// refusal the change would meet (nil if none).
type previewed struct {
	amount    cxq.Money
	breakdown policy.Breakdown
	refusal   error
}

// preview runs fn in a read-only View and answers its finding; a failure to read is the
// error, as is the refusal found.
func preview(ctx context.Context, s *Service, fn func(tx Tx) (previewed, error)) (cxq.Money, policy.Breakdown, error) {
	p, err := view(ctx, s, fn)
	if err != nil {
		return cxq.Money{}, nil, err
	}
	return p.amount, p.breakdown, p.refusal
}

// admissible refuses a claim of form as SubmitApplication does before computing its
// amount: every reason it is not eligible, then the form's problems under the policy.
func (c claimContext) admissible(form ApplicationForm, now time.Time) error {
	if reasons := policy.Eligibility(c.policy, policy.EligibilityInput{At: now, Enterprise: c.enterprise, Product: c.product,
		Provider: c.provider, OrderConfirmed: c.order.Status == OrderConfirmed,
		OrderDeclined: c.order.Status == OrderDeclined, Usage: c.usage}); len(reasons) > 0 {
		ie := &IneligibleError{Reasons: reasons}
		errors.As(form.Validate(c.policy), &ie.Form)
		return ie
	}
	return form.Validate(c.policy)
}

// applicationAmount is 申请创新券金额 of form under the claim's policy, places and quota
// usage at now: the one computation SubmitApplication stores and PreviewApplication shows.
func (c claimContext) applicationAmount(form ApplicationForm, now time.Time) (cxq.Money, policy.Breakdown, error) {
	amount, breakdown, err := policy.ApplicationAmount(c.policy, policy.ClaimInput{At: now, Contract: form.Estimated,
		Requested: form.Requested, Enterprise: c.enterprise.Place, Provider: policy.ProviderPlace(c.provider), Usage: c.usage})
	if err != nil {
		return cxq.Money{}, nil, err
	}
	return amount, breakdown, nil
}
