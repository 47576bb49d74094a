package scenario

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// ReturnStep is the enterprise returning (退券) the voucher of its Claim-th claim
// (1-based) for Reason (default 项目取消). Expect amount is the amount the return releases.
type ReturnStep struct {
	Claim  int    `json:"claim"`
	Reason string `json:"reason,omitempty"`
}

// DecideReturnStep is the programme office approving (Approve) or refusing, with Note
// (default 不予退券), the return awaiting it of the enterprise's Claim-th claim. Expect
// amount is the amount an approval releases.
type DecideReturnStep struct {
	Claim   int    `json:"claim"`
	Approve bool   `json:"approve,omitempty"`
	Note    string `json:"note,omitempty"`
}

// SanctionStep is the programme office sanctioning a party from the step's time: Party
// is enterprise (the default), provider or controller; ID defaults to the step's
// enterprise; Kind is freeze or blacklist; Until is the first day it no longer applies
// (a date; required for a freeze); Basis defaults to 创新券管理办法.
type SanctionStep struct {
	Party string `json:"party,omitempty"`
	ID    string `json:"id,omitempty"`
	Kind  string `json:"kind"`
	Until string `json:"until,omitempty"`
	Basis string `json:"basis,omitempty"`
}

// LiftStep is the programme office lifting every sanction in place on a party (Party
// and ID as in SanctionStep) for Reason (default 整改完成).
type LiftStep struct {
	Party  string `json:"party,omitempty"`
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// party returns the party a sanction or lift step names.
func party(kind, id, ent string) (policy.PartyKind, string) {
	if kind == "" {
		kind = string(policy.PartyEnterprise)
	}
	return policy.PartyKind(kind), or(id, ent)
}

// giveBack is a return step.
func (w *world) giveBack(ctx context.Context, s Step) outcome {
	c, err := w.nthClaim(s.Enterprise, s.Return.Claim)
	if err != nil {
		return outcome{err: err}
	}
	r, err := w.svc.RequestReturn(ctx, enterpriseActor(s.Enterprise), voucher.ReturnParams{Key: w.key(), ApplicationID: c.app,
		Reason: or(s.Return.Reason, "项目取消")})
	if err != nil {
		return refusal(err)
	}
	released := r.Effect.Released
	return outcome{amount: &released}
}

// decideReturn is a decide_return step.
func (w *world) decideReturn(ctx context.Context, s Step) outcome {
	c, err := w.nthClaim(s.Enterprise, s.DecideReturn.Claim)
	if err != nil {
		return outcome{err: err}
	}
	pending, err := w.svc.Returns(ctx, office, voucher.ReturnFilter{ApplicationID: c.app, State: voucher.ReturnRequested})
	if err != nil {
		return outcome{err: err}
	}
	if len(pending) == 0 {
		return outcome{codes: []string{"conflict"}}
	}
	d := s.DecideReturn
	note := d.Note
	if !d.Approve {
		note = or(note, "不予退券")
	}
	r, err := w.svc.DecideReturn(ctx, office, voucher.ReturnDecision{Key: w.key(), ID: pending[0].ID, Approve: d.Approve, Note: note})
	if err != nil {
		return refusal(err)
	}
	released := r.Effect.Released
	if !d.Approve {
		return outcome{}
	}
	return outcome{amount: &released}
}

// sanction is a sanction step.
func (w *world) sanction(ctx context.Context, s Step) outcome {
	k, id := party(s.Sanction.Party, s.Sanction.ID, s.Enterprise)
	var until time.Time
	if s.Sanction.Until != "" {
		until, _ = date(s.Sanction.Until) // checked by Parse
	}
	_, err := w.svc.Sanction(ctx, office, voucher.SanctionParams{Key: w.key(), Party: k, PartyID: id,
		Kind: policy.SanctionKind(s.Sanction.Kind), From: s.At, Until: until, Basis: or(s.Sanction.Basis, "创新券管理办法")})
	if err != nil {
		return refusal(err)
	}
	return outcome{}
}

// lift is a lift step; a party without a sanction in place is refused (conflict).
func (w *world) lift(ctx context.Context, s Step) outcome {
	k, id := party(s.Lift.Party, s.Lift.ID, s.Enterprise)
	all, err := w.svc.Sanctions(ctx, office, voucher.SanctionFilter{State: voucher.SanctionActive})
	if err != nil {
		return outcome{err: err}
	}
	n := 0
	for _, sa := range all {
		if sa.Party != k || sa.PartyID != id {
			continue
		}
		n++
		if _, err := w.svc.LiftSanction(ctx, office, voucher.LiftParams{Key: w.key(), ID: sa.ID, Reason: or(s.Lift.Reason, "整改完成")}); err != nil {
			return refusal(err)
		}
	}
	if n == 0 {
		return outcome{codes: []string{"conflict"}}
	}
	return outcome{}
}

// checkOperations checks the operations steps' own fields.
func (s Step) checkOperations(ids map[string]bool) error {
	switch {
	case s.Return != nil && s.Return.Claim < 1:
		return bad(".return.claim", "the 1-based index of the enterprise's claim")
	case s.DecideReturn != nil && s.DecideReturn.Claim < 1:
		return bad(".decide_return.claim", "the 1-based index of the enterprise's claim")
	case s.Sanction != nil:
		k, id := party(s.Sanction.Party, s.Sanction.ID, s.Enterprise)
		if err := checkParty(".sanction", k, id, ids); err != nil {
			return err
		}
		if !policy.SanctionKind(s.Sanction.Kind).Valid() {
			return bad(".sanction.kind", "freeze or blacklist")
		}
		if s.Sanction.Until != "" {
			if _, err := date(s.Sanction.Until); err != nil {
				return &fieldErr{".sanction.until", err}
			}
		}
	case s.Lift != nil:
		k, id := party(s.Lift.Party, s.Lift.ID, s.Enterprise)
		return checkParty(".lift", k, id, ids)
	}
	return nil
}

func checkParty(field string, k policy.PartyKind, id string, ids map[string]bool) error {
	switch {
	case !k.Valid():
		return bad(field+".party", "enterprise, provider or controller")
	case id == "":
		return bad(field+".id", "required unless the step names an enterprise")
	case k == policy.PartyEnterprise && !ids[id]:
		return bad(field+".id", fmt.Sprintf("%q is not one of the scenario's enterprises", id))
	}
	return nil
}
