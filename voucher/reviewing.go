package voucher

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// aggregate is how the service reads, writes and reviews one kind of reviewed record.
// Application and Redemption each have one; every use case they share (own, read, save,
// fire, assign, list) is written once below, over it.
type aggregate[T any, P reviewed[T]] struct {
	kind  string // StreamApplication or StreamRedemption
	flow  *review.Workflow
	table func(Tx) Records[T]
	// acts reports whether an actor may act on a record as its owner (edit, submit,
	// withdraw); a non-empty reason makes a refusal a visible denial rather than not found.
	acts func(ctx context.Context, a Actor, c *Record) (bool, string, error)
	// fired applies what a transition means for this kind beyond the case (a quota
	// release, a settlement, freed invoices) and returns the audit note.
	fired func(ctx context.Context, tx Tx, a Actor, rec P, d Decision, now time.Time) (string, error)
}

// load reads the record with id. Only a missing record is not found; any other failure of
// the store is returned as it is.
func (g *aggregate[T, P]) load(ctx context.Context, tx Tx, id string) (T, error) {
	rec, err := g.table(tx).Get(ctx, id)
	if errors.Is(err, cxq.ErrNotFound) {
		return rec, notFound(g.kind, id)
	}
	return rec, err
}

// own reads a record the actor may act on as its owner (the enterprise, or for a
// redemption whoever the policy says redeems); another's answers as not found.
func own[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], a Actor, id, action string) (T, error) {
	rec, err := g.load(ctx, tx, id)
	if err != nil {
		return rec, err
	}
	ok, why, err := g.acts(ctx, a, P(&rec).core())
	if err != nil || !ok {
		var zero T
		if err != nil {
			return zero, err
		}
		if why == "" {
			return zero, s.deny(ctx, a, action, g.kind, id, "not the applicant", true)
		}
		return zero, s.deny(ctx, a, action, g.kind, id, why, false)
	}
	return rec, nil
}

// read reads a record the actor may see (see the package's authorization rules); any
// other answers exactly like a missing one.
func read[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], a Actor, id string) (T, error) {
	rec, err := g.load(ctx, tx, id)
	if err != nil {
		return rec, err
	}
	c := P(&rec).core()
	ok, err := s.visibleTo(ctx, a, g.kind, c)
	if err != nil {
		var zero T
		return zero, err
	}
	if !ok {
		var zero T
		return zero, s.deny(ctx, a, "read_"+g.kind, g.kind, id, "outside the actor's scope", true)
	}
	return rec, nil
}

// insert stores a new record (version 1) with its first audit entry.
func insert[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], rec P, a Actor, now time.Time, note string) error {
	c := rec.core()
	c.Created, c.Since, c.Updated, c.Version = now, now, now, 1
	ctx, err := s.auditChange(ctx, tx, rec, AuditEntry{Stream: StreamOf(g.kind, c.ID), At: now, Actor: a.ID, Role: a.Role,
		Action: "create", To: string(review.Draft), Note: note})
	if err != nil {
		return err
	}
	return g.table(tx).Create(ctx, *rec)
}

// auditChange appends the audit entry e of a change of rec, whose content it encodes
// once (see encoding.go), and sets the record's head to it. The context returned carries
// the record's encoding to the Store (EncodedRecord).
func (s *Service) auditChange(ctx context.Context, tx Tx, rec interface{ core() *Record }, e AuditEntry) (context.Context, error) {
	c := rec.core()
	seq, head := c.AuditSeq, c.AuditHead
	c.AuditSeq, c.AuditHead = 0, "" // the content an entry covers leaves out the entry itself
	content, hash, err := encodeContent(rec)
	if err != nil {
		return ctx, err
	}
	defer release(content)
	e.Content = hash
	if e, err = s.appendAudit(ctx, tx, e, seq, head); err != nil {
		return ctx, err
	}
	c.AuditSeq, c.AuditHead = e.Seq, e.Hash
	enc, ok := withHead(content.Bytes(), c)
	if !ok {
		return ctx, nil
	}
	remember(tx, enc)
	return context.WithValue(ctx, encodedKey{}, enc), nil
}

