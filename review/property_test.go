package review_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// pool is the cast of the property tests: right and wrong people for every stage.
func pool(caseID string) []review.Actor {
	all := []review.Role{review.RoleApplicant, review.RoleDistrict, review.RoleProfessional,
		review.RoleExpert, review.RoleRegistrar, review.RoleOffice}
	assigned := []review.Assignment{{Case: caseID}}
	return []review.Actor{
		{ID: "staff-1", Roles: all[:1], Org: "ent-1"},
		{ID: "staff-2", Roles: all[:1], Org: "ent-2"},
		{ID: "dist-1", Roles: all[1:2], District: "nankai"},
		{ID: "dist-2", Roles: all[1:2], District: "nankai"},
		{ID: "dist-3", Roles: all[1:2], District: "hexi"},
		{ID: "pro-1", Roles: all[2:3], Assignments: assigned},
		{ID: "pro-2", Roles: all[2:3], Assignments: []review.Assignment{{Case: caseID, State: review.FormalReview}}},
		{ID: "pro-3", Roles: all[2:3], Assignments: []review.Assignment{{Case: "other"}}},
		{ID: "exp-1", Roles: all[3:4], Assignments: assigned},
		{ID: "exp-2", Roles: all[3:4], Assignments: assigned},
		{ID: "exp-3", Roles: all[3:4], Assignments: assigned},
		{ID: "exp-4", Roles: all[3:4], Assignments: assigned},
		{ID: "reg-1", Roles: all[4:5], District: "nankai"},
		{ID: "office-1", Roles: all[5:6]},
		{ID: "dual-1", Roles: all, Org: "ent-1", District: "nankai", Assignments: assigned},
	}
}

// walk fires a random sequence of inputs and checks the invariants after each.
func walk(rt *rapid.T, w *review.Workflow) review.Case {
	c := w.NewCase(review.Opening{ID: "C-1", Owner: "ent-1", District: "nankai",
		Facts: map[string]string{review.FactClaimedAmount: "9099.00"}})
	actors := pool(c.ID)
	var actions []review.Action
	for _, a := range w.Definition().Actions {
		actions = append(actions, a.Action)
	}
	clock := base
	steps := rapid.IntRange(0, 60).Draw(rt, "steps")
	for range steps {
		var in review.Input
		if moves := goodMoves(w, c, actors); len(moves) > 0 && rapid.IntRange(0, 9).Draw(rt, "good") > 1 {
			// A move some actor is entitled to, well formed; the guards may still refuse.
			in = rapid.SampledFrom(moves).Draw(rt, "move")
			if in.Action == review.Withdraw && rapid.IntRange(0, 3).Draw(rt, "really withdraw") > 0 {
				continue
			}
			clock = clock.Add(time.Duration(rapid.IntRange(0, 240).Draw(rt, "hours")) * time.Hour)
			in.Time = clock
		} else {
			in = review.Input{
				Action:  rapid.SampledFrom(actions).Draw(rt, "action"),
				Actor:   rapid.SampledFrom(actors).Draw(rt, "actor"),
				Time:    clock.Add(time.Duration(rapid.IntRange(-2, 240).Draw(rt, "hours")) * time.Hour),
				Opinion: rapid.SampledFrom([]string{"", "同意", "请补充材料"}).Draw(rt, "opinion"),
			}
			if !in.Time.Before(clock) {
				clock = in.Time
			}
		}
		if amount := rapid.SampledFrom([]string{"-", "", "0", "4549.50", "9099.00", "9099.01", "x"}).Draw(rt, "amount"); amount != "-" {
			in.Fields = map[string]string{review.FieldActualAmount: amount}
		}
		before := c.Clone()
		next, e, err := w.Fire(c, in)
		require.Equal(rt, before, c, "Fire modified its argument")
		if err != nil {
			known := errors.Is(err, review.ErrNotAllowed) || errors.Is(err, cxq.ErrForbidden) ||
				errors.Is(err, cxq.ErrInvalid) || errors.Is(err, review.ErrGuardFailed)
			require.True(rt, known, "unclassified error %v", err)
			continue
		}
		require.Contains(rt, w.States(), next.State)
		require.Equal(rt, e, next.History[len(next.History)-1])
		c = next
		checkInvariants(rt, w, c)
	}
	return c
}

