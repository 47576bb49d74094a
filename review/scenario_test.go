package review_test

import (
	"testing"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

var (
	staff    = review.Actor{ID: "staff-1", Roles: []review.Role{review.RoleApplicant}, Org: "ent-1"}
	district = review.Actor{ID: "dist-1", Roles: []review.Role{review.RoleDistrict}, District: "nankai"}
)

func professional(id, caseID string) review.Actor {
	return review.Actor{ID: id, Roles: []review.Role{review.RoleProfessional},
		Assignments: []review.Assignment{{Case: caseID, State: review.ProfessionalReview}}}
}

func expert(id, caseID string) review.Actor {
	return review.Actor{ID: id, Roles: []review.Role{review.RoleExpert},
		Assignments: []review.Assignment{{Case: caseID}}}
}

// step fires one input and fails the test on error.
func step(t *testing.T, w *review.Workflow, c review.Case, a review.Action, by review.Actor, opinion string, at time.Time) review.Case {
	t.Helper()
	next, _, err := w.Fire(c, review.Input{Action: a, Actor: by, Opinion: opinion, Time: at})
	require.NoError(t, err)
	return next
}

func TestReturnAndResubmitKeepsHistory(t *testing.T) {
	t.Parallel()
	w := review.TianjinApplication()
	c := newDriver(t, w).open("A-1")
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	c = step(t, w, c, review.Submit, staff, "", at(1))
	c = step(t, w, c, review.Approve, district, "同意", at(2))
	c = step(t, w, c, review.Return, professional("pro-1", "A-1"), "请补充报价单", at(3))
	require.Equal(t, review.Returned, c.State)
	require.Equal(t, "退回修改", w.Status(c.State).ZH)
	c = step(t, w, c, review.Resubmit, staff, "", at(4))
	require.Equal(t, review.DistrictReview, c.State, "resubmission goes back to the first stage")
	c = step(t, w, c, review.Approve, district, "", at(5))
	c = step(t, w, c, review.Approve, professional("pro-1", "A-1"), "", at(6))
	require.Equal(t, review.Approved, c.State)
	require.Equal(t, "复审通过", w.Status(c.State).ZH)
	require.Len(t, c.History, 6)
	require.Equal(t, "请补充报价单", c.History[2].Opinion)
	require.NoError(t, review.VerifyCase(w, c))
}

// TestSeparationOfDutiesAcrossRounds: a person who acted on the district stage in the
// first round may not act on the professional stage in the second, even though a return
// and resubmission happened in between and they hold the role and the assignment.
func TestSeparationOfDutiesAcrossRounds(t *testing.T) {
	t.Parallel()
	w := review.TianjinApplication()
	c := newDriver(t, w).open("A-1")
	both := review.Actor{ID: "dual-1", Roles: []review.Role{review.RoleDistrict, review.RoleProfessional},
		District: "nankai", Assignments: []review.Assignment{{Case: "A-1"}}}
	at := func(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }
	c = step(t, w, c, review.Submit, staff, "", at(1))
	c = step(t, w, c, review.Approve, both, "", at(2))
	c = step(t, w, c, review.Return, professional("pro-1", "A-1"), "补充材料", at(3))
	c = step(t, w, c, review.Resubmit, staff, "", at(4))
	c = step(t, w, c, review.Approve, district, "", at(5)) // another district reviewer this round
	before := c.Clone()
	_, _, err := w.Fire(c, review.Input{Action: review.Approve, Actor: both, Time: at(6)})
	var fe *review.ForbiddenError
	require.ErrorAs(t, err, &fe)
	require.ErrorIs(t, err, review.ErrSeparationOfDuties)
	require.ErrorIs(t, err, cxq.ErrForbidden)
	require.Equal(t, review.DistrictReview, fe.Stage)
	require.Equal(t, before, c)
	require.Contains(t, err.Error(), `already acted on "district_review"`)

	// The same district reviewer may act on the same stage again in a later round.
	c2 := newDriver(t, w).open("A-2")
	c2 = step(t, w, c2, review.Submit, staff, "", at(1))
	c2 = step(t, w, c2, review.Return, district, "退回", at(2))
	c2 = step(t, w, c2, review.Resubmit, staff, "", at(3))
	c2 = step(t, w, c2, review.Approve, district, "", at(4))
	require.Equal(t, review.ProfessionalReview, c2.State)
}

func TestScopes(t *testing.T) {
	t.Parallel()
	w := review.TianjinApplication()
	c := newDriver(t, w).open("A-1")
	// Another enterprise's staff may not submit this case.
	_, _, err := w.Fire(c, review.Input{Action: review.Submit, Time: base,
		Actor: review.Actor{ID: "x", Roles: []review.Role{review.RoleApplicant}, Org: "ent-2"}})
	require.ErrorIs(t, err, review.ErrScope)
	c = step(t, w, c, review.Submit, staff, "", base)
	// A reviewer of another district, or with no district, may not act.
	for _, dist := range []string{"hexi", ""} {
		_, _, err = w.Fire(c, review.Input{Action: review.Approve, Time: base,
			Actor: review.Actor{ID: "d-2", Roles: []review.Role{review.RoleDistrict}, District: dist}})
		require.ErrorIs(t, err, review.ErrScope)
	}
	c = step(t, w, c, review.Approve, district, "", base)
	// A professional assigned to another case, or to another stage, may not act.
	for _, as := range []review.Assignment{{Case: "A-2"}, {Case: "A-1", State: review.DistrictReview}} {
		a := professional("pro-9", "")
		a.Assignments = []review.Assignment{as}
		_, _, err = w.Fire(c, review.Input{Action: review.Approve, Actor: a, Time: base})
		require.ErrorIs(t, err, review.ErrScope)
		require.Contains(t, err.Error(), `requires scope "assigned"`)
	}
	_, _, err = w.Fire(c, review.Input{Action: review.Approve, Actor: district, Time: base})
	require.ErrorIs(t, err, review.ErrRole)
	require.Contains(t, err.Error(), `requires role "professional_reviewer"`)
}

func TestInputChecks(t *testing.T) {
	t.Parallel()
	w := review.TianjinRedemption()
	d := newDriver(t, w)
	c, last := d.caseAt("R-1", review.DistrictReview)
	long := make([]rune, review.MaxOpinion+1)
	for i := range long {
		long[i] = '意'
	}
	tests := []struct {
		name  string
		in    review.Input
		field string
		code  string
	}{
		{"no time", review.Input{Action: review.Approve, Actor: district}, "time", cxq.CodeRequired},
		{"time before the last entry", review.Input{Action: review.Approve, Actor: district, Time: last.Add(-time.Second)}, "time", "before_previous"},
		{"reject without opinion", review.Input{Action: review.Reject, Actor: district, Time: last}, "opinion", cxq.CodeRequired},
		{"return without opinion", review.Input{Action: review.Return, Actor: district, Time: last}, "opinion", cxq.CodeRequired},
		{"opinion too long", review.Input{Action: review.Approve, Actor: district, Time: last, Opinion: string(long)}, "opinion", cxq.CodeTooLong},
		{"field the stage does not set", review.Input{Action: review.Approve, Actor: district, Time: last,
			Fields: map[string]string{review.FieldActualAmount: "1.00"}}, review.FieldActualAmount, "not_accepted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := w.Fire(c, tc.in)
			var ve *cxq.ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, cxq.ErrInvalid)
			require.True(t, ve.Has(tc.field, tc.code), "%v", ve.Codes())
			require.NotEmpty(t, ve.Message(cxq.ZH))
		})
	}
	// The same time as the last entry is fine.
	_, _, err := w.Fire(c, review.Input{Action: review.Approve, Actor: district, Time: last})
	require.NoError(t, err)
}