// save appends the audit entry for a change of rec (from the state from) and stores it,
// compare-and-set on its version.
func save[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], rec P, a Actor, now time.Time,
	action string, from State, note string) error {
	c := rec.core()
	if c.State() != from {
		c.Since = now
	}
	c.Version++
	c.Updated = now
	plan, err := s.planReminders(ctx, tx, g.kind, rec) // before the audit entry: see reminderPlan
	if err != nil {
		return err
	}
	ctx, err = s.auditChange(ctx, tx, rec, AuditEntry{Stream: StreamOf(g.kind, c.ID), At: now, Actor: a.ID, Role: a.Role,
		Action: action, From: string(from), To: string(c.State()), Note: note})
	if err != nil {
		return err
	}
	if err := g.table(tx).Update(ctx, *rec); err != nil {
		return err
	}
	return s.noticesFor(ctx, tx, g.kind, rec, from, now, plan)
}

// checkVersion refuses a call made on another version than the stored one; want 0 skips
// the check.
func checkVersion(kind, id string, want, have int64) error {
	if want != 0 && want != have {
		return fmt.Errorf("voucher: %s %s is at version %d, not %d: %w", kind, id, have, want, cxq.ErrConflict)
	}
	return nil
}

// checkExpectedVersion is checkVersion for a change that must name the version it
// replaces: want 0 is refused (cxq.CodeRequired on "version") instead of skipping the
// check, so that a careless or stale edit cannot overwrite another silently.
func checkExpectedVersion(kind, id string, want, have int64) error {
	if want == 0 {
		var p cxq.Problems
		p.Add(cxq.Required("version", cxq.T("版本号", "version")))
		return p.Err()
	}
	return checkVersion(kind, id, want, have)
}

// edit reads a record the actor owns, at the expected version (required: see
// checkExpectedVersion) and editable (draft or returned), for a change of its contents.
func edit[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], a Actor, id string,
	version int64, action string) (T, error) {
	rec, err := own(ctx, s, tx, g, a, id, action)
	if err != nil {
		return rec, err
	}
	c := P(&rec).core()
	if err := checkExpectedVersion(g.kind, id, version, c.Version); err != nil {
		return rec, err
	}
	if !c.Editable() {
		return rec, fmt.Errorf("voucher: %s %s is %s and cannot be edited: %w", g.kind, id, c.State(), cxq.ErrConflict)
	}
	return rec, nil
}

// submission reads a record the actor owns for (re)submission and returns the action:
// submit from draft, resubmit after a return.
func submission[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], a Actor,
	in SubmitParams, action string) (T, review.Action, error) {
	rec, err := own(ctx, s, tx, g, a, in.ID, action)
	if err != nil {
		return rec, "", err
	}
	c := P(&rec).core()
	if err := checkVersion(g.kind, in.ID, in.Version, c.Version); err != nil {
		return rec, "", err
	}
	switch c.State() {
	case review.Draft:
		return rec, review.Submit, nil
	case review.Returned:
		return rec, review.Resubmit, nil
	}
	return rec, "", &review.TransitionError{Workflow: g.flow.ID(), From: c.State(), Action: review.Submit}
}

// submit opens the case on the first submission (or refreshes the claimed amount on a
// resubmission) and fires the submission.
func submit[T any, P reviewed[T]](g *aggregate[T, P], rec P, a Actor, action review.Action, district string,
	claimed cxq.Money, now time.Time) error {
	c := rec.core()
	if c.Case.ID == "" {
		c.Case = g.flow.NewCase(review.Opening{ID: c.ID, Owner: c.EnterpriseID, District: district,
			Facts: map[string]string{review.FactClaimedAmount: claimed.String()}})
	} else {
		if c.Case.Facts == nil {
			c.Case.Facts = map[string]string{}
		}
		c.Case.Facts[review.FactClaimedAmount] = claimed.String()
	}
	next, _, err := g.flow.FireVerified(c.Case, review.Input{Action: action, Time: now, Actor: ownerActor(a, c)})
	if err != nil {
		return err
	}
	c.Case = next
	return nil
}

