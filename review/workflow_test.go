package review_test

import (
	"encoding/json"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

func tianjinDef(t testing.TB) review.Definition {
	t.Helper()
	d, err := review.ShippedDefinition(review.TianjinApplicationID)
	require.NoError(t, err)
	return d
}

func indexOf(d review.Definition, s review.State, a review.Action) int {
	for i, t := range d.Transitions {
		if t.From == s && t.Action == a {
			return i
		}
	}
	panic("no transition")
}

func stageIndex(d review.Definition, s review.State) int {
	for i, st := range d.Stages {
		if st.State == s {
			return i
		}
	}
	panic("no stage")
}

func TestNewWorkflowRefusesBadDefinitions(t *testing.T) {
	t.Parallel()
	role := review.RoleDistrict
	tests := []struct {
		name   string
		edit   func(d *review.Definition)
		want   review.Problem
		state  review.State
		action review.Action
		guard  string
	}{
		{"misspelt guard", func(d *review.Definition) {
			i := indexOf(*d, review.ProfessionalReview, review.Approve)
			d.Transitions[i].Guards = []review.GuardCall{{Name: "amount_within_clam"}}
		}, review.ProblemUnknownGuard, review.ProfessionalReview, review.Approve, "amount_within_clam"},
		{"unreachable state", func(d *review.Definition) {
			d.Stages = append(d.Stages, review.Stage{State: "limbo", Role: role})
			d.Transitions = append(d.Transitions, review.Transition{From: "limbo", Action: review.Approve, To: review.Approved})
		}, review.ProblemUnreachable, "limbo", "", ""},
		{"two transitions for one (state, action)", func(d *review.Definition) {
			d.Transitions = append(d.Transitions, review.Transition{From: review.DistrictReview, Action: review.Approve, To: review.Approved})
		}, review.ProblemDuplicateTransition, review.DistrictReview, review.Approve, ""},
		{"exit from a terminal state", func(d *review.Definition) {
			d.Transitions = append(d.Transitions, review.Transition{From: review.Rejected, Action: review.Resubmit, To: review.DistrictReview})
		}, review.ProblemTerminalExit, review.Rejected, review.Resubmit, ""},
		{"stage without role", func(d *review.Definition) {
			d.Stages[stageIndex(*d, review.ProfessionalReview)].Role = ""
		}, review.ProblemNoRole, review.ProfessionalReview, "", ""},
		{"undeclared action", func(d *review.Definition) {
			d.Transitions[indexOf(*d, review.DistrictReview, review.Approve)].Action = "aprove"
		}, review.ProblemUnknownAction, review.DistrictReview, "aprove", ""},
		{"action declared twice", func(d *review.Definition) {
			d.Actions = append(d.Actions, d.Actions[0])
		}, review.ProblemDuplicateAction, "", d0(t).Actions[0].Action, ""},
		{"transition to an unknown state", func(d *review.Definition) {
			d.Transitions[indexOf(*d, review.DistrictReview, review.Approve)].To = "profesional_review"
		}, review.ProblemUnknownState, "profesional_review", review.Approve, ""},
		{"unknown initial state", func(d *review.Definition) { d.Initial = "start" }, review.ProblemUnknownState, "start", "", ""},
		{"stage declared twice", func(d *review.Definition) {
			d.Stages = append(d.Stages, d.Stages[1])
		}, review.ProblemDuplicateState, review.DistrictReview, "", ""},
		{"dead end", func(d *review.Definition) {
			d.Stages = append(d.Stages, review.Stage{State: "stuck", Role: role})
			d.Transitions = append(d.Transitions, review.Transition{From: review.Draft, Action: review.Receive, To: "stuck"})
			d.Actions = append(d.Actions, review.ActionInfo{Action: review.Receive})
		}, review.ProblemDeadEnd, "stuck", "", ""},
		{"terminal without outcome", func(d *review.Definition) {
			d.Stages[stageIndex(*d, review.Rejected)].Outcome = ""
		}, review.ProblemBadOutcome, review.Rejected, "", ""},
		{"outcome on a working stage", func(d *review.Definition) {
			d.Stages[stageIndex(*d, review.DistrictReview)].Outcome = review.OutcomeApproved
		}, review.ProblemBadOutcome, review.DistrictReview, "", ""},
		{"unknown scope", func(d *review.Definition) {
			d.Stages[stageIndex(*d, review.DistrictReview)].Scope = "city"
		}, review.ProblemBadScope, review.DistrictReview, "", ""},
		{"transition scope without role", func(d *review.Definition) {
			d.Transitions[indexOf(*d, review.DistrictReview, review.Approve)].Scope = review.ScopeAssigned
		}, review.ProblemBadScope, review.DistrictReview, review.Approve, ""},
		{"guard parameters refused", func(d *review.Definition) {
			d.Transitions[indexOf(*d, review.DistrictReview, review.Approve)].Guards = []review.GuardCall{
				{Name: review.GuardQuorum, Params: map[string]string{"vote": "approve", "min": "zero"}}}
		}, review.ProblemGuardParams, review.DistrictReview, review.Approve, review.GuardQuorum},
		{"parameters to a guard that takes none", func(d *review.Definition) {
			d.Transitions[indexOf(*d, review.DistrictReview, review.Approve)].Guards = []review.GuardCall{
				{Name: review.GuardOneVoteEach, Params: map[string]string{"x": "1"}}}
		}, review.ProblemGuardParams, review.DistrictReview, review.Approve, review.GuardOneVoteEach},
		{"no id", func(d *review.Definition) { d.ID = " " }, review.ProblemMissingID, "", "", ""},
		{"no version", func(d *review.Definition) { d.Version = 0 }, review.ProblemMissingID, "", "", ""},
		{"no applicant role", func(d *review.Definition) { d.Applicant = "" }, review.ProblemNoApplicant, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := tianjinDef(t)
			tc.edit(&d)
			w, err := review.NewWorkflow(d, review.StandardGuards())
			require.Nil(t, w)
			require.ErrorIs(t, err, review.ErrBadWorkflow)
			require.ErrorIs(t, err, cxq.ErrInvalid)
			require.Contains(t, problems(err), tc.want, "%v", err)
			var de *review.DefinitionError
			require.ErrorAs(t, err, &de)
			found := false
			for _, p := range allDefinitionErrors(err) {
				if p.Problem == tc.want && p.State == tc.state && p.Action == tc.action && p.Guard == tc.guard {
					found = true
				}
			}
			require.True(t, found, "%v", err)
			require.Contains(t, err.Error(), string(tc.want))
		})
	}
}