// professionalApproval is a Tianjin application case awaiting 专业机构复审, its workflow,
// and the valid input that approves it there.
func professionalApproval(t *testing.T) (*review.Workflow, review.Case, review.Input) {
	t.Helper()
	w := review.TianjinApplication()
	d := newDriver(t, w)
	c := d.caseIn("A-1", review.ProfessionalReview)
	return w, c, d.input(c, review.Transition{Action: review.Approve}, professional("p", "A-1"))
}

// TestBadCase fires a valid input at cases that were altered outside the workflow: each is
// refused with ErrBadCase, the altered state or version as a conflict and an altered
// history as tampering, while the unaltered case accepts the input.
func TestBadCase(t *testing.T) {
	t.Parallel()
	w, c, in := professionalApproval(t)
	tests := []struct {
		name string
		edit func(*review.Case)
		also error // matched besides ErrBadCase, if any
	}{
		{"other workflow", func(c *review.Case) { c.Workflow = review.TianjinRedemptionID }, cxq.ErrConflict},
		{"other version", func(c *review.Case) { c.WorkflowVersion = 2 }, cxq.ErrConflict},
		{"state set", func(c *review.Case) { c.State = review.Approved }, cxq.ErrConflict},
		{"unknown state", func(c *review.Case) { c.State = "nowhere"; c.History = nil; c.Version = 0 }, cxq.ErrConflict},
		{"version bumped", func(c *review.Case) { c.Version++ }, cxq.ErrConflict},
		{"history dropped", func(c *review.Case) { c.History = c.History[:1] }, cxq.ErrConflict},
		{"history edited", func(c *review.Case) { c.History[0].Actor = "someone" }, cxq.ErrTampered},
		// A forged step the workflow does not offer, even with recomputed hashes.
		{"forged step", func(c *review.Case) {
			c.History[1].To = review.ProfessionalReview
			c.History[1].Action = review.Reject
			for i := range c.History {
				if i > 0 {
					c.History[i].Prev = c.History[i-1].Hash
				}
				c.History[i].Hash = review.HashEntry(c.History[i])
			}
			require.NoError(t, review.Verify(c.History))
		}, nil},
		{"other case", func(c *review.Case) { c.ID = "A-2" }, nil},
	}
	for _, tc := range tests {
		bad := c.Clone()
		tc.edit(&bad)
		_, _, err := w.Fire(bad, in)
		require.ErrorIs(t, err, review.ErrBadCase, tc.name)
		if tc.also != nil {
			require.ErrorIs(t, err, tc.also, tc.name)
		}
	}
	_, _, err := w.Fire(c, in)
	require.NoError(t, err)
}