// goodMoves lists the inputs (without time and fields) that pass the role, scope and
// separation-of-duty checks on c, with an opinion where one is required.
func goodMoves(w *review.Workflow, c review.Case, actors []review.Actor) []review.Input {
	var out []review.Input
	for _, a := range actors {
		for _, t := range w.Allowed(c, a) {
			in := review.Input{Action: t.Action, Actor: a}
			if t.Opinion {
				in.Opinion = "请补充材料"
			}
			out = append(out, in)
		}
	}
	return out
}

func checkInvariants(rt *rapid.T, w *review.Workflow, c review.Case) {
	s, err := review.Replay(w, c.History)
	require.NoError(rt, err)
	require.Equal(rt, c.State, s, "history replays to the current state")
	require.NoError(rt, review.VerifyCase(w, c))
	require.Equal(rt, int64(len(c.History)), c.Version)
	stages := map[string]review.State{}
	for _, e := range c.History {
		if e.Role == review.RoleApplicant {
			continue
		}
		if prev, ok := stages[e.Actor]; ok {
			require.Equal(rt, prev, e.From, "%s acted on two stages", e.Actor)
		}
		stages[e.Actor] = e.From
	}
}

func TestPropertyRandomActions(t *testing.T) {
	t.Parallel()
	for _, w := range shipped(t) {
		t.Run(w.ID(), func(t *testing.T) {
			t.Parallel()
			rapid.Check(t, func(rt *rapid.T) { walk(rt, w) })
		})
	}
}

// entryEdits changes one field of an audit entry, by kind of edit.
var entryEdits = map[string]func(e *review.AuditEntry){
	"case":    func(e *review.AuditEntry) { e.Case += "x" },
	"seq":     func(e *review.AuditEntry) { e.Seq++ },
	"from":    func(e *review.AuditEntry) { e.From += "x" },
	"to":      func(e *review.AuditEntry) { e.To += "x" },
	"action":  func(e *review.AuditEntry) { e.Action += "x" },
	"actor":   func(e *review.AuditEntry) { e.Actor += "x" },
	"role":    func(e *review.AuditEntry) { e.Role += "x" },
	"opinion": func(e *review.AuditEntry) { e.Opinion += "x" },
	"time":    func(e *review.AuditEntry) { e.Time = e.Time.Add(time.Microsecond) },
	"fields": func(e *review.AuditEntry) {
		if len(e.Fields) > 0 {
			e.Fields = nil
		} else {
			e.Fields = map[string]string{"x": "1"}
		}
	},
	"prev": func(e *review.AuditEntry) { e.Prev += "0" },
	"hash": func(e *review.AuditEntry) { e.Hash += "0" },
}

// TestPropertyTampering: Verify rejects every single-entry edit, removal and reordering
// of a history the engine wrote (except cutting the last entry, which only the case's
// version reveals), and VerifyCase rejects them all.
func TestPropertyTampering(t *testing.T) {
	t.Parallel()
	for _, w := range shipped(t) {
		t.Run(w.ID(), func(t *testing.T) {
			t.Parallel()
			rapid.Check(t, func(rt *rapid.T) {
				c := walk(rt, w)
				n := len(c.History)
				if n == 0 {
					return
				}
				i := rapid.IntRange(0, n-1).Draw(rt, "entry")
				kind := rapid.SampledFrom([]string{"case", "seq", "from", "to", "action", "actor", "role",
					"opinion", "time", "fields", "prev", "hash", "remove", "swap"}).Draw(rt, "kind")
				bad := c.Clone()
				h := bad.History
				e := &h[i]
				switch kind {
				case "remove":
					bad.History = slices.Delete(h, i, i+1)
				case "swap":
					if n < 2 {
						return
					}
					j := rapid.IntRange(0, n-1).Filter(func(j int) bool { return j != i }).Draw(rt, "other")
					h[i], h[j] = h[j], h[i]
				default:
					entryEdits[kind](e)
				}
				require.Error(rt, review.VerifyCase(w, bad), kind)
				if kind != "remove" || i < n-1 {
					require.ErrorIs(rt, review.Verify(bad.History), cxq.ErrTampered, kind)
				}
			})
		})
	}
}
