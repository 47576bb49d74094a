package review

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/chain"
)

// Fire applies in to c and returns the next case (a new value; c is not modified) and
// the audit entry appended to its history. The checks run in this order, and the first
// failure is returned with nothing changed:
//
//  1. the case belongs to w, its state, version and history agree, the history verifies
//     and replays through w: else ErrBadCase (cxq.ErrConflict);
//  2. w offers in.Action in c.State: else *TransitionError (ErrNotAllowed, cxq.ErrConflict);
//  3. the actor holds the transition's role, is in its scope, and has not acted on another
//     stage of this case: else *ForbiddenError (ErrRole, ErrScope or
//     ErrSeparationOfDuties; all cxq.ErrForbidden);
//  4. the input is well formed: time given and not before the last entry, opinion given
//     when required and not too long, no field the transition does not set: else
//     *cxq.ValidationError (cxq.ErrInvalid);
//  5. every guard allows it: else *GuardError (ErrGuardFailed and the guard's reason).
func (w *Workflow) Fire(c Case, in Input) (Case, AuditEntry, error) {
	if err := w.checkCase(c); err != nil {
		return Case{}, AuditEntry{}, err
	}
	return w.fire(c, in)
}

// FireVerified is Fire for a case whose history was verified when it was written — a
// case Fire returned, as a store kept it, whose store is audited as a whole (see
// [VerifyCase]) — and costs O(1) in the history's length: step 1 checks the case's head
// instead of the whole history: the case belongs to w, its state and version agree with
// its history, and its last entry names the case, carries the case's version as its
// sequence number, hashes to its Hash, links to the entry before (Prev, and starting in
// the state that one ended in; w's initial state for the first) and is a transition w
// offers. An entry before the last that was edited in storage is not seen here; [Verify]
// and VerifyCase find it. Steps 2 to 5 are Fire's.
func (w *Workflow) FireVerified(c Case, in Input) (Case, AuditEntry, error) {
	if err := w.checkHead(c); err != nil {
		return Case{}, AuditEntry{}, err
	}
	return w.fire(c, in)
}

// fire is Fire after the check of the case.
func (w *Workflow) fire(c Case, in Input) (Case, AuditEntry, error) {
	t, ok := w.trans[key{c.State, in.Action}]
	if !ok {
		return Case{}, AuditEntry{}, &TransitionError{Workflow: w.def.ID, From: c.State, Action: in.Action}
	}
	role, err := w.authorize(c, t, in.Actor)
	if err != nil {
		return Case{}, AuditEntry{}, err
	}
	if err := checkInput(c, t, in); err != nil {
		return Case{}, AuditEntry{}, err
	}
	gctx := GuardContext{Case: c, Input: in, Transition: t}
	for _, gc := range t.Guards {
		gctx.Params = maps.Clone(gc.Params)
		if err := w.guards[gc.Name].Check(gctx); err != nil {
			return Case{}, AuditEntry{}, &GuardError{Guard: gc.Name, From: c.State, Action: in.Action, Err: err}
		}
	}
	return w.apply(c, t, role, in)
}

func (w *Workflow) apply(c Case, t Transition, role Role, in Input) (Case, AuditEntry, error) {
	e := AuditEntry{
		Case:    c.ID,
		Seq:     c.Version + 1,
		From:    c.State,
		To:      t.To,
		Action:  t.Action,
		Actor:   in.Actor.ID,
		Role:    role,
		Opinion: in.Opinion,
		Time:    in.Time.UTC().Truncate(time.Microsecond),
	}
	if len(in.Fields) > 0 {
		e.Fields = maps.Clone(in.Fields)
	}
	if n := len(c.History); n > 0 {
		e.Prev = c.History[n-1].Hash
	}
	e.Hash = HashEntry(e)

	next := c.cloneWithRoom(1)
	next.State = t.To
	next.Version++
	next.History = append(next.History, e)
	if len(in.Fields) > 0 {
		if next.Facts == nil {
			next.Facts = map[string]string{}
		}
		maps.Copy(next.Facts, in.Fields)
	}
	return next, e, nil
}

// badCase returns the ErrBadCase error of case c.
func badCase(c Case, format string, args ...any) error {
	return fmt.Errorf("%w: case %q: "+format, append([]any{ErrBadCase, c.ID}, args...)...)
}

// checkShape refuses a case of another workflow, in an unknown state, or whose state
// and version disagree with its history's length and last entry.
func (w *Workflow) checkShape(c Case) error {
	n := len(c.History)
	last := w.def.Initial
	if n > 0 {
		last = c.History[n-1].To
	}
	switch {
	case c.Workflow != w.def.ID || c.WorkflowVersion != w.def.Version:
		return badCase(c, "workflow %s v%d, not %s v%d", c.Workflow, c.WorkflowVersion, w.def.ID, w.def.Version)
	case int64(n) != c.Version:
		return badCase(c, "version %d but %d history entries", c.Version, n)
	case c.State != last:
		return badCase(c, "state %q but history ends in %q", c.State, last)
	}
	if _, ok := w.stages[c.State]; !ok {
		return badCase(c, "unknown state %q", c.State)
	}
	return nil
}