func d0(t testing.TB) review.Definition { return tianjinDef(t) }

func allDefinitionErrors(err error) []review.DefinitionError {
	var out []review.DefinitionError
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if de, ok := e.(*review.DefinitionError); ok {
				out = append(out, *de)
			}
		}
	}
	return out
}

func TestNilGuardsRefusesEveryGuard(t *testing.T) {
	t.Parallel()
	d, err := review.ShippedDefinition(review.TianjinRedemptionID)
	require.NoError(t, err)
	_, err = review.NewWorkflow(d, nil)
	require.Contains(t, problems(err), review.ProblemUnknownGuard)
}

func TestDefinitionJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for _, w := range shipped(t) {
		b, err := json.Marshal(w)
		require.NoError(t, err)
		d, err := review.ParseDefinition(b)
		require.NoError(t, err)
		require.Equal(t, w.Definition(), d)
		w2, err := review.NewWorkflow(d, review.StandardGuards())
		require.NoError(t, err)
		require.Equal(t, w.DOT(), w2.DOT())
		b2, err := json.Marshal(w2)
		require.NoError(t, err)
		require.JSONEq(t, string(b), string(b2))
	}
}

func TestDefinitionIsCopied(t *testing.T) {
	t.Parallel()
	d := tianjinDef(t)
	w, err := review.NewWorkflow(d, review.StandardGuards())
	require.NoError(t, err)
	d.Stages[0].Status.ZH = "changed"
	got := w.Definition()
	require.NotEqual(t, "changed", got.Stages[0].Status.ZH)
	got.Stages[0].Status.ZH = "changed too"
	require.NotEqual(t, "changed too", w.Definition().Stages[0].Status.ZH)
}

func TestParseDefinition(t *testing.T) {
	t.Parallel()
	_, err := review.ParseDefinition([]byte(`{"id":"x","version":1,"stagez":[]}`))
	var de *review.DefinitionError
	require.ErrorAs(t, err, &de)
	require.Equal(t, review.ProblemBadJSON, de.Problem)
	require.ErrorIs(t, err, cxq.ErrInvalid)
	_, err = review.ParseDefinition([]byte(`{"id":`))
	require.ErrorIs(t, err, review.ErrBadWorkflow)
	_, err = review.ParseDefinition([]byte(`{"id":"x"} {"id":"y"}`))
	require.ErrorIs(t, err, review.ErrBadWorkflow, "trailing data")
}

func TestShippedLookup(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"nope", "../doc", "tianjin-application.json", ""} {
		_, err := review.Shipped(id)
		require.ErrorIs(t, err, cxq.ErrNotFound, id)
	}
	require.Equal(t, review.TianjinRedemptionID, review.TianjinRedemption().ID())
	require.Equal(t, 1, review.HebeiRedemption().Version())
	require.Equal(t, "天津市科技创新券申请", review.TianjinApplication().Name().ZH)
}
