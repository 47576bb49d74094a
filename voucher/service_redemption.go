package voucher

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// RedemptionDraft is the input of [Service.SaveRedemption]: the parts of the 创新券兑现申请
// edited as a whole. Invoices and contracts are added and removed one at a time.
type RedemptionDraft struct {
	ID      string          `json:"id"`
	Contact Contact         `json:"contact"`
	Outcome string          `json:"outcome"` // 科技创新券使用成效
	Files   []AttachmentRef `json:"files,omitempty"`
	Version int64           `json:"version,omitempty"` // zero skips the check
}

// StartRedemption opens a redemption (申请兑现) for an application approved (复审通过)
// and not yet settled or expired. An application has at most one live redemption:
// concurrent starts give one success and ErrConflict for the rest.
func (s *Service) StartRedemption(ctx context.Context, a Actor, key, applicationID string) (Redemption, error) {
	return mutate(ctx, s, a, key, "StartRedemption", applicationID, func(tx Tx, now time.Time) (Redemption, error) {
		app, err := s.ownApplication(ctx, tx, a, applicationID, "start_redemption")
		if err != nil {
			return Redemption{}, err
		}
		if app.State() != review.Approved || app.Ended != "" || app.Reserved.Sign() <= 0 {
			return Redemption{}, fmt.Errorf("voucher: application %s is %s%s and cannot be redeemed: %w",
				app.ID, app.State(), map[bool]string{true: " (" + app.Ended + ")"}[app.Ended != ""], cxq.ErrConflict)
		}
		r := Redemption{
			ID: s.ids.NewID(StreamRedemption), ApplicationID: app.ID, OrderID: app.OrderID, EnterpriseID: app.EnterpriseID,
			Product: app.Product, Claimed: app.Amount, Created: now, Since: now,
			Form: RedemptionForm{Contact: app.Form.Contact},
		}
		e, err := audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamRedemption, r.ID), At: now, Actor: a.ID, Role: a.Role,
			Action: "create", To: string(review.Draft), Note: auditNote("application", app.ID)}, 0, "")
		if err != nil {
			return Redemption{}, err
		}
		r.Version, r.Updated, r.AuditSeq, r.AuditHead = 1, now, e.Seq, e.Hash
		if err := tx.CreateRedemption(ctx, r); err != nil {
			return Redemption{}, err
		}
		// Touching the application makes a concurrent expiry of it (which compares and
		// sets its version) fail instead of ending a voucher being redeemed.
		return r, s.saveApplication(ctx, tx, &app, a, now, "redemption.start", app.State(), auditNote("redemption", r.ID))
	})
}

// editRedemption runs change on a redemption the actor's enterprise owns and that is in
// draft or returned, then stores it with an audit entry.
func (s *Service) editRedemption(ctx context.Context, a Actor, key, op, id string, version int64, input any,
	change func(tx Tx, r *Redemption) (string, error)) (Redemption, error) {
	return mutate(ctx, s, a, key, op, input, func(tx Tx, now time.Time) (Redemption, error) {
		r, err := s.ownRedemption(ctx, tx, a, id, op)
		if err != nil {
			return Redemption{}, err
		}
		if err := checkVersion(StreamRedemption, id, version, r.Version); err != nil {
			return Redemption{}, err
		}
		if st := r.State(); st != review.Draft && st != review.Returned {
			return Redemption{}, fmt.Errorf("voucher: redemption %s is %s and cannot be edited: %w", r.ID, st, cxq.ErrConflict)
		}
		note, err := change(tx, &r)
		if err != nil {
			return Redemption{}, err
		}
		return r, s.saveRedemption(ctx, tx, &r, a, now, op, r.State(), note)
	})
}

// SaveRedemption replaces the contact, the outcome text and the other files.
func (s *Service) SaveRedemption(ctx context.Context, a Actor, key string, in RedemptionDraft) (Redemption, error) {
	return s.editRedemption(ctx, a, key, "SaveRedemption", in.ID, in.Version, in, func(_ Tx, r *Redemption) (string, error) {
		r.Form.Contact, r.Form.Outcome, r.Form.Files = in.Contact, in.Outcome, in.Files
		return "", nil
	})
}

