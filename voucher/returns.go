package voucher

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// StreamReturn is the doc kind and audit stream of a [Return].
const StreamReturn = "return"

// EndedReturned is [Application.Ended] of an application whose voucher was returned.
const EndedReturned = "returned"

// NoticeVoucherReturn tells the enterprise of its return taking effect or being refused.
const NoticeVoucherReturn NoticeKind = "voucher_return"

// ReturnState is where a return (退券) stands.
type ReturnState string

// The states of a return.
const (
	ReturnRequested ReturnState = "requested" // awaits the programme office (policy.ReturnRules.Review)
	ReturnApproved  ReturnState = "approved"  // took effect: the voucher's money went back
	ReturnRefused   ReturnState = "refused"   // the office refused it; the voucher stays as it was
)

// Label names the state in Chinese and English.
func (s ReturnState) Label() cxq.Text {
	switch s {
	case ReturnRequested:
		return cxq.T("退券待审核", "awaiting the office")
	case ReturnApproved:
		return cxq.T("已退券", "returned")
	case ReturnRefused:
		return cxq.T("退券未通过", "refused")
	}
	return cxq.T(string(s), string(s))
}

// Return is an enterprise giving back an approved, unused voucher (退券): its reason,
// what the return does (judged when it is asked for, and shown before: see
// [Service.PreviewReturn]), and the office's decision when the policy wants one.
type Return struct {
	Filed
	ApplicationID string      `json:"application_id"`
	EnterpriseID  string      `json:"enterprise_id"`
	Product       string      `json:"product"` // the product's name, for lists
	Reason        string      `json:"reason"`
	State         ReturnState `json:"state"`
	// Effect is what the return does, as judged at the request: the amount released,
	// the claim year it costs (if any) and the explanation the enterprise was shown.
	Effect      policy.ReturnEffect `json:"effect"`
	RequestedBy string              `json:"requested_by"`
	DecidedBy   string              `json:"decided_by,omitempty"` // "" when it took effect without review
	Decided     time.Time           `json:"decided,omitzero"`
	Note        string              `json:"note,omitempty"` // the office's decision note
}

func (Return) docKind() string      { return StreamReturn }
func (r Return) docSubject() string { return r.ApplicationID }
func (r Return) docState() string   { return string(r.State) }

// ReturnParams is the enterprise asking to return the voucher of ApplicationID, whose
// version it last read (Version; zero skips the check), for Reason.
type ReturnParams struct {
	Key           string `json:"-"`
	ApplicationID string `json:"application_id"`
	Version       int64  `json:"version,omitempty"`
	Reason        string `json:"reason"`
}

// ReturnDecision is the programme office approving (Approve) or refusing return ID at
// Version, with Note (required to refuse).
type ReturnDecision struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Approve bool   `json:"approve"`
	Note    string `json:"note,omitempty"`
}

// NotReturnableError lists every reason a voucher cannot be returned now. It matches
// cxq.ErrConflict: the voucher's state does not allow it.
type NotReturnableError struct {
	Reasons []policy.Reason `json:"reasons"`
}

func (e *NotReturnableError) Error() string {
	parts := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		parts[i] = r.Text().EN
	}
	return "voucher: not returnable: " + strings.Join(parts, "; ")
}

// Unwrap returns cxq.ErrConflict.
func (e *NotReturnableError) Unwrap() error { return cxq.ErrConflict }

var (
	labelReturnReason = cxq.T("退券原因", "reason for the return")
	labelDecisionNote = cxq.T("审核意见", "decision note")
)

// maxReturnText is the most characters of a return's reason or decision note.
const maxReturnText = 500

// PreviewReturn tells the enterprise, before it confirms, what returning the voucher of
// its application would do now: the amount released, whether the office must approve,
// and the effect on its later claims (the claim year it costs, if any). A voucher that
// cannot be returned answers *NotReturnableError with every reason.
func (s *Service) PreviewReturn(ctx context.Context, a Actor, applicationID string) (policy.ReturnEffect, error) {
	return view(ctx, s, func(tx Tx) (policy.ReturnEffect, error) {
		app, err := own(ctx, s, tx, s.apps, a, applicationID, "preview_return")
		if err != nil {
			return policy.ReturnEffect{}, err
		}
		return s.returnable(ctx, tx, app, s.clock())
	})
}