// decide fires a reviewer's decision on a record the actor may see.
func decide[T any, P reviewed[T]](ctx context.Context, s *Service, g *aggregate[T, P], a Actor, op string, d Decision) (T, error) {
	if d.Action == review.Submit || d.Action == review.Resubmit {
		var zero T
		return zero, fmt.Errorf("voucher: %s cannot %s; submit it instead: %w", op, d.Action, cxq.ErrInvalid)
	}
	if a.Role == RoleProvider {
		var zero T
		return zero, s.deny(ctx, a, "review_"+g.kind, g.kind, d.ID, "providers do not review", false)
	}
	if !g.flow.HasAction(d.Action) {
		var zero T
		return zero, unknownAction(d.Action)
	}
	return mutateOwn(ctx, s, a, d.Key, op, d, func(tx Tx, now time.Time) (*T, error) {
		rec, err := read(ctx, s, tx, g, a, d.ID)
		if err != nil {
			return nil, err
		}
		return &rec, fire(ctx, s, tx, g, a, &rec, d, now)
	})
}

// withdraw is the enterprise withdrawing its record (撤回) before the end.
func withdraw[T any, P reviewed[T]](ctx context.Context, s *Service, g *aggregate[T, P], a Actor, op string, in WithdrawParams) (T, error) {
	d := Decision{Key: in.Key, ID: in.ID, Version: in.Version, Action: review.Withdraw, Opinion: in.Reason}
	return mutateOwn(ctx, s, a, in.Key, op, d, func(tx Tx, now time.Time) (*T, error) {
		rec, err := own(ctx, s, tx, g, a, in.ID, "withdraw_"+g.kind)
		if err != nil {
			return nil, err
		}
		c := P(&rec).core()
		if c.Case.ID == "" {
			c.Case = g.flow.NewCase(review.Opening{ID: c.ID, Owner: c.EnterpriseID})
		}
		return &rec, fire(ctx, s, tx, g, a, &rec, d, now)
	})
}

// fire applies a decision to the record's case, then what the new state means for the
// record's kind, and saves it.
func fire[T any, P reviewed[T]](ctx context.Context, s *Service, tx Tx, g *aggregate[T, P], a Actor, rec P, d Decision, now time.Time) error {
	c := rec.core()
	if err := checkVersion(g.kind, c.ID, d.Version, c.Version); err != nil {
		return err
	}
	if c.Case.ID == "" {
		return &review.TransitionError{Workflow: g.flow.ID(), From: review.Draft, Action: d.Action}
	}
	from := c.State()
	// The stored case verified entry by entry as it was written, and VerifyAudit checks
	// every case whole, so the engine checks only its head: O(1) in its history.
	next, _, err := g.flow.FireVerified(c.Case, review.Input{Action: d.Action, Opinion: d.Opinion, Fields: d.Fields,
		Time: now, Actor: ownerActor(a, c)})
	if err != nil {
		if errors.Is(err, cxq.ErrForbidden) {
			s.log.WarnContext(ctx, "voucher: review denied", "actor", a, g.kind, c.ID, "action", d.Action, "err", err)
		}
		return underFields(err, d.Fields)
	}
	c.Case = next
	note, err := g.fired(ctx, tx, a, rec, d, now)
	if err != nil {
		return err
	}
	return save(ctx, s, tx, g, rec, a, now, string(d.Action), from, note)
}