// AddInvoice adds an invoice (添加发票). Its key (code + number, or the 20-digit number of
// an all-electronic invoice) is claimed at once: an invoice already backing any
// redemption, this one included, is ErrConflict.
func (s *Service) AddInvoice(ctx context.Context, a Actor, key, redemptionID string, inv Invoice) (Redemption, error) {
	if err := cxq.CheckInvoice(inv.Code, inv.Number); err != nil {
		var p cxq.Problems
		p.AddErr("invoice", err)
		return Redemption{}, p.Err()
	}
	input := struct {
		ID      string  `json:"id"`
		Invoice Invoice `json:"invoice"`
	}{redemptionID, inv}
	return s.editRedemption(ctx, a, key, "AddInvoice", redemptionID, 0, input, func(tx Tx, r *Redemption) (string, error) {
		k := inv.Key()
		for _, have := range r.Form.Invoices {
			if have.Key() == k {
				return "", fmt.Errorf("voucher: invoice %s is already on redemption %s: %w", k, r.ID, cxq.ErrConflict)
			}
		}
		if err := tx.ClaimInvoice(ctx, k, r.ID); err != nil {
			return "", err
		}
		r.Form.Invoices = append(r.Form.Invoices, inv)
		return auditNote("invoice", k, "amount", inv.Amount.String()), nil
	})
}

// RemoveInvoice removes the invoice with invoiceKey (see [Invoice.Key]) and frees it.
func (s *Service) RemoveInvoice(ctx context.Context, a Actor, key, redemptionID, invoiceKey string) (Redemption, error) {
	input := [2]string{redemptionID, invoiceKey}
	return s.editRedemption(ctx, a, key, "RemoveInvoice", redemptionID, 0, input, func(tx Tx, r *Redemption) (string, error) {
		for i, inv := range r.Form.Invoices {
			if inv.Key() == invoiceKey {
				r.Form.Invoices = append(r.Form.Invoices[:i:i], r.Form.Invoices[i+1:]...)
				return auditNote("invoice", invoiceKey), tx.ReleaseInvoice(ctx, invoiceKey, r.ID)
			}
		}
		return "", notFound("invoice", invoiceKey)
	})
}

// AddContract adds a contract (添加合同).
func (s *Service) AddContract(ctx context.Context, a Actor, key, redemptionID string, c Contract) (Redemption, error) {
	input := struct {
		ID       string   `json:"id"`
		Contract Contract `json:"contract"`
	}{redemptionID, c}
	return s.editRedemption(ctx, a, key, "AddContract", redemptionID, 0, input, func(_ Tx, r *Redemption) (string, error) {
		r.Form.Contracts = append(r.Form.Contracts, c)
		return auditNote("contract", c.Name, "amount", c.EffectiveAmount.String()), nil
	})
}

// RemoveContract removes the contract at index (0-based, in the order added).
func (s *Service) RemoveContract(ctx context.Context, a Actor, key, redemptionID string, index int) (Redemption, error) {
	input := struct {
		ID    string `json:"id"`
		Index int    `json:"index"`
	}{redemptionID, index}
	return s.editRedemption(ctx, a, key, "RemoveContract", redemptionID, 0, input, func(_ Tx, r *Redemption) (string, error) {
		if index < 0 || index >= len(r.Form.Contracts) {
			return "", notFound("contract", fmt.Sprint(index))
		}
		name := r.Form.Contracts[index].Name
		r.Form.Contracts = append(r.Form.Contracts[:index:index], r.Form.Contracts[index+1:]...)
		return auditNote("contract", name), nil
	})
}

