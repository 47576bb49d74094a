package review_test

import (
	"errors"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

// TestEveryTransitionAllowed fires every transition of every shipped workflow from a
// case driven into its source state, as the right person with a well-formed input.
func TestEveryTransitionAllowed(t *testing.T) {
	t.Parallel()
	for _, w := range shipped(t) {
		for _, tr := range w.Definition().Transitions {
			t.Run(w.ID()+"/"+string(tr.From)+"/"+string(tr.Action), func(t *testing.T) {
				t.Parallel()
				d := newDriver(t, w)
				c := d.caseIn("case-1", tr.From)
				c = d.vote(c, tr)
				before := c.Clone()
				prev := ""
				if n := len(c.History); n > 0 {
					prev = c.History[n-1].Hash
				}
				in := d.input(c, tr, actorFor(w, c, tr))
				next, e, err := w.Fire(c, in)
				require.NoError(t, err)
				require.Equal(t, before, c, "Fire must not modify its argument")
				require.Equal(t, tr.To, next.State)
				require.Equal(t, c.Version+1, next.Version)
				require.Equal(t, e, next.History[len(next.History)-1])
				require.Equal(t, review.AuditEntry{
					Case: "case-1", Seq: next.Version, From: tr.From, To: tr.To, Action: tr.Action,
					Actor: in.Actor.ID, Role: e.Role, Opinion: in.Opinion, Fields: in.Fields,
					Time: in.Time.UTC(), Prev: prev, Hash: e.Hash,
				}, e)
				role, _ := roleOf(w, c, tr)
				require.Equal(t, role, e.Role)
				require.NoError(t, review.VerifyCase(w, next))
				for k, v := range in.Fields {
					require.Equal(t, v, next.Facts[k])
				}
			})
		}
	}
}

// TestEveryTransitionRefused tries, in every state of every shipped workflow, every
// declared action the state does not offer, and every offered action by the wrong role,
// out of scope, and without a required opinion.
func TestEveryTransitionRefused(t *testing.T) {
	t.Parallel()
	for _, w := range shipped(t) {
		for _, s := range w.States() {
			t.Run(w.ID()+"/"+string(s), func(t *testing.T) {
				t.Parallel()
				d := newDriver(t, w)
				c := d.caseIn("case-1", s)
				for _, a := range w.Definition().Actions {
					tr, offered := w.Transition(s, a.Action)
					if !offered {
						refuseNotAllowed(t, d, c, a.Action)
						continue
					}
					c := d.vote(c, tr)
					refuseWrongRole(t, d, c, tr)
					refuseOutOfScope(t, d, c, tr)
					if tr.Opinion {
						in := d.input(c, tr, actorFor(w, c, tr))
						in.Opinion = "  "
						_, _, err := w.Fire(c, in)
						var ve *cxq.ValidationError
						require.ErrorAs(t, err, &ve)
						require.ErrorIs(t, err, cxq.ErrInvalid)
						require.True(t, ve.Has("opinion", cxq.CodeRequired), "%v", err)
					}
				}
			})
		}
	}
}

func refuseNotAllowed(t *testing.T, d *driver, c review.Case, a review.Action) {
	t.Helper()
	actor := review.Actor{ID: "anyone", Roles: []review.Role{review.RoleApplicant, review.RoleDistrict,
		review.RoleProfessional, review.RoleExpert, review.RoleRegistrar, review.RoleOffice}, Org: c.Owner, District: c.District,
		Assignments: []review.Assignment{{Case: c.ID}}}
	_, _, err := d.w.Fire(c, review.Input{Action: a, Actor: actor, Opinion: "意见", Time: d.now()})
	var te *review.TransitionError
	require.ErrorAs(t, err, &te)
	require.Equal(t, review.TransitionError{Workflow: d.w.ID(), From: c.State, Action: a}, *te)
	require.ErrorIs(t, err, review.ErrNotAllowed)
	require.ErrorIs(t, err, cxq.ErrConflict)
}

func refuseWrongRole(t *testing.T, d *driver, c review.Case, tr review.Transition) {
	t.Helper()
	a := actorFor(d.w, c, tr)
	role := a.Roles[0]
	a.Roles = []review.Role{"someone_else"}
	if role != review.RoleApplicant {
		a.Roles = append(a.Roles, review.RoleApplicant) // an enterprise may not review
	}
	_, _, err := d.w.Fire(c, d.input(c, tr, a))
	var fe *review.ForbiddenError
	require.ErrorAs(t, err, &fe)
	require.ErrorIs(t, err, review.ErrRole)
	require.ErrorIs(t, err, cxq.ErrForbidden)
	require.Equal(t, role, fe.Role)
}

func refuseOutOfScope(t *testing.T, d *driver, c review.Case, tr review.Transition) {
	t.Helper()
	_, scope := roleOf(d.w, c, tr)
	if scope == review.ScopeAny {
		return
	}
	a := actorFor(d.w, c, tr)
	a.Org, a.District = "ent-2", "hexi"
	a.Assignments = []review.Assignment{{Case: "case-2"}, {Case: c.ID, State: "another_stage"}}
	_, _, err := d.w.Fire(c, d.input(c, tr, a))
	require.ErrorIs(t, err, review.ErrScope, "scope %s", scope)
	require.ErrorIs(t, err, cxq.ErrForbidden)
}

func TestStatusTextsOfTheManual(t *testing.T) {
	t.Parallel()
	app, red := review.TianjinApplication(), review.TianjinRedemption()
	require.Equal(t, "复审通过", app.Status(review.Approved).ZH)
	require.Equal(t, "市级形式审查受理", red.Status(review.ExpertReview).ZH)
	require.Equal(t, "评审通过", red.Status(review.Approved).ZH)
	st, ok := red.Stage(review.ExpertReview)
	require.True(t, ok)
	require.True(t, st.HasTag(review.TagExport))
	require.Equal(t, "专家评审", st.Label.ZH)
	for _, w := range shipped(t) {
		for _, s := range w.States() {
			st, _ := w.Stage(s)
			require.NotEmpty(t, st.Status.ZH, "%s %s", w.ID(), s)
			require.NotEmpty(t, st.Status.EN, "%s %s", w.ID(), s)
		}
		require.Equal(t, "不予支持", w.Status(review.Rejected).ZH)
		require.Equal(t, review.OutcomeApproved, w.Outcome(review.Approved))
		require.Equal(t, review.OutcomeRejected, w.Outcome(review.Rejected))
		require.Equal(t, review.OutcomeWithdrawn, w.Outcome(review.Withdrawn))
		require.Equal(t, review.OutcomeNone, w.Outcome(review.DistrictReview))
		require.Equal(t, "退回修改", w.ActionLabel(review.Return).ZH)
	}
	d, _ := review.Shipped(review.TianjinApplicationID)
	require.Equal(t, []review.State{"draft", "district_review", "professional_review", "returned",
		"approved", "rejected", "withdrawn"}, d.States())
}

// TestWithdrawUntilTheEnd: the enterprise may withdraw in every state that is not
// terminal, and in no terminal one.
func TestWithdrawUntilTheEnd(t *testing.T) {
	t.Parallel()
	for _, w := range shipped(t) {
		for _, s := range w.States() {
			tr, ok := w.Transition(s, review.Withdraw)
			require.Equal(t, !w.Terminal(s), ok, "%s %s", w.ID(), s)
			if ok {
				require.Equal(t, review.Withdrawn, tr.To)
				role := tr.Role
				if role == "" {
					st, _ := w.Stage(s)
					role = st.Role
				}
				require.Equal(t, review.RoleApplicant, role, "%s %s", w.ID(), s)
			}
		}
	}
}

func TestAllowed(t *testing.T) {
	t.Parallel()
	w := review.TianjinApplication()
	d := newDriver(t, w)
	c := d.caseIn("case-1", review.DistrictReview)
	reviewer := review.Actor{ID: "d-1", Roles: []review.Role{review.RoleDistrict}, District: "nankai"}
	var got []review.Action
	for _, tr := range w.Allowed(c, reviewer) {
		got = append(got, tr.Action)
	}
	require.Equal(t, []review.Action{review.Approve, review.Reject, review.Return}, got)
	owner := review.Actor{ID: "e", Roles: []review.Role{review.RoleApplicant}, Org: "ent-1"}
	got = nil
	for _, tr := range w.Allowed(c, owner) {
		got = append(got, tr.Action)
	}
	require.Equal(t, []review.Action{review.Withdraw}, got)
	require.Empty(t, w.Allowed(c, review.Actor{ID: "x", Roles: []review.Role{review.RoleDistrict}, District: "hexi"}))
	bad := c
	bad.Version++
	require.Empty(t, w.Allowed(bad, reviewer))
}

func TestNoActorID(t *testing.T) {
	t.Parallel()
	w := review.TianjinApplication()
	c := newDriver(t, w).open("c")
	_, _, err := w.Fire(c, review.Input{Action: review.Submit, Time: base,
		Actor: review.Actor{Roles: []review.Role{review.RoleApplicant}, Org: "ent-1"}})
	require.True(t, errors.Is(err, review.ErrRole))
}

func TestTransitionErrorText(t *testing.T) {
	t.Parallel()
	w := review.TianjinApplication()
	_, _, err := w.Fire(w.NewCase(review.Opening{ID: "c"}), review.Input{Action: review.Approve, Time: base})
	require.EqualError(t, err, `review: tianjin-application: action "approve" not allowed in state "draft"`)
	require.False(t, review.Scope("city").Valid())
	require.False(t, review.Outcome("won").Valid())
}