// TestFireVerifiedChecksTheHead: FireVerified refuses a case whose head was altered (its
// state, version, last entry, link or step) with ErrBadCase and accepts the case as Fire
// left it; an edit of an older entry is left to Verify.
func TestFireVerifiedChecksTheHead(t *testing.T) {
	t.Parallel()
	w, c, in := professionalApproval(t)
	n := len(c.History)
	tests := []struct {
		name string
		edit func(*review.Case)
	}{
		{"other workflow", func(c *review.Case) { c.Workflow = review.TianjinRedemptionID }},
		{"state set", func(c *review.Case) { c.State = review.Approved }},
		{"version bumped", func(c *review.Case) { c.Version++ }},
		{"history dropped", func(c *review.Case) { c.History = c.History[:1] }},
		{"last entry edited", func(c *review.Case) { c.History[n-1].Actor = "someone" }},
		{"last entry unlinked", func(c *review.Case) {
			c.History[n-1].Prev = review.HashEntry(c.History[n-1])
			c.History[n-1].Hash = review.HashEntry(c.History[n-1])
		}},
		{"forged last step", func(c *review.Case) {
			c.History[n-1].Action = review.Reject
			c.History[n-1].Hash = review.HashEntry(c.History[n-1])
		}},
		{"other case", func(c *review.Case) { c.ID = "A-2" }},
	}
	for _, tc := range tests {
		bad := c.Clone()
		tc.edit(&bad)
		_, _, err := w.FireVerified(bad, in)
		require.ErrorIs(t, err, review.ErrBadCase, tc.name)
	}
	next, e, err := w.FireVerified(c, in)
	require.NoError(t, err)
	want, we, err := w.Fire(c, in)
	require.NoError(t, err)
	require.Equal(t, want, next)
	require.Equal(t, we, e)

	older := c.Clone()
	older.History[0].Actor = "someone"
	_, _, err = w.FireVerified(older, in)
	require.NoError(t, err, "an older entry is not rehashed")
	require.ErrorIs(t, review.Verify(older.History), cxq.ErrTampered, "Verify finds it")
}
