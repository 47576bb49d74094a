package voucher

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
)

// ApplicationDraft is the input of [Service.SaveApplication]: the form of a new
// application for an order, or new contents for an application in draft or returned.
type ApplicationDraft struct {
	ID      string          `json:"id,omitempty"`       // empty: a new application for OrderID
	OrderID string          `json:"order_id,omitempty"` // the order applied for (new applications)
	Form    ApplicationForm `json:"form"`
	// Version is the version being edited; a different stored version is ErrConflict.
	// Zero skips the check.
	Version int64 `json:"version,omitempty"`
}

// Decision is a reviewer's (or the enterprise's) action on an application or redemption.
type Decision struct {
	ID      string        `json:"id"`
	Action  review.Action `json:"action"`            // e.g. review.Approve, review.Return, review.Reject
	Opinion string        `json:"opinion,omitempty"` // 审核意见: required to return or reject
	// Fields are the values the transition sets, e.g. {"actual_amount": "4000.00"} at
	// the expert stage of a redemption.
	Fields map[string]string `json:"fields,omitempty"`
	// Version is the version the actor decided on; a different stored version is
	// ErrConflict. Zero skips the check.
	Version int64 `json:"version,omitempty"`
}

func checkVersion(kind, id string, want, have int64) error {
	if want != 0 && want != have {
		return fmt.Errorf("voucher: %s %s is at version %d, not %d: %w", kind, id, have, want, cxq.ErrConflict)
	}
	return nil
}

// SaveApplication creates a draft application for one of the enterprise's orders or
// replaces the form of one in draft or returned for revision. Nothing is validated
// beyond ownership and state until submission. Another live application for the same
// order is ErrConflict.
func (s *Service) SaveApplication(ctx context.Context, a Actor, key string, in ApplicationDraft) (Application, error) {
	return mutate(ctx, s, a, key, "SaveApplication", in, func(tx Tx, now time.Time) (Application, error) {
		if in.ID == "" {
			return s.newApplication(ctx, tx, a, in, now)
		}
		app, err := s.ownApplication(ctx, tx, a, in.ID, "save_application")
		if err != nil {
			return Application{}, err
		}
		if err := checkVersion(StreamApplication, app.ID, in.Version, app.Version); err != nil {
			return Application{}, err
		}
		if st := app.State(); st != review.Draft && st != review.Returned {
			return Application{}, fmt.Errorf("voucher: application %s is %s and cannot be edited: %w", app.ID, st, cxq.ErrConflict)
		}
		app.Form = in.Form
		return app, s.saveApplication(ctx, tx, &app, a, now, "edit", app.State(), "")
	})
}

func (s *Service) newApplication(ctx context.Context, tx Tx, a Actor, in ApplicationDraft, now time.Time) (Application, error) {
	o, err := s.readOrder(ctx, tx, a, in.OrderID)
	if err != nil {
		return Application{}, err
	}
	if !ownsEnterprise(a, o.EnterpriseID) {
		return Application{}, s.deny(ctx, a, "save_application", StreamOrder, o.ID, "not the ordering enterprise", true)
	}
	app := Application{
		ID: s.ids.NewID(StreamApplication), OrderID: o.ID, EnterpriseID: o.EnterpriseID, Product: o.Product,
		Form: in.Form, Created: now, Since: now,
	}
	e, err := audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamApplication, app.ID), At: now, Actor: a.ID, Role: a.Role,
		Action: "create", To: string(review.Draft), Note: auditNote("order", o.ID)}, 0, "")
	if err != nil {
		return Application{}, err
	}
	app.Version, app.Updated, app.AuditSeq, app.AuditHead = 1, now, e.Seq, e.Hash
	return app, tx.CreateApplication(ctx, app)
}

// saveApplication appends the audit entry for a change of app and stores it.
func (s *Service) saveApplication(ctx context.Context, tx Tx, app *Application, a Actor, now time.Time,
	action string, from State, note string) error {
	e, err := audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamApplication, app.ID), At: now, Actor: a.ID, Role: a.Role,
		Action: action, From: string(from), To: string(app.State()), Note: note}, app.AuditSeq, app.AuditHead)
	if err != nil {
		return err
	}
	if app.State() != from {
		app.Since = now
	}
	app.Version++
	app.Updated, app.AuditSeq, app.AuditHead = now, e.Seq, e.Hash
	return tx.UpdateApplication(ctx, *app)
}

// ownApplication reads an application the actor's enterprise owns; anything else is
// not found.
func (s *Service) ownApplication(ctx context.Context, tx Tx, a Actor, id, action string) (Application, error) {
	app, err := tx.Application(ctx, id)
	if err != nil {
		return Application{}, notFound(StreamApplication, id)
	}
	if !ownsEnterprise(a, app.EnterpriseID) {
		return Application{}, s.deny(ctx, a, action, StreamApplication, id, "not the applicant", true)
	}
	return app, nil
}