// SubmitRedemption submits (or resubmits after a return) a redemption: the form is
// validated under the application's policy and 兑现创新券金额合计 computed.
func (s *Service) SubmitRedemption(ctx context.Context, a Actor, key, id string, version int64) (Redemption, error) {
	in := struct {
		ID      string `json:"id"`
		Version int64  `json:"version"`
	}{id, version}
	return mutate(ctx, s, a, key, "SubmitRedemption", in, func(tx Tx, now time.Time) (Redemption, error) {
		r, err := s.ownRedemption(ctx, tx, a, id, "submit_redemption")
		if err != nil {
			return Redemption{}, err
		}
		if err := checkVersion(StreamRedemption, id, version, r.Version); err != nil {
			return Redemption{}, err
		}
		action := review.Submit
		switch r.State() {
		case review.Draft:
		case review.Returned:
			action = review.Resubmit
		default:
			return Redemption{}, &review.TransitionError{Workflow: s.redFlow.ID(), From: r.State(), Action: review.Submit}
		}
		app, err := tx.Application(ctx, r.ApplicationID)
		if err != nil {
			return Redemption{}, err
		}
		c, err := s.gatherClaim(ctx, tx, app, now)
		if err != nil {
			return Redemption{}, err
		}
		if err := r.Form.Validate(c.policy); err != nil {
			return Redemption{}, err
		}
		q, err := tx.Quota(ctx, app.Quota)
		if err != nil {
			return Redemption{}, err
		}
		total, breakdown, err := RedemptionAmount(c.policy, RedemptionInput{At: now, Approved: app.Amount,
			Invoices: r.Form.Invoices, Contracts: r.Form.Contracts, Available: app.Reserved.Add(q.Remaining()),
			Enterprise: c.enterprise.Place, Provider: ProviderPlace(c.provider)})
		if err != nil {
			return Redemption{}, err
		}
		if r.Case.ID == "" {
			r.Case = s.redFlow.NewCase(review.Opening{ID: r.ID, Owner: r.EnterpriseID, District: c.enterprise.Place.District,
				Facts: map[string]string{review.FactClaimedAmount: total.String()}})
		} else {
			if r.Case.Facts == nil {
				r.Case.Facts = map[string]string{}
			}
			r.Case.Facts[review.FactClaimedAmount] = total.String()
		}
		from := r.State()
		next, _, err := s.redFlow.Fire(r.Case, review.Input{Action: action, Time: now, Actor: reviewActor(a, r.ID, r.Assignments)})
		if err != nil {
			return Redemption{}, err
		}
		r.Case, r.Total, r.Breakdown = next, total, breakdown
		return r, s.saveRedemption(ctx, tx, &r, a, now, string(action), from, auditNote("total", total.String()))
	})
}

// ReviewRedemption fires a reviewer's decision on a redemption. At the expert stage the
// approval sets the actual amount (Fields["actual_amount"], at most the total); reaching
// 评审通过 settles the application's quota to that amount and releases the rest, once.
func (s *Service) ReviewRedemption(ctx context.Context, a Actor, key string, d Decision) (Redemption, error) {
	if d.Action == review.Submit || d.Action == review.Resubmit {
		return Redemption{}, fmt.Errorf("voucher: use SubmitRedemption to %s: %w", d.Action, cxq.ErrInvalid)
	}
	return mutate(ctx, s, a, key, "ReviewRedemption", d, func(tx Tx, now time.Time) (Redemption, error) {
		r, err := s.readRedemption(ctx, tx, a, d.ID)
		if err != nil {
			return Redemption{}, err
		}
		return s.fireRedemption(ctx, tx, a, r, d, now)
	})
}

// WithdrawRedemption is the enterprise withdrawing its redemption; its invoices are
// freed and the application may be redeemed again.
func (s *Service) WithdrawRedemption(ctx context.Context, a Actor, key, id, reason string) (Redemption, error) {
	d := Decision{ID: id, Action: review.Withdraw, Opinion: reason}
	return mutate(ctx, s, a, key, "WithdrawRedemption", d, func(tx Tx, now time.Time) (Redemption, error) {
		r, err := s.ownRedemption(ctx, tx, a, id, "withdraw_redemption")
		if err != nil {
			return Redemption{}, err
		}
		if r.Case.ID == "" {
			r.Case = s.redFlow.NewCase(review.Opening{ID: r.ID, Owner: r.EnterpriseID})
		}
		return s.fireRedemption(ctx, tx, a, r, d, now)
	})
}

func (s *Service) fireRedemption(ctx context.Context, tx Tx, a Actor, r Redemption, d Decision, now time.Time) (Redemption, error) {
	if err := checkVersion(StreamRedemption, r.ID, d.Version, r.Version); err != nil {
		return Redemption{}, err
	}
	if r.Case.ID == "" {
		return Redemption{}, &review.TransitionError{Workflow: s.redFlow.ID(), From: review.Draft, Action: d.Action}
	}
	from := r.State()
	next, _, err := s.redFlow.Fire(r.Case, review.Input{Action: d.Action, Opinion: d.Opinion, Fields: d.Fields,
		Time: now, Actor: reviewActor(a, r.ID, r.Assignments)})
	if err != nil {
		if errors.Is(err, cxq.ErrForbidden) {
			s.log.WarnContext(ctx, "voucher: review denied", "actor", a, "redemption", r.ID, "action", d.Action, "err", err)
		}
		return Redemption{}, err
	}
	r.Case = next
	note := auditNote("opinion", d.Opinion)
	switch r.State() {
	case review.Approved:
		actual, err := cxq.ParseMoney(next.Facts[review.FieldActualAmount])
		if err != nil {
			var p cxq.Problems
			p.AddErr(review.FieldActualAmount, err)
			return Redemption{}, p.Err()
		}
		r.Actual = actual
		if err := s.settle(ctx, tx, a, r, now); err != nil {
			return Redemption{}, err
		}
		note = auditNote("opinion", d.Opinion, "actual", actual.String())
	case review.Withdrawn:
		for _, k := range r.Form.InvoiceKeys() {
			if err := tx.ReleaseInvoice(ctx, k, r.ID); err != nil {
				return Redemption{}, err
			}
		}
	}
	return r, s.saveRedemption(ctx, tx, &r, a, now, string(d.Action), from, note)
}

