package voucher

import (
	"context"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Application is an enterprise's 科技创新券申请表 for one confirmed order.
type Application struct {
	Record
	Form ApplicationForm `json:"form"`
	// Amount is 申请创新券金额, computed by the policy at submission (Record.Breakdown
	// gives the rules that bounded it).
	Amount cxq.Money `json:"amount"`
	// Paid is what its redemptions paid out (实际兑现金额): one, or under split use the
	// sum of every one that passed review.
	Paid cxq.Money `json:"paid"`
	// Quota is the quota (of a year or a cycle) the application charges; Reserved is
	// what it holds on it now: zero once released, revoked or settled, and under split
	// use what its redemptions have not used yet.
	Quota    QuotaKey  `json:"quota"`
	Reserved cxq.Money `json:"reserved"`
	// Pools are the budget pools the application's reservation is also held on, when the
	// programme keeps a budget for its claim year (see [PoolKey], [Service.SetBudget]);
	// they move with Reserved.
	Pools []QuotaKey `json:"pools,omitempty"`
	// Reclaimed is what was clawed back of Paid after a spot check (Paid is net of it).
	Reclaimed cxq.Money `json:"reclaimed,omitzero"`
	// Extension records the one-time extension of the voucher's validity, if any.
	Extension *Extension `json:"extension,omitempty"`
	// Ended records why an application ended outside review (expiry, EndedReturned), if
	// it did.
	Ended string `json:"ended,omitempty"`
	// Returning is the return (退券) of the voucher awaiting the programme office, if
	// one does: meanwhile the voucher is neither redeemed nor expired.
	Returning string `json:"returning,omitempty"`
}

// ApplicationDraft is the input of [Service.SaveApplication]: the form of a new
// application for an order, or new contents for an application in draft or returned.
type ApplicationDraft struct {
	Key     string          `json:"-"`                  // the idempotency key
	ID      string          `json:"id,omitempty"`       // empty: a new application for OrderID
	OrderID string          `json:"order_id,omitempty"` // the order applied for (new applications)
	Form    ApplicationForm `json:"form"`
	// Version is the version being edited, required with ID (a *cxq.FieldError on
	// "version" when zero); a different stored version is ErrConflict.
	Version int64 `json:"version,omitempty"`
}

func (s *Service) applications() *aggregate[Application, *Application] {
	return &aggregate[Application, *Application]{kind: StreamApplication, flow: s.appFlow, table: Tx.Applications, acts: s.ownsApplication,
		fired: s.applicationFired}
}

// SaveApplication creates a draft application for one of the enterprise's orders or
// replaces the form of one in draft or returned for revision. Nothing is validated
// beyond ownership, state and the order itself until submission: a new draft for an
// order its provider has not confirmed, or whose product carried no 创新券 badge, is an
// *IneligibleError with those reasons (policy.OrderReasons). Another live application
// for the same order is ErrConflict.
func (s *Service) SaveApplication(ctx context.Context, a Actor, in ApplicationDraft) (Application, error) {
	return mutate(ctx, s, a, in.Key, "SaveApplication", in, func(tx Tx, now time.Time) (Application, error) {
		if err := in.Form.draftProblems(); err != nil {
			return Application{}, err
		}
		draft := in
		draft.Form.Contact = in.Form.Contact.canonical()
		draft.Form.Attachments = slices.Clone(in.Form.Attachments)
		if err := checkRefs(ctx, tx, a.Org, applicationRefs(&draft.Form)); err != nil {
			return Application{}, err
		}
		if in.ID == "" {
			return s.newApplication(ctx, tx, a, draft, now)
		}
		app, err := edit(ctx, s, tx, s.apps, a, in.ID, in.Version, "save_application")
		if err != nil {
			return Application{}, err
		}
		app.Form = draft.Form
		return app, save(ctx, s, tx, s.apps, &app, a, now, "edit", app.State(), "")
	})
}

// Application returns an application the actor may see (see the package's
// authorization rules); any other answers exactly like a missing one.
func (s *Service) Application(ctx context.Context, a Actor, id string) (Application, error) {
	return view(ctx, s, func(tx Tx) (Application, error) { return read(ctx, s, tx, s.apps, a, id) })
}

func (s *Service) newApplication(ctx context.Context, tx Tx, a Actor, in ApplicationDraft, now time.Time) (Application, error) {
	o, err := s.readOrder(ctx, tx, a, in.OrderID)
	if err != nil {
		return Application{}, err
	}
	if !ownsEnterprise(a, o.EnterpriseID) {
		return Application{}, s.deny(ctx, a, "save_application", StreamOrder, o.ID, "not the ordering enterprise", true)
	}
	if rs := policy.OrderReasons(policy.EligibilityInput{Product: catalog.Product{Name: o.Product.Name, Voucher: o.Product.Voucher},
		OrderConfirmed: o.Status == OrderConfirmed, OrderDeclined: o.Status == OrderDeclined}); len(rs) > 0 {
		return Application{}, &IneligibleError{Reasons: rs}
	}
	if err := s.refuseSanctioned(ctx, tx, now, o.EnterpriseID, o.Product.ProviderID); err != nil {
		return Application{}, err
	}
	app := Application{Record: Record{ID: s.ids.NewID(StreamApplication), OrderID: o.ID, EnterpriseID: o.EnterpriseID,
		Product: o.Product}, Form: in.Form}
	return app, insert(ctx, s, tx, s.apps, &app, a, now, auditNote("order", o.ID))
}

// Applications lists the applications the actor may see (创新券申请), newest first, or
// with q.Queue those awaiting the actor's review (待审核), longest waiting first.
func (s *Service) Applications(ctx context.Context, a Actor, q Query) (Page[Application], error) {
	return listPage(ctx, s, s.apps, a, q)
}

// claimContext is what judging a claim needs, gathered in the transaction.
type claimContext struct {
	policy     policy.Policy
	enterprise policy.Enterprise
	product    catalog.Product
	provider   catalog.Provider
	order      Order
	quota      Quota
	usage      policy.Usage // the quota's usage without this application's own claim
	cap        cxq.Money
}

// gatherClaim gathers the parties of a claim and the usage of its quota period.
func (s *Service) gatherClaim(ctx context.Context, tx Tx, app Application, now time.Time) (claimContext, error) {
	c, err := s.gatherParties(ctx, tx, app, now)
	if err != nil {
		return c, err
	}
	if c.quota, c.usage, err = s.usageAt(ctx, tx, app.EnterpriseID, c.policy, now); err != nil {
		return c, err
	}
	k := c.quota.Key
	if app.Quota == k && app.Reserved.Sign() > 0 {
		c.usage.Claimed = c.usage.Claimed.Sub(app.Reserved)
		c.usage.Claims--
	}
	c.cap = c.policy.TermsFor(c.enterprise.Place, policy.ProviderPlace(c.provider)).Cap
	if c.cap.IsZero() {
		c.cap = cxq.MaxMoney()
	}
	return c, nil
}

// gatherParties gathers the order, the enterprise, the policy and the product of a claim:
// what judging its redemption needs, without the quota's usage.
func (s *Service) gatherParties(ctx context.Context, tx Tx, app Application, now time.Time) (claimContext, error) {
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
	c.product, c.provider, err = s.catalog.Product(ctx, c.order.Product.ID)
	return c, err
}

// SubmitApplication submits a draft or resubmits an application returned for revision:
// it checks eligibility (every reason, as an *IneligibleError), validates the form
// under the policy, computes 申请创新券金额 and reserves it on the quota of its period (the
// year, or the policy's cycle) in the
// same transaction, atomically with every concurrent submission. A resubmission
// releases its previous reservation first.
func (s *Service) SubmitApplication(ctx context.Context, a Actor, in SubmitParams) (Application, error) {
	return mutateOwn(ctx, s, a, in.Key, "SubmitApplication", in, func(tx Tx, now time.Time) (*Application, error) {
		app, action, err := submission(ctx, s, tx, s.apps, a, in, "submit_application")
		if err != nil {
			return nil, err
		}
		c, err := s.gatherClaim(ctx, tx, app, now)
		if err != nil {
			return nil, err
		}
		if err := s.refuseSanctioned(ctx, tx, now, app.EnterpriseID, app.Product.ProviderID); err != nil {
			return nil, err
		}
		if err := c.admissible(app.Form, now); err != nil {
			return nil, err
		}
		amount, breakdown, err := c.applicationAmount(app.Form, now)
		if err != nil {
			return nil, err
		}
		if err := s.unreserve(ctx, tx, a, now, &app, "resubmit "+app.ID); err != nil {
			return nil, err
		}
		// The budget is read before the quota's charge, which leaves it and its pools as
		// they are: on PostgreSQL the charge's audit entry locks the trail's tail until the
		// commit, and no read should keep other writers waiting behind it. Its refusal still
		// comes after the charge's own.
		pools, poolsErr := s.planPools(ctx, tx, &app, c, amount, now)
		k := c.quota.Key
		if err := s.charge(ctx, tx, a, now, k, c.cap, amount, app.ID); err != nil {
			return nil, err
		}
		if poolsErr != nil {
			return nil, poolsErr
		}
		if err := s.chargePools(ctx, tx, a, now, &app, pools, amount); err != nil {
			return nil, err
		}
		from := app.State()
		if err := submit(s.apps, &app, a, action, c.enterprise.Place.District, amount, now); err != nil {
			return nil, err
		}
		app.Policy, app.Amount, app.Breakdown = c.policy.Ref(), amount, breakdown
		app.Quota, app.Reserved = k, amount
		return &app, save(ctx, s, tx, s.apps, &app, a, now, string(action), from,
			auditNote("amount", amount.String(), "quota", k.String(), "policy", c.policy.Ref().String()))
	})
}

// ReviewApplication fires a reviewer's decision (approve, return, reject) — or any other
// action the workflow offers the actor — on an application. The review engine checks the
// role, the district or assignment scope and the separation of duties; an application
// the actor may not see answers as not found. Rejection releases the reserved quota.
func (s *Service) ReviewApplication(ctx context.Context, a Actor, d Decision) (Application, error) {
	return decide(ctx, s, s.apps, a, "ReviewApplication", d)
}

// AssignApplication names the reviewer for one stage of an application (专业机构复审 is
// done by the professional reviewer assigned). Only the programme office assigns.
func (s *Service) AssignApplication(ctx context.Context, a Actor, in AssignParams) (Application, error) {
	return assign(ctx, s, s.apps, a, "AssignApplication", in)
}

// applicationFired releases the reserved quota, exactly once, when a transition ends the
// application (rejection, withdrawal).
func (s *Service) applicationFired(ctx context.Context, tx Tx, a Actor, app *Application, d Decision, now time.Time) (string, error) {
	if app.Live() || app.Reserved.Sign() <= 0 {
		return auditNote("opinion", d.Opinion), nil
	}
	note := auditNote("opinion", d.Opinion, "released", app.Reserved.String(), "quota", app.Quota.String())
	return note, s.unreserve(ctx, tx, a, now, app, string(d.Action)+" "+app.ID)
}

// WithdrawApplication is the enterprise withdrawing its application (撤回) at any stage
// before the end; the reserved quota is released.
func (s *Service) WithdrawApplication(ctx context.Context, a Actor, in WithdrawParams) (Application, error) {
	return withdraw(ctx, s, s.apps, a, "WithdrawApplication", in)
}