// returnable judges a return of app at t under its policy (see policy.ReturnOutcome).
func (s *Service) returnable(ctx context.Context, tx Tx, app Application, t time.Time) (policy.ReturnEffect, error) {
	issued, ok := app.Approved()
	reds, _, err := tx.Redemptions().List(ctx, ListFilter{ApplicationID: app.ID})
	if err != nil {
		return policy.ReturnEffect{}, err
	}
	c := policy.ReturnCase{Use: policy.VoucherUse{Issued: issued, Amount: app.Amount, Used: app.Paid, At: t}, Issued: ok,
		Held: app.Reserved, Ended: app.Ended, Pending: app.Returning != "",
		Redeeming: slices.ContainsFunc(reds, func(r Redemption) bool { return r.Live() && !r.Freed })}
	var p policy.Policy
	if ok {
		if p, err = s.policies.Get(app.Policy); err != nil {
			return policy.ReturnEffect{}, err
		}
	}
	e, refused := policy.ReturnOutcome(p, c)
	if len(refused) > 0 {
		return e, &NotReturnableError{Reasons: refused}
	}
	return e, nil
}

// RequestReturn is the enterprise returning the voucher of its approved application
// (退券) for a reason: a voucher that holds money, of which nothing is paid, with no
// redemption under way, before any usage deadline passed — otherwise *NotReturnableError.
// Under a policy whose returns need review (policy.ReturnRules.Review) the return awaits
// the programme office (DecideReturn) and the voucher can be neither redeemed nor
// expired meanwhile; otherwise it takes effect at once: what the application holds goes
// back to the quota and the budget pool, exactly once, the application ends outside
// review (Ended "returned"), the ban the policy gives returns (if any) is recorded on the
// quota of the banned year, and the enterprise is told.
func (s *Service) RequestReturn(ctx context.Context, a Actor, in ReturnParams) (Return, error) {
	return mutate(ctx, s, a, in.Key, "RequestReturn", in, func(tx Tx, now time.Time) (Return, error) {
		if fe := cxq.CheckText("reason", labelReturnReason, in.Reason, cxq.TextRule{Required: true, Max: maxReturnText}); fe != nil {
			return Return{}, fe
		}
		app, err := own(ctx, s, tx, s.apps, a, in.ApplicationID, "request_return")
		if err != nil {
			return Return{}, err
		}
		if err := checkVersion(StreamApplication, app.ID, in.Version, app.Version); err != nil {
			return Return{}, err
		}
		effect, err := s.returnable(ctx, tx, app, now)
		if err != nil {
			return Return{}, err
		}
		r := Return{Filed: Filed{ID: s.ids.NewID(StreamReturn)}, ApplicationID: app.ID, EnterpriseID: app.EnterpriseID,
			Product: app.Product.Name, Reason: in.Reason, State: ReturnRequested, Effect: effect, RequestedBy: a.ID}
		if effect.Review {
			app.Returning = r.ID
			if err := save(ctx, s, tx, s.apps, &app, a, now, "return.request", app.State(), auditNote("return", r.ID)); err != nil {
				return Return{}, err
			}
			return r, storeFiled(ctx, s, tx, &r, a, now, "request", auditNote("application", app.ID))
		}
		r.State, r.Decided = ReturnApproved, now
		if err := s.takeBack(ctx, tx, a, now, &app, &r); err != nil {
			return Return{}, err
		}
		return r, storeFiled(ctx, s, tx, &r, a, now, "request", auditNote("application", app.ID, "review", "none"))
	})
}

