package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cxqkit/cxq"
)

// Workflow is a checked, immutable workflow, built from a [Definition] by [NewWorkflow].
// It is safe for concurrent use. Its JSON form is its definition.
type Workflow struct {
	def     Definition
	stages  map[State]Stage
	actions map[Action]ActionInfo
	trans   map[key]Transition
	guards  map[string]Guard // only the guards this workflow uses
}

type key struct {
	from   State
	action Action
}

// NewWorkflow checks def against the guards registry and builds the workflow. Every
// problem found is reported as a *DefinitionError (joined with errors.Join); all match
// ErrBadWorkflow and cxq.ErrInvalid. The definition is copied.
func NewWorkflow(def Definition, guards *Guards) (*Workflow, error) {
	def = def.Clone()
	w := &Workflow{
		def:     def,
		stages:  map[State]Stage{},
		actions: map[Action]ActionInfo{},
		trans:   map[key]Transition{},
		guards:  map[string]Guard{},
	}
	var errs []error
	bad := func(p Problem, s State, a Action, g, format string, args ...any) {
		errs = append(errs, &DefinitionError{Workflow: def.ID, Problem: p, State: s, Action: a, Guard: g,
			Detail: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(def.ID) == "" || def.Version < 1 {
		bad(ProblemMissingID, "", "", "", "id %q version %d", def.ID, def.Version)
	}
	if def.Applicant == "" {
		bad(ProblemNoApplicant, "", "", "", "the applicant role is required")
	}
	for _, a := range def.Actions {
		if _, dup := w.actions[a.Action]; dup || a.Action == "" {
			bad(ProblemDuplicateAction, "", a.Action, "", "declared twice or empty")
		}
		w.actions[a.Action] = a
	}
	w.checkStages(bad)
	if _, ok := w.stages[def.Initial]; !ok {
		bad(ProblemUnknownState, def.Initial, "", "", "initial state is not a stage")
	}
	w.checkTransitions(guards, bad)
	w.checkGraph(bad)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return w, nil
}

type badFunc func(p Problem, s State, a Action, g, format string, args ...any)

func (w *Workflow) checkStages(bad badFunc) {
	for _, s := range w.def.Stages {
		if _, dup := w.stages[s.State]; dup || s.State == "" {
			bad(ProblemDuplicateState, s.State, "", "", "declared twice or empty")
			continue
		}
		w.stages[s.State] = s
		if !s.Terminal && s.Role == "" {
			bad(ProblemNoRole, s.State, "", "", "a stage that is not terminal must name the role that acts")
		}
		if !s.Scope.Valid() {
			bad(ProblemBadScope, s.State, "", "", "unknown scope %q", s.Scope)
		}
		if !s.Outcome.Valid() || s.Terminal != (s.Outcome != OutcomeNone) {
			bad(ProblemBadOutcome, s.State, "", "", "terminal=%v outcome=%q", s.Terminal, s.Outcome)
		}
	}
}

func (w *Workflow) checkTransitions(guards *Guards, bad badFunc) {
	for _, t := range w.def.Transitions {
		from, okFrom := w.stages[t.From]
		if !okFrom {
			bad(ProblemUnknownState, t.From, t.Action, "", "transition from an unknown state")
		}
		if _, ok := w.stages[t.To]; !ok {
			bad(ProblemUnknownState, t.To, t.Action, "", "transition to an unknown state")
		}
		if _, ok := w.actions[t.Action]; !ok {
			bad(ProblemUnknownAction, t.From, t.Action, "", "action not declared")
		}
		k := key{t.From, t.Action}
		if _, dup := w.trans[k]; dup {
			bad(ProblemDuplicateTransition, t.From, t.Action, "", "two transitions for one (state, action)")
		} else {
			w.trans[k] = t
		}
		if okFrom && from.Terminal {
			bad(ProblemTerminalExit, t.From, t.Action, "", "a terminal stage has no exits")
		}
		if !t.Scope.Valid() || (t.Role == "" && t.Scope != ScopeAny) {
			bad(ProblemBadScope, t.From, t.Action, "", "scope %q (a transition's scope needs its own role)", t.Scope)
		}
		for _, gc := range t.Guards {
			g, ok := guards.Lookup(gc.Name)
			if !ok {
				bad(ProblemUnknownGuard, t.From, t.Action, gc.Name, "no such guard; registered: %s",
					strings.Join(guards.Names(), ", "))
				continue
			}
			if err := checkParams(g, gc.Params); err != nil {
				bad(ProblemGuardParams, t.From, t.Action, gc.Name, "%v", err)
				continue
			}
			w.guards[gc.Name] = g
		}
	}
}

func checkParams(g Guard, params map[string]string) error {
	if g.CheckParams == nil {
		if len(params) > 0 {
			return fmt.Errorf("takes no parameters")
		}
		return nil
	}
	return g.CheckParams(params)
}

// checkGraph reports states not reachable from the initial state and non-terminal
// states with no transition out.
func (w *Workflow) checkGraph(bad badFunc) {
	seen := map[State]bool{w.def.Initial: true}
	queue := []State{w.def.Initial}
	out := map[State]int{}
	for _, t := range w.def.Transitions {
		if t.From != t.To {
			out[t.From]++
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, t := range w.def.Transitions {
			if t.From == s && !seen[t.To] {
				seen[t.To] = true
				queue = append(queue, t.To)
			}
		}
	}
	for _, s := range w.def.Stages {
		if _, ok := w.stages[w.def.Initial]; ok && !seen[s.State] {
			bad(ProblemUnreachable, s.State, "", "", "no path from %q", w.def.Initial)
		}
		if !s.Terminal && out[s.State] == 0 {
			bad(ProblemDeadEnd, s.State, "", "", "no transition leaves this stage")
		}
	}
}

// ID returns the workflow's ID.
func (w *Workflow) ID() string { return w.def.ID }

// Version returns the workflow's version.
func (w *Workflow) Version() int { return w.def.Version }

// Name returns the workflow's name.
func (w *Workflow) Name() cxq.Text { return w.def.Name }

// Initial returns the state new cases start in.
func (w *Workflow) Initial() State { return w.def.Initial }

// Definition returns a copy of the definition the workflow was built from.
func (w *Workflow) Definition() Definition { return w.def.Clone() }

// Stage returns the stage of state s.
func (w *Workflow) Stage(s State) (Stage, bool) {
	st, ok := w.stages[s]
	st.Tags = slices.Clone(st.Tags)
	return st, ok
}

// States returns every state in the order the definition declares them.
func (w *Workflow) States() []State {
	out := make([]State, len(w.def.Stages))
	for i, s := range w.def.Stages {
		out[i] = s.State
	}
	return out
}

// Status returns the text the enterprise sees for state s (e.g. 复审通过); the zero
// Text for an unknown state.
func (w *Workflow) Status(s State) cxq.Text { return w.stages[s].Status }

// ActionLabel returns the label of action a.
func (w *Workflow) ActionLabel(a Action) cxq.Text { return w.actions[a].Label }

// HasAction reports whether the workflow declares action a, in any state.
func (w *Workflow) HasAction(a Action) bool {
	_, ok := w.actions[a]
	return ok
}

// Transition returns the transition for action a in state s.
func (w *Workflow) Transition(s State, a Action) (Transition, bool) {
	t, ok := w.trans[key{s, a}]
	return t, ok
}

// Transitions returns the transitions leaving s, sorted by action.
func (w *Workflow) Transitions(s State) []Transition {
	var out []Transition
	for k, t := range w.trans {
		if k.from == s {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b Transition) int { return strings.Compare(string(a.Action), string(b.Action)) })
	return out
}

// Outcome returns how state s ends a case: OutcomeApproved, OutcomeRejected,
// OutcomeWithdrawn, or OutcomeNone while the case is still open.
func (w *Workflow) Outcome(s State) Outcome { return w.stages[s].Outcome }

// Terminal reports whether s is a terminal state of w.
func (w *Workflow) Terminal(s State) bool { return w.stages[s].Terminal }

// MarshalJSON writes the definition.
func (w *Workflow) MarshalJSON() ([]byte, error) { return json.Marshal(w.def) }

// NewCase opens a case in the initial state, version 0, with an empty history.
func (w *Workflow) NewCase(o Opening) Case {
	return Case{
		ID:              o.ID,
		Workflow:        w.def.ID,
		WorkflowVersion: w.def.Version,
		Owner:           o.Owner,
		District:        o.District,
		State:           w.def.Initial,
		Facts:           maps.Clone(o.Facts),
		History:         []AuditEntry{},
	}
}