// assign names the reviewer of one stage of a record. Only the programme office assigns.
func assign[T any, P reviewed[T]](ctx context.Context, s *Service, g *aggregate[T, P], a Actor, op string, in AssignParams) (T, error) {
	return mutateOwn(ctx, s, a, in.Key, op, in, func(tx Tx, now time.Time) (*T, error) {
		if a.Role != RoleCoordinator || a.ID == "" {
			if _, err := read(ctx, s, tx, g, a, in.ID); err != nil {
				return nil, err
			}
			return nil, s.deny(ctx, a, "assign", g.kind, in.ID, "only the programme office assigns", false)
		}
		rec, err := g.load(ctx, tx, in.ID)
		if err != nil {
			return nil, err
		}
		c := P(&rec).core()
		if err := checkVersion(g.kind, in.ID, in.Version, c.Version); err != nil {
			return nil, err
		}
		if err := s.checkAssignment(ctx, g.flow, c, in.Stage, in.Reviewer); err != nil {
			return nil, err
		}
		if c.Assignments == nil {
			c.Assignments = map[State]string{}
		}
		c.Assignments[in.Stage] = in.Reviewer
		if err := save(ctx, s, tx, g, P(&rec), a, now, "assign", c.State(),
			auditNote("stage", string(in.Stage), "reviewer", in.Reviewer)); err != nil || in.Stage != c.State() {
			return &rec, err
		}
		return &rec, s.assigned(ctx, tx, g.kind, c, now)
	})
}

// listPage lists the records the actor may see, filtered and paged by q: newest first, or
// with q.Queue the records awaiting the actor's stage, longest waiting first.
func listPage[T any, P reviewed[T]](ctx context.Context, s *Service, g *aggregate[T, P], a Actor, q Query) (Page[T], error) {
	f, page, per := q.filter()
	if q.Queue {
		f.Oldest = true
		states := queueStates(g.flow, a.Role)
		if a.Role == RoleCoordinator {
			states = reviewStates(g.flow)
		}
		if q.Status != "" { // one stage of the queue
			states = slices.DeleteFunc(states, func(s State) bool { return s != q.Status })
		}
		f.Statuses = states
		if len(f.Statuses) == 0 {
			return newPage[T](nil, 0, page, per), nil
		}
	}
	return listScoped(ctx, s, g, a, f, page, per)
}

// listScoped narrows f to what the actor may see, in the query itself, and lists one page.
func listScoped[T any, P reviewed[T]](ctx context.Context, s *Service, g *aggregate[T, P], a Actor, f ListFilter, page, per int) (Page[T], error) {
	if !scope(a, &f) {
		return newPage[T](nil, 0, page, per), nil
	}
	return view(ctx, s, func(tx Tx) (Page[T], error) {
		items, total, err := g.table(tx).List(ctx, f)
		return newPage(items, total, page, per), err
	})
}

// ownerActor presents a to the review engine. The provider of the record's order, whom
// the Service has already let act as the redeemer (own), acts for the enterprise that
// owns the case; everyone else is presented as they are.
func ownerActor(a Actor, c *Record) review.Actor {
	if providerOf(a, c) {
		a = Actor{ID: a.ID, Role: RoleEnterprise, Org: c.EnterpriseID, Name: a.Name}
	}
	return reviewActor(a, c.ID, c.Assignments)
}

// CodeUnknownAction is the refusal (on "action") of a decision whose action the record's
// workflow does not have at all; one it has but not in the record's state is a
// *review.TransitionError.
const CodeUnknownAction = "unknown_action"

// unknownAction is the problem of a decision naming an action no workflow step has.
func unknownAction(act review.Action) error {
	return cxq.NewFieldError("action", CodeUnknownAction, map[string]string{"action": cxq.Clip(string(act), 40)},
		cxq.T("无效的审核操作 {action}", "{action} is not a review action"))
}

// underFields names the problems the workflow found with the values of a decision's
// Fields as the decision names them ("fields.actual_amount"), leaving the others.
func underFields(err error, fields map[string]string) error {
	ve, ok := err.(*cxq.ValidationError) // the engine's own check of the input, not a guard's reason
	if len(fields) == 0 || !ok {
		return err
	}
	out := &cxq.ValidationError{Errors: make([]*cxq.FieldError, len(ve.Errors))}
	for i, fe := range ve.Errors {
		if _, ok := fields[fe.Field]; ok {
			fe = fe.WithField("fields." + fe.Field)
		}
		out.Errors[i] = fe
	}
	return out
}