// settle turns the application's reservation into payment of r.Actual: the rest of the
// reservation goes back to the quota, exactly once (the application's Reserved becomes
// zero in the same transaction).
func (s *Service) settle(ctx context.Context, tx Tx, a Actor, r Redemption, now time.Time) error {
	app, err := tx.Application(ctx, r.ApplicationID)
	if err != nil {
		return err
	}
	if app.Reserved.Sign() <= 0 || r.Actual.GreaterThan(app.Reserved) {
		return fmt.Errorf("voucher: application %s holds %s, cannot pay %s: %w", app.ID, app.Reserved, r.Actual, cxq.ErrConflict)
	}
	if _, err := tx.SettleQuota(ctx, app.Quota, app.Reserved, r.Actual); err != nil {
		return err
	}
	note := auditNote("redemption", r.ID, "paid", r.Actual.String(), "released", app.Reserved.Sub(r.Actual).String(),
		"quota", app.Quota.String())
	app.Paid, app.Reserved = r.Actual, cxq.Money{}
	return s.saveApplication(ctx, tx, &app, a, now, "quota.settle", app.State(), note)
}

func (s *Service) saveRedemption(ctx context.Context, tx Tx, r *Redemption, a Actor, now time.Time,
	action string, from State, note string) error {
	e, err := audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamRedemption, r.ID), At: now, Actor: a.ID, Role: a.Role,
		Action: action, From: string(from), To: string(r.State()), Note: note}, r.AuditSeq, r.AuditHead)
	if err != nil {
		return err
	}
	if r.State() != from {
		r.Since = now
	}
	r.Version++
	r.Updated, r.AuditSeq, r.AuditHead = now, e.Seq, e.Hash
	return tx.UpdateRedemption(ctx, *r)
}

func (s *Service) ownRedemption(ctx context.Context, tx Tx, a Actor, id, action string) (Redemption, error) {
	r, err := tx.Redemption(ctx, id)
	if err != nil {
		return Redemption{}, notFound(StreamRedemption, id)
	}
	if !ownsEnterprise(a, r.EnterpriseID) {
		return Redemption{}, s.deny(ctx, a, action, StreamRedemption, id, "not the applicant", true)
	}
	return r, nil
}

// AssignRedemption names the reviewer for one stage of a redemption (专业机构形式审查,
// 专家评审). Only the programme office assigns.
func (s *Service) AssignRedemption(ctx context.Context, a Actor, key, id string, stage State, reviewer string) (Redemption, error) {
	in := struct {
		ID, Reviewer string
		Stage        State
	}{id, reviewer, stage}
	return mutate(ctx, s, a, key, "AssignRedemption", in, func(tx Tx, now time.Time) (Redemption, error) {
		if a.Role != RoleCoordinator || a.ID == "" {
			if _, err := s.readRedemption(ctx, tx, a, id); err != nil {
				return Redemption{}, err
			}
			return Redemption{}, s.deny(ctx, a, "assign", StreamRedemption, id, "only the programme office assigns", false)
		}
		r, err := tx.Redemption(ctx, id)
		if err != nil {
			return Redemption{}, notFound(StreamRedemption, id)
		}
		if _, ok := s.redFlow.Stage(stage); !ok || reviewer == "" {
			return Redemption{}, cxq.NewFieldError("stage", cxq.CodeInvalid, map[string]string{"reason": string(stage)},
				cxq.T("审核环节或审核人不正确：{reason}", "unknown stage or no reviewer: {reason}"))
		}
		if r.Assignments == nil {
			r.Assignments = map[State]string{}
		}
		r.Assignments[stage] = reviewer
		return r, s.saveRedemption(ctx, tx, &r, a, now, "assign", r.State(), auditNote("stage", string(stage), "reviewer", reviewer))
	})
}
