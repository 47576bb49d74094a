package review_test

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

// base is the time of the first action in tests; every action advances the clock.
var base = time.Date(2025, 3, 1, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))

// driver fires well-formed inputs through a workflow, acting as the right person for
// each transition.
type driver struct {
	t     testing.TB
	w     *review.Workflow
	clock time.Time
	step  time.Duration
}

func newDriver(t testing.TB, w *review.Workflow) *driver {
	return &driver{t: t, w: w, clock: base, step: 8 * 24 * time.Hour}
}

func (d *driver) now() time.Time {
	d.clock = d.clock.Add(d.step)
	return d.clock
}

// open opens a case with a claimed amount of 9099.00 in district "nankai".
func (d *driver) open(id string) review.Case {
	return d.w.NewCase(review.Opening{ID: id, Owner: "ent-1", District: "nankai",
		Facts: map[string]string{review.FactClaimedAmount: "9099.00"}})
}

// roleOf returns the role and scope transition t requires in c's state.
func roleOf(w *review.Workflow, c review.Case, t review.Transition) (review.Role, review.Scope) {
	if t.Role != "" {
		return t.Role, t.Scope
	}
	st, _ := w.Stage(c.State)
	return st.Role, st.Scope
}

// actorFor returns a person entitled to fire t on c: one person per (role, stage), so
// separation of duties always holds.
func actorFor(w *review.Workflow, c review.Case, t review.Transition) review.Actor {
	role, scope := roleOf(w, c, t)
	a := review.Actor{ID: string(role) + "@" + string(c.State), Roles: []review.Role{role}}
	if role == review.RoleApplicant {
		a.ID = "ent-1-staff"
	}
	switch scope {
	case review.ScopeOwner:
		a.Org = c.Owner
	case review.ScopeDistrict:
		a.District = c.District
	case review.ScopeAssigned:
		a.Assignments = []review.Assignment{{Case: c.ID, State: c.State}}
	}
	return a
}

// input returns a well-formed input for t on c by actor a.
func (d *driver) input(c review.Case, t review.Transition, a review.Actor) review.Input {
	in := review.Input{Action: t.Action, Actor: a, Time: d.now()}
	if t.Opinion {
		in.Opinion = "材料不全，请补充合同扫描件。"
	}
	for _, f := range t.Sets {
		if f == review.FieldActualAmount {
			in.Fields = map[string]string{f: c.Facts[review.FactClaimedAmount]}
		}
	}
	return in
}

// fire fires action on c with a well-formed input, casting the votes a quorum guard
// needs first.
func (d *driver) fire(c review.Case, action review.Action) review.Case {
	d.t.Helper()
	t, ok := d.w.Transition(c.State, action)
	require.True(d.t, ok, "%s offers no %s in %s", d.w.ID(), action, c.State)
	c = d.vote(c, t)
	next, _, err := d.w.Fire(c, d.input(c, t, actorFor(d.w, c, t)))
	require.NoError(d.t, err, "%s: %s in %s", d.w.ID(), action, c.State)
	return next
}

// vote casts the votes t's quorum guard needs, by experts "panel-1", "panel-2", ...
func (d *driver) vote(c review.Case, t review.Transition) review.Case {
	d.t.Helper()
	for _, g := range t.Guards {
		if g.Name != review.GuardQuorum {
			continue
		}
		n, _ := strconv.Atoi(g.Params["min"])
		for i := 1; i <= n; i++ {
			vt, ok := d.w.Transition(c.State, review.Action(g.Params["vote"]))
			require.True(d.t, ok)
			a := actorFor(d.w, c, vt)
			a.ID = fmt.Sprintf("panel-%d", i)
			var err error
			c, _, err = d.w.Fire(c, d.input(c, vt, a))
			require.NoError(d.t, err)
		}
	}
	return c
}

// path returns the shortest list of actions leading from the initial state to s.
func path(w *review.Workflow, s review.State) ([]review.Action, bool) {
	type node struct {
		s    review.State
		path []review.Action
	}
	seen := map[review.State]bool{w.Initial(): true}
	queue := []node{{s: w.Initial()}}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n.s == s {
			return n.path, true
		}
		for _, t := range w.Transitions(n.s) {
			if !seen[t.To] {
				seen[t.To] = true
				queue = append(queue, node{t.To, append(append([]review.Action(nil), n.path...), t.Action)})
			}
		}
	}
	return nil, false
}

// caseIn returns a case driven into state s along the shortest path.
func (d *driver) caseIn(id string, s review.State) review.Case {
	d.t.Helper()
	p, ok := path(d.w, s)
	require.True(d.t, ok, "no path to %s", s)
	c := d.open(id)
	for _, a := range p {
		c = d.fire(c, a)
	}
	require.Equal(d.t, s, c.State)
	return c
}

// caseAt is caseIn that also returns the time of the case's latest audit entry, for
// tests that set the time of each input themselves.
func (d *driver) caseAt(id string, s review.State) (review.Case, time.Time) {
	d.t.Helper()
	c := d.caseIn(id, s)
	return c, lastAt(c)
}

// lastAt is the time of c's latest audit entry; an input may not be earlier.
func lastAt(c review.Case) time.Time { return c.History[len(c.History)-1].Time }

// problems lists the problems of every *DefinitionError in err.
func problems(err error) []review.Problem {
	var out []review.Problem
	var walk func(error)
	walk = func(err error) {
		var de *review.DefinitionError
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		} else if errors.As(err, &de) {
			out = append(out, de.Problem)
		}
	}
	walk(err)
	return out
}

func shipped(t testing.TB) []*review.Workflow {
	t.Helper()
	var out []*review.Workflow
	for _, id := range review.ShippedIDs() {
		w, err := review.Shipped(id)
		require.NoError(t, err)
		out = append(out, w)
	}
	return out
}