// claimContext is what judging a claim needs, gathered in the transaction.
type claimContext struct {
	policy     Policy
	enterprise Enterprise
	product    catalog.Product
	provider   catalog.Provider
	order      Order
	quota      Quota
	usage      Usage // the quota's usage without this application's own claim
	cap        cxq.Money
}

func (s *Service) gatherClaim(ctx context.Context, tx Tx, app Application, now time.Time) (claimContext, error) {
	var c claimContext
	var err error
	if c.order, err = tx.Order(ctx, app.OrderID); err != nil {
		return c, err
	}
	if c.enterprise, err = s.ents.Enterprise(ctx, app.EnterpriseID); err != nil {
		return c, err
	}
	if app.Policy.IsZero() {
		c.policy, err = s.policies.At(s.programme, now)
	} else {
		c.policy, err = s.policies.Get(app.Policy)
	}
	if err != nil {
		return c, err
	}
	if c.product, c.provider, err = s.catalog.Product(ctx, c.order.Product.ID); err != nil {
		return c, err
	}
	k := QuotaKey{EnterpriseID: app.EnterpriseID, PolicyID: c.policy.ID, Year: ClaimYear(now)}
	if c.quota, err = tx.Quota(ctx, k); err != nil {
		return c, err
	}
	c.usage = c.quota.Usage()
	if app.Quota == k && app.Reserved.Sign() > 0 {
		c.usage.Claimed = c.usage.Claimed.Sub(app.Reserved)
		c.usage.Claims--
	}
	c.cap = c.policy.TermsFor(c.enterprise.Place, ProviderPlace(c.provider)).Cap
	if c.cap.IsZero() {
		c.cap = cxq.MaxMoney()
	}
	return c, nil
}

// SubmitApplication submits a draft or resubmits an application returned for revision:
// it checks eligibility (every reason, as an *IneligibleError), validates the form
// under the policy, computes 申请创新券金额 and reserves it on the annual quota in the
// same transaction, atomically with every concurrent submission. A resubmission
// releases its previous reservation first.
func (s *Service) SubmitApplication(ctx context.Context, a Actor, key, id string, version int64) (Application, error) {
	in := struct {
		ID      string `json:"id"`
		Version int64  `json:"version"`
	}{id, version}
	return mutate(ctx, s, a, key, "SubmitApplication", in, func(tx Tx, now time.Time) (Application, error) {
		app, err := s.ownApplication(ctx, tx, a, id, "submit_application")
		if err != nil {
			return Application{}, err
		}
		if err := checkVersion(StreamApplication, id, version, app.Version); err != nil {
			return Application{}, err
		}
		action := review.Submit
		switch app.State() {
		case review.Draft:
		case review.Returned:
			action = review.Resubmit
		default:
			return Application{}, &review.TransitionError{Workflow: s.appFlow.ID(), From: app.State(), Action: review.Submit}
		}
		c, err := s.gatherClaim(ctx, tx, app, now)
		if err != nil {
			return Application{}, err
		}
		if reasons := Eligibility(c.policy, EligibilityInput{At: now, Enterprise: c.enterprise, Product: c.product,
			Provider: c.provider, OrderConfirmed: c.order.Status == OrderConfirmed, Usage: c.usage}); len(reasons) > 0 {
			return Application{}, &IneligibleError{Reasons: reasons}
		}
		if err := app.Form.Validate(c.policy); err != nil {
			return Application{}, err
		}
		amount, breakdown, err := ApplicationAmount(c.policy, ClaimInput{At: now, Contract: app.Form.Estimated,
			Enterprise: c.enterprise.Place, Provider: ProviderPlace(c.provider), Usage: c.usage})
		if err != nil {
			return Application{}, err
		}
		if app.Reserved.Sign() > 0 {
			if _, err := tx.ReleaseQuota(ctx, app.Quota, app.Reserved); err != nil {
				return Application{}, err
			}
		}
		k := c.quota.Key
		if _, err := tx.ChargeQuota(ctx, k, c.cap, amount); err != nil {
			return Application{}, err
		}
		if app.Case.ID == "" {
			app.Case = s.appFlow.NewCase(review.Opening{ID: app.ID, Owner: app.EnterpriseID,
				District: c.enterprise.Place.District, Facts: map[string]string{review.FactClaimedAmount: amount.String()}})
		} else {
			if app.Case.Facts == nil {
				app.Case.Facts = map[string]string{}
			}
			app.Case.Facts[review.FactClaimedAmount] = amount.String()
		}
		from := app.State()
		next, _, err := s.appFlow.Fire(app.Case, review.Input{Action: action, Time: now,
			Actor: reviewActor(a, app.ID, app.Assignments)})
		if err != nil {
			return Application{}, err
		}
		app.Case, app.Policy, app.Amount, app.Breakdown = next, c.policy.Ref(), amount, breakdown
		app.Quota, app.Reserved = k, amount
		return app, s.saveApplication(ctx, tx, &app, a, now, string(action), from,
			auditNote("amount", amount.String(), "quota", k.String(), "policy", c.policy.Ref().String()))
	})
}