// DecideReturn is the programme office approving a return awaiting it (it then takes
// effect as RequestReturn describes, with the effect judged at the request) or refusing
// it with a note (the voucher stays in force). Only the office decides; a return decided
// already is cxq.ErrConflict, so of two concurrent decisions exactly one wins.
func (s *Service) DecideReturn(ctx context.Context, a Actor, in ReturnDecision) (Return, error) {
	if a.Role != RoleCoordinator || a.ID == "" {
		return Return{}, s.deny(ctx, a, "decide_return", StreamReturn, in.ID, "only the programme office decides returns", false)
	}
	return mutate(ctx, s, a, in.Key, "DecideReturn", in, func(tx Tx, now time.Time) (Return, error) {
		if fe := cxq.CheckText("note", labelDecisionNote, in.Note, cxq.TextRule{Required: !in.Approve, Max: maxReturnText}); fe != nil {
			return Return{}, fe
		}
		r, err := loadFiled[Return](ctx, tx, StreamReturn, in.ID)
		if err != nil {
			return Return{}, err
		}
		if err := checkVersion(StreamReturn, r.ID, in.Version, r.Version); err != nil {
			return Return{}, err
		}
		app, err := s.apps.load(ctx, tx, r.ApplicationID)
		if err != nil {
			return Return{}, err
		}
		if r.State != ReturnRequested || app.Returning != r.ID {
			return Return{}, fmt.Errorf("voucher: return %s is %s: %w", r.ID, r.State, cxq.ErrConflict)
		}
		r.DecidedBy, r.Decided, r.Note = a.ID, now, in.Note
		action := "refuse"
		if in.Approve {
			r.State, action = ReturnApproved, "approve"
			err = s.takeBack(ctx, tx, a, now, &app, &r)
		} else {
			r.State, app.Returning = ReturnRefused, ""
			err = s.returnRefused(ctx, tx, a, now, &app, &r)
		}
		if err != nil {
			return Return{}, err
		}
		return r, storeFiled(ctx, s, tx, &r, a, now, action, auditNote("note", in.Note))
	})
}

// takeBack makes return r of app take effect: everything the application holds goes
// back (quota and pool, through holding.go), the return's ban is recorded, and the
// application ends outside review, audited, with a notice to the enterprise.
func (s *Service) takeBack(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, r *Return) error {
	released := app.Reserved
	if err := s.unreserve(ctx, tx, a, now, app, "return "+app.ID); err != nil {
		return err
	}
	r.Effect.Released = released
	if b := r.Effect.Ban; b != nil {
		if err := s.recordBan(ctx, tx, a, now, app, *b); err != nil {
			return err
		}
	}
	app.Ended, app.Returning = EndedReturned, ""
	note := auditNote("return", r.ID, "released", released.String(), "effect", r.Effect.Effect.Code)
	if err := save(ctx, s, tx, s.apps, app, a, now, "return", app.State(), note); err != nil {
		return err
	}
	what := about(StreamApplication, &app.Record)
	effect := r.Effect.Effect.Text()
	return s.returnNotice(ctx, tx, app, now, cxq.T("您的"+what.ZH+"已退券，退回 "+released.String()+" 元。"+effect.ZH+"。",
		"Your "+what.EN+": the voucher was returned, "+released.String()+" yuan released. "+effect.EN+"."))
}

// returnRefused clears the application's pending return and tells the enterprise why.
func (s *Service) returnRefused(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, r *Return) error {
	if err := save(ctx, s, tx, s.apps, app, a, now, "return.refuse", app.State(), auditNote("return", r.ID)); err != nil {
		return err
	}
	what := about(StreamApplication, &app.Record)
	return s.returnNotice(ctx, tx, app, now, cxq.T("您的"+what.ZH+"退券申请未通过，创新券继续有效。审核意见："+r.Note,
		"Your "+what.EN+": the return was refused and the voucher stays in force. Note: "+r.Note))
}

// returnNotice tells the enterprise, once per change of the application.
func (s *Service) returnNotice(ctx context.Context, tx Tx, app *Application, now time.Time, text cxq.Text) error {
	stream, to := StreamOf(StreamApplication, app.ID), OrgAddress(app.EnterpriseID)
	return tx.AppendNotice(ctx, Notice{ID: noticeID(stream, strconv.FormatInt(app.AuditSeq, 10), to, "return"), To: to,
		Kind: NoticeVoucherReturn, Subject: stream, Code: EndedReturned, Text: text, Created: now, Due: now, NextTry: now,
		State: NoticePending})
}

// ReturnFilter selects returns: by state, by application ("" any).
type ReturnFilter struct {
	State         ReturnState `json:"state,omitempty"`
	ApplicationID string      `json:"application_id,omitempty"`
}

// Returns lists the returns the actor may see, oldest first: the programme office sees
// every one (with State requested, those awaiting its decision), an enterprise its own.
func (s *Service) Returns(ctx context.Context, a Actor, f ReturnFilter) ([]Return, error) {
	return view(ctx, s, func(tx Tx) ([]Return, error) {
		all, err := listFiled[Return](ctx, tx, DocFilter{Kind: StreamReturn, Subject: f.ApplicationID, State: string(f.State)})
		if err != nil {
			return nil, err
		}
		return slices.DeleteFunc(all, func(r Return) bool {
			return !(a.Role == RoleCoordinator && a.ID != "") && !ownsEnterprise(a, r.EnterpriseID)
		}), nil
	})
}
