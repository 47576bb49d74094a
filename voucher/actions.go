package voucher

import (
	"context"
	"slices"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// The names of the actions [Service.ApplicationActions] and [Service.RedemptionActions]
// offer besides the review actions of the workflow (approve, return, reject, …), which
// keep their workflow names.
const (
	ActionSave     = "save"     // edit the form (SaveApplication, SaveRedemption, invoices, contracts)
	ActionSubmit   = "submit"   // SubmitApplication, SubmitRedemption (also resubmission)
	ActionWithdraw = "withdraw" // WithdrawApplication, WithdrawRedemption
	ActionAssign   = "assign"   // AssignApplication, AssignRedemption for Action.Stage
	ActionRedeem   = "redeem"   // StartRedemption for an approved application
	ActionExport   = "export"   // the printable form (导出)
	ActionExtend   = "extend"   // ExtendVoucher: the office extends an approved voucher once
	// ActionReturnVoucher is RequestReturn (退券) for an approved voucher of which nothing
	// is used; it is not the review action "return" (退回修改).
	ActionReturnVoucher = "return_voucher"
)

// Action is one thing an actor may do with a record now, as a page offers it: a button
// with its label, whether it needs an opinion (审核意见), the fields it sets and, for an
// assignment, the stage it assigns.
//
// Actions are offered only to someone who may read the record; they are what its state,
// the actor's role, scope and the separation of duties allow. The guards of a transition
// are checked only when it is fired, so a listed action may still be refused with a
// reason.
type Action struct {
	Name    string   `json:"name"`
	Label   cxq.Text `json:"label"`
	Opinion bool     `json:"opinion,omitempty"`
	Fields  []string `json:"fields,omitempty"`
	Stage   State    `json:"stage,omitempty"`
}

var (
	labelSave   = cxq.T("保存", "Save")
	labelAssign = cxq.T("分配审核人", "Assign a reviewer")
	labelRedeem = cxq.T("申请兑现", "Apply for redemption")
	labelExport = cxq.T("导出", "Export")
	labelExtend = cxq.T("延期", "Extend the validity")
	// labelReturnVoucher is 退券: giving an unused voucher back.
	labelReturnVoucher = cxq.T("退券", "Return the voucher")
)

// ApplicationActions lists what actor a may do with app now. An application is exported
// once submitted; an approved one that still holds part of its voucher is redeemed by its
// owner unless a redemption of it is live.
func (s *Service) ApplicationActions(ctx context.Context, a Actor, app Application) ([]Action, error) {
	if ok, err := s.visibleTo(ctx, a, StreamApplication, &app.Record); !ok || err != nil {
		return nil, err
	}
	out, owner, err := recordActions(ctx, s.apps, a, &app)
	if err != nil {
		return nil, err
	}
	if app.Case.ID != "" && app.State() != review.Withdrawn {
		out = append(out, Action{Name: ActionExport, Label: labelExport})
	}
	if a.Role == RoleCoordinator {
		p, err := s.policies.Get(app.Policy)
		if err == nil && extendable(app, p) == nil {
			out = append(out, Action{Name: ActionExtend, Label: labelExtend, Opinion: true})
		}
	}
	if owner && app.Ended == "" && app.Returning == "" && app.Reserved.Sign() > 0 && s.apps.flow.Outcome(app.State()) == review.OutcomeApproved {
		live, err := view(ctx, s, func(tx Tx) (bool, error) {
			reds, _, err := tx.Redemptions().List(ctx, ListFilter{ApplicationID: app.ID})
			return slices.ContainsFunc(reds, func(r Redemption) bool { return r.Live() }), err
		})
		if err != nil {
			return nil, err
		}
		if !live {
			out = append(out, Action{Name: ActionRedeem, Label: labelRedeem})
		}
		if !live && app.Paid.IsZero() {
			out = append(out, Action{Name: ActionReturnVoucher, Label: labelReturnVoucher})
		}
	}
	return out, nil
}

// RedemptionActions lists what actor a may do with red now. A redemption is exported
// (导出) once it has reached the last review stage (市级形式审查受理 under Tianjin's
// workflow) and after it passed.
func (s *Service) RedemptionActions(ctx context.Context, a Actor, red Redemption) ([]Action, error) {
	if ok, err := s.visibleTo(ctx, a, StreamRedemption, &red.Record); !ok || err != nil {
		return nil, err
	}
	out, _, err := recordActions(ctx, s.reds, a, &red)
	if err != nil {
		return nil, err
	}
	if st := red.State(); s.reds.flow.Outcome(st) == review.OutcomeApproved || slices.Contains(lastStages(s.reds.flow), st) {
		out = append(out, Action{Name: ActionExport, Label: labelExport})
	}
	return out, nil
}

// recordActions lists the actions every reviewed record has: the owner's save, submit
// and withdraw, a reviewer's decisions, the office's assignments. owner reports whether
// a acts for the record's owner.
func recordActions[T any, P reviewed[T]](ctx context.Context, g *aggregate[T, P], a Actor, rec P) ([]Action, bool, error) {
	c := rec.core()
	owner, _, err := g.acts(ctx, a, c)
	if err != nil {
		return nil, false, err
	}
	var out []Action
	if owner && c.Editable() {
		out = append(out, Action{Name: ActionSave, Label: labelSave})
		act := review.Submit
		if c.State() == review.Returned {
			act = review.Resubmit
		}
		out = append(out, Action{Name: ActionSubmit, Label: g.flow.ActionLabel(act)})
	}
	if owner && c.Case.ID == "" && c.Live() {
		out = append(out, Action{Name: ActionWithdraw, Label: g.flow.ActionLabel(review.Withdraw)})
	}
	if c.Case.ID != "" {
		for _, t := range g.flow.Allowed(c.Case, ownerActor(a, c)) {
			if t.Action == review.Submit || t.Action == review.Resubmit {
				continue
			}
			if t.Action == review.Withdraw && !owner || t.Action != review.Withdraw && (owner || a.Role == RoleProvider) {
				continue
			}
			out = append(out, Action{Name: string(t.Action), Label: g.flow.ActionLabel(t.Action),
				Opinion: t.Opinion, Fields: slices.Clone(t.Sets)})
		}
	}
	if a.Role == RoleCoordinator && a.ID != "" && c.Live() {
		for _, st := range g.flow.States() {
			if stage, _ := g.flow.Stage(st); !stage.Terminal && stage.Scope == review.ScopeAssigned {
				out = append(out, Action{Name: ActionAssign, Label: labelAssign, Stage: st})
			}
		}
	}
	return out, owner, nil
}

// lastStages returns the states whose approval ends the case approved: the last review
// stage of each path through the workflow.
func lastStages(w *review.Workflow) []State {
	var out []State
	for _, st := range w.States() {
		for _, t := range w.Transitions(st) {
			if t.Action == review.Approve && w.Outcome(t.To) == review.OutcomeApproved {
				out = append(out, st)
				break
			}
		}
	}
	return out
}