// ReviewApplication fires a reviewer's decision (approve, return, reject) — or any other
// action the workflow offers the actor — on an application. The review engine checks the
// role, the district or assignment scope and the separation of duties; an application
// the actor may not see answers as not found. Rejection releases the reserved quota.
func (s *Service) ReviewApplication(ctx context.Context, a Actor, key string, d Decision) (Application, error) {
	if d.Action == review.Submit || d.Action == review.Resubmit {
		return Application{}, fmt.Errorf("voucher: use SubmitApplication to %s: %w", d.Action, cxq.ErrInvalid)
	}
	return mutate(ctx, s, a, key, "ReviewApplication", d, func(tx Tx, now time.Time) (Application, error) {
		app, err := s.readApplication(ctx, tx, a, d.ID)
		if err != nil {
			return Application{}, err
		}
		return s.fireApplication(ctx, tx, a, app, d, now)
	})
}

// WithdrawApplication is the enterprise withdrawing its application (撤回) at any stage
// before the end; the reserved quota is released.
func (s *Service) WithdrawApplication(ctx context.Context, a Actor, key, id, reason string) (Application, error) {
	d := Decision{ID: id, Action: review.Withdraw, Opinion: reason}
	return mutate(ctx, s, a, key, "WithdrawApplication", d, func(tx Tx, now time.Time) (Application, error) {
		app, err := s.ownApplication(ctx, tx, a, id, "withdraw_application")
		if err != nil {
			return Application{}, err
		}
		if app.Case.ID == "" {
			app.Case = s.appFlow.NewCase(review.Opening{ID: app.ID, Owner: app.EnterpriseID})
		}
		return s.fireApplication(ctx, tx, a, app, d, now)
	})
}

func (s *Service) fireApplication(ctx context.Context, tx Tx, a Actor, app Application, d Decision, now time.Time) (Application, error) {
	if err := checkVersion(StreamApplication, app.ID, d.Version, app.Version); err != nil {
		return Application{}, err
	}
	if app.Case.ID == "" {
		return Application{}, &review.TransitionError{Workflow: s.appFlow.ID(), From: review.Draft, Action: d.Action}
	}
	from := app.State()
	next, _, err := s.appFlow.Fire(app.Case, review.Input{Action: d.Action, Opinion: d.Opinion, Fields: d.Fields,
		Time: now, Actor: reviewActor(a, app.ID, app.Assignments)})
	if err != nil {
		if errors.Is(err, cxq.ErrForbidden) {
			s.log.WarnContext(ctx, "voucher: review denied", "actor", a, "application", app.ID, "action", d.Action, "err", err)
		}
		return Application{}, err
	}
	app.Case = next
	note := auditNote("opinion", d.Opinion)
	if !app.Live() && app.Reserved.Sign() > 0 {
		if _, err := tx.ReleaseQuota(ctx, app.Quota, app.Reserved); err != nil {
			return Application{}, err
		}
		note = auditNote("opinion", d.Opinion, "released", app.Reserved.String(), "quota", app.Quota.String())
		app.Reserved = cxq.Money{}
	}
	return app, s.saveApplication(ctx, tx, &app, a, now, string(d.Action), from, note)
}

// AssignApplication names the reviewer for one stage of an application (专业机构复审 is
// done by the professional reviewer assigned). Only the programme office assigns.
func (s *Service) AssignApplication(ctx context.Context, a Actor, key, id string, stage State, reviewer string) (Application, error) {
	in := struct {
		ID, Reviewer string
		Stage        State
	}{id, reviewer, stage}
	return mutate(ctx, s, a, key, "AssignApplication", in, func(tx Tx, now time.Time) (Application, error) {
		if a.Role != RoleCoordinator || a.ID == "" {
			if _, err := s.readApplication(ctx, tx, a, id); err != nil {
				return Application{}, err
			}
			return Application{}, s.deny(ctx, a, "assign", StreamApplication, id, "only the programme office assigns", false)
		}
		app, err := tx.Application(ctx, id)
		if err != nil {
			return Application{}, notFound(StreamApplication, id)
		}
		if _, ok := s.appFlow.Stage(stage); !ok || reviewer == "" {
			return Application{}, cxq.NewFieldError("stage", cxq.CodeInvalid, map[string]string{"reason": string(stage)},
				cxq.T("审核环节或审核人不正确：{reason}", "unknown stage or no reviewer: {reason}"))
		}
		if app.Assignments == nil {
			app.Assignments = map[State]string{}
		}
		app.Assignments[stage] = reviewer
		return app, s.saveApplication(ctx, tx, &app, a, now, "assign", app.State(), auditNote("stage", string(stage), "reviewer", reviewer))
	})
}