// checkHead is checkCase for the last entry of the history only (see FireVerified).
func (w *Workflow) checkHead(c Case) error {
	if err := w.checkShape(c); err != nil {
		return err
	}
	n := len(c.History)
	if n == 0 {
		return nil
	}
	e := c.History[n-1]
	prev, from := "", w.def.Initial
	if n > 1 {
		prev, from = c.History[n-2].Hash, c.History[n-2].To
	}
	t, ok := w.trans[key{e.From, e.Action}]
	switch {
	case e.Case != c.ID:
		return badCase(c, "history of case %q", e.Case)
	case e.Seq != int64(n) || e.Prev != prev:
		return badCase(c, "%w", chain.Broken(c.ID, int64(n), "previous hash does not match the entry before"))
	case e.Hash != HashEntry(e):
		return badCase(c, "%w", chain.Broken(c.ID, int64(n), "entry was altered"))
	case e.From != from || !ok || t.To != e.To:
		return badCase(c, "%w", chain.Broken(c.ID, int64(n),
			fmt.Sprintf("%s: %q -> %q is not a transition of %s from %q", e.Action, e.From, e.To, w.ID(), from)))
	}
	return nil
}

// checkCase refuses a case of another workflow, whose state, version and history
// disagree, whose history does not verify or holds a step the workflow does not offer.
func (w *Workflow) checkCase(c Case) error {
	if err := w.checkShape(c); err != nil {
		return err
	}
	if err := Verify(c.History); err != nil {
		return badCase(c, "%w", err)
	}
	if len(c.History) > 0 && c.History[0].Case != c.ID {
		return badCase(c, "history of case %q", c.History[0].Case)
	}
	if _, err := Replay(w, c.History); err != nil {
		return badCase(c, "%w", err)
	}
	return nil
}

// authorize returns the role the actor acts in, or a *ForbiddenError.
func (w *Workflow) authorize(c Case, t Transition, a Actor) (Role, error) {
	role, scope := t.Role, t.Scope
	if role == "" {
		st := w.stages[c.State]
		role, scope = st.Role, st.Scope
	}
	deny := func(err error, other State) (Role, error) {
		return "", &ForbiddenError{From: c.State, Action: t.Action, Actor: a.ID, Role: role, Scope: scope, Stage: other, Err: err}
	}
	if a.ID == "" || !a.HasRole(role) {
		return deny(ErrRole, "")
	}
	if !inScope(c, scope, a) {
		return deny(ErrScope, "")
	}
	if role != w.def.Applicant {
		for _, e := range c.History {
			if e.Actor == a.ID && e.Role != w.def.Applicant && e.From != c.State {
				return deny(ErrSeparationOfDuties, e.From)
			}
		}
	}
	return role, nil
}

func inScope(c Case, s Scope, a Actor) bool {
	switch s {
	case ScopeAny:
		return true
	case ScopeOwner:
		return a.Org != "" && a.Org == c.Owner
	case ScopeDistrict:
		return a.District != "" && a.District == c.District
	case ScopeAssigned:
		return a.AssignedTo(c.ID, c.State)
	}
	return false
}

var (
	opinionLabel = cxq.T("审核意见", "opinion")
	timeLabel    = cxq.T("时间", "time")
)

func checkInput(c Case, t Transition, in Input) error {
	var p cxq.Problems
	if in.Time.IsZero() {
		p.Add(cxq.Required("time", timeLabel))
	} else if n := len(c.History); n > 0 && in.Time.Before(c.History[n-1].Time) {
		p.Add(cxq.NewFieldError("time", "before_previous",
			map[string]string{"previous": c.History[n-1].Time.Format(time.RFC3339)},
			cxq.T("时间不得早于上一条记录（{previous}）", "time must not be before the previous entry ({previous})")))
	}
	p.Add(cxq.CheckText("opinion", opinionLabel, in.Opinion, cxq.TextRule{Required: t.Opinion, Max: MaxOpinion}))
	for _, k := range slices.Sorted(maps.Keys(in.Fields)) {
		if !slices.Contains(t.Sets, k) {
			p.Add(cxq.NewFieldError(k, "not_accepted",
				map[string]string{"action": string(t.Action), "field": cxq.Clip(k, 40), "accepted": strings.Join(t.Sets, ", ")},
				cxq.T("此操作不接受字段 {field}", "the {action} action does not accept the field {field}")))
		}
	}
	return p.Err()
}

// Allowed returns the transitions actor a may fire on c now, sorted by action: those
// the workflow offers in c's state and that pass the role, scope and separation-of-duty
// checks. Guards and input are not checked, so Fire may still refuse.
func (w *Workflow) Allowed(c Case, a Actor) []Transition {
	if w.checkCase(c) != nil {
		return nil
	}
	var out []Transition
	for _, t := range w.Transitions(c.State) {
		if _, err := w.authorize(c, t, a); err == nil {
			out = append(out, t)
		}
	}
	return out
}
