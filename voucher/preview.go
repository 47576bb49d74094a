package voucher

import (
	"context"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// PreviewApplication computes the 申请创新券金额 (系统自动计算) that submitting
// application id with form would grant now, with the breakdown of the rules that bound
// it, as the enterprise types the form. It reads only: nothing is stored, reserved or
// audited. The amount comes from the very computation SubmitApplication makes (the
// parties and quota usage of the claim, then the policy's rules), so a submission right
// after the preview stores the same amount unless the quota or the policy changed
// meanwhile. Only the application's owner previews it; others answer as for
// SubmitApplication (cxq.ErrNotFound outside the actor's scope, cxq.ErrForbidden). An
// amount the policy refuses is its *policy.RefusedError (cxq.ErrInvalid).
func (s *Service) PreviewApplication(ctx context.Context, a Actor, id string, form ApplicationForm) (cxq.Money, policy.Breakdown, error) {
	type preview struct {
		amount    cxq.Money
		breakdown policy.Breakdown
	}
	now := s.clock()
	p, err := view(ctx, s, func(tx Tx) (preview, error) {
		app, err := own(ctx, s, tx, s.apps, a, id, "preview_application")
		if err != nil {
			return preview{}, err
		}
		c, err := s.gatherClaim(ctx, tx, app, now)
		if err != nil {
			return preview{}, err
		}
		amount, breakdown, err := c.applicationAmount(form, now)
		return preview{amount, breakdown}, err
	})
	return p.amount, p.breakdown, err
}

// applicationAmount is 申请创新券金额 of form under the claim's policy, places and quota
// usage at now: the one computation SubmitApplication stores and PreviewApplication shows.
func (c claimContext) applicationAmount(form ApplicationForm, now time.Time) (cxq.Money, policy.Breakdown, error) {
	return policy.ApplicationAmount(c.policy, policy.ClaimInput{At: now, Contract: form.Estimated, Requested: form.Requested,
		Enterprise: c.enterprise.Place, Provider: policy.ProviderPlace(c.provider), Usage: c.usage})
}
