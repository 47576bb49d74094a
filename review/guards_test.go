package review_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

func TestExpertSetsActualAmount(t *testing.T) {
	t.Parallel()
	w := review.TianjinRedemption()
	d := newDriver(t, w)
	c := d.caseIn("R-1", review.ExpertReview) // claimed 9099.00
	require.Equal(t, "市级形式审查受理", w.Status(c.State).ZH)
	exp := expert("exp-1", "R-1")
	fire := func(c review.Case, amount *string) (review.Case, error) {
		in := review.Input{Action: review.Approve, Actor: exp, Time: d.now()}
		if amount != nil {
			in.Fields = map[string]string{review.FieldActualAmount: *amount}
		}
		next, _, err := w.Fire(c, in)
		return next, err
	}
	str := func(s string) *string { return &s }
	refused := []struct {
		amount *string
		code   string
	}{
		{nil, cxq.CodeRequired},
		{str(""), cxq.CodeRequired},
		{str("9099.01"), "above_claim"},
		{str("100000"), "above_claim"},
		{str("-0.01"), ""}, // refused by the money parser
		{str("0"), "not_positive"},
		{str("0.00"), "not_positive"},
		{str("abc"), ""},
		{str("1e3"), ""},
		{str("4000.001"), ""},
	}
	for _, tc := range refused {
		_, err := fire(c, tc.amount)
		var ge *review.GuardError
		require.ErrorAs(t, err, &ge, "%v", tc.amount)
		require.Equal(t, review.GuardAmountWithinClaim, ge.Guard)
		require.ErrorIs(t, err, review.ErrGuardFailed)
		require.ErrorIs(t, err, cxq.ErrInvalid)
		require.NotEmpty(t, ge.Reason(cxq.ZH))
		if tc.code != "" {
			var fe *cxq.FieldError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, tc.code, fe.Code)
		}
	}
	_, err := fire(c, str("9099.01"))
	var ge *review.GuardError
	require.ErrorAs(t, err, &ge)
	require.Equal(t, "实际兑现金额不得超过兑现创新券金额合计 9099.00 元", ge.Reason(cxq.ZH))

	for _, ok := range []string{"9099.00", "4549.50", "0.01"} {
		next, err := fire(c, str(ok))
		require.NoError(t, err, ok)
		require.Equal(t, review.Approved, next.State)
		require.Equal(t, "评审通过", w.Status(next.State).ZH)
		require.Equal(t, ok, next.Facts[review.FieldActualAmount])
		require.Equal(t, "9099.00", next.Facts[review.FactClaimedAmount])
	}

	// A case opened without a claimed amount cannot be approved with an amount.
	noClaim := w.NewCase(review.Opening{ID: "R-2", Owner: "ent-1", District: "nankai"})
	for _, a := range []review.Action{review.Submit, review.Approve, review.Approve} {
		tr, _ := w.Transition(noClaim.State, a)
		noClaim, _, err = w.Fire(noClaim, d.input(noClaim, tr, actorFor(w, noClaim, tr)))
		require.NoError(t, err)
	}
	_, _, err = w.Fire(noClaim, review.Input{Action: review.Approve, Actor: expert("exp-1", "R-2"), Time: d.now(),
		Fields: map[string]string{review.FieldActualAmount: "1.00"}})
	require.ErrorIs(t, err, review.ErrGuardFailed)
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "missing_fact", fe.Code)
}

func TestExpertPanelQuorumAndNotice(t *testing.T) {
	t.Parallel()
	w := review.HebeiRedemption()
	d := newDriver(t, w)
	c, at := d.caseAt("H-1", review.ExpertPanel)
	tick := func() time.Time { at = at.Add(time.Hour); return at }
	vote := func(c review.Case, id string, a review.Action) (review.Case, error) {
		in := review.Input{Action: a, Actor: expert(id, "H-1"), Time: tick()}
		if a == review.VoteReject {
			in.Opinion = "创新成效证明不足"
		}
		next, _, err := w.Fire(c, in)
		return next, err
	}
	decide := func(c review.Case) error {
		_, _, err := w.Fire(c, review.Input{Action: review.Approve, Actor: expert("e1", "H-1"), Time: tick(),
			Fields: map[string]string{review.FieldActualAmount: "5000.00"}})
		return err
	}
	var err error
	c, err = vote(c, "e1", review.VoteApprove)
	require.NoError(t, err)
	_, err = vote(c, "e1", review.VoteReject)
	require.ErrorIs(t, err, review.ErrGuardFailed, "one vote each per round")
	c, err = vote(c, "e2", review.VoteApprove)
	require.NoError(t, err)
	c, err = vote(c, "e3", review.VoteReject)
	require.NoError(t, err)
	err = decide(c)
	var ge *review.GuardError
	require.ErrorAs(t, err, &ge)
	require.Equal(t, review.GuardQuorum, ge.Guard)
	require.Contains(t, ge.Reason(cxq.EN), "2 votes")
	_, _, err = w.Fire(c, review.Input{Action: review.Reject, Actor: expert("e3", "H-1"), Opinion: "不同意", Time: tick()})
	require.ErrorIs(t, err, review.ErrGuardFailed, "one reject vote is no quorum")
	c, err = vote(c, "e4", review.VoteApprove)
	require.NoError(t, err)
	require.NoError(t, decide(c))
	_, _, err = w.Fire(c, review.Input{Action: review.Approve, Actor: expert("e1", "H-1"), Time: tick(),
		Fields: map[string]string{review.FieldActualAmount: "9099.01"}})
	require.ErrorIs(t, err, review.ErrGuardFailed, "the panel may not pay above the claim either")

	c, _, err = w.Fire(c, review.Input{Action: review.Approve, Actor: expert("e1", "H-1"), Time: tick(),
		Fields: map[string]string{review.FieldActualAmount: "5000.00"}})
	require.NoError(t, err)
	require.Equal(t, review.PublicNotice, c.State)
	require.Equal(t, "公示中", w.Status(c.State).ZH)
	noticeFrom := at

	office := review.Actor{ID: "office-1", Roles: []review.Role{review.RoleOffice}}
	_, _, err = w.Fire(c, review.Input{Action: review.Conclude, Actor: office, Time: noticeFrom.Add(7*24*time.Hour - time.Second)})
	require.ErrorIs(t, err, review.ErrGuardFailed, "the 7-day notice has not ended")
	require.ErrorContains(t, err, "7-day")

	// An objection reopens the panel: the earlier votes no longer count.
	c = step(t, w, c, review.Object, office, "收到异议：合同金额与发票不符", noticeFrom.Add(24*time.Hour))
	require.Equal(t, review.ExpertPanel, c.State)
	at = lastAt(c)
	require.ErrorIs(t, decide(c), review.ErrGuardFailed)
	for i := 1; i <= 3; i++ {
		c, err = vote(c, fmt.Sprintf("e%d", i), review.VoteApprove) // e1 may vote again in the new round
		require.NoError(t, err)
	}
	require.NoError(t, decide(c))
	c, _, err = w.Fire(c, review.Input{Action: review.Approve, Actor: expert("e2", "H-1"), Time: tick(),
		Fields: map[string]string{review.FieldActualAmount: "4000.00"}})
	require.NoError(t, err)
	noticeFrom = at
	// The programme office person who raised the objection may close the notice: same stage.
	c = step(t, w, c, review.Conclude, office, "", noticeFrom.Add(7*24*time.Hour))
	require.Equal(t, review.Approved, c.State)
	require.Equal(t, "4000.00", c.Facts[review.FieldActualAmount])
	require.NoError(t, review.VerifyCase(w, c))

	// An expert of the panel may not act in the notice stage (separation of duties).
	c2 := d.caseIn("H-2", review.PublicNotice)
	panelist := review.Actor{ID: "panel-1", Roles: []review.Role{review.RoleOffice}}
	_, _, err = w.Fire(c2, review.Input{Action: review.Object, Actor: panelist, Opinion: "异议", Time: d.now()})
	require.ErrorIs(t, err, review.ErrSeparationOfDuties)
}

func TestPanelRejectsByQuorum(t *testing.T) {
	t.Parallel()
	w := review.HebeiRedemption()
	d := newDriver(t, w)
	c, at := d.caseAt("H-1", review.ExpertPanel)
	for i := 1; i <= 3; i++ {
		at = at.Add(time.Minute)
		c = step(t, w, c, review.VoteReject, expert(fmt.Sprintf("e%d", i), "H-1"), "证明材料不足", at)
	}
	_, _, err := w.Fire(c, review.Input{Action: review.Reject, Actor: expert("e1", "H-1"), Time: at})
	require.ErrorIs(t, err, cxq.ErrInvalid, "reject needs an opinion")
	c = step(t, w, c, review.Reject, expert("e1", "H-1"), "专家组三票不同意", at)
	require.Equal(t, review.Rejected, c.State)
}

func TestGuardsRegistry(t *testing.T) {
	t.Parallel()
	ok := func(review.GuardContext) error { return nil }
	_, err := review.NewGuards(review.Guard{Name: "a", Check: ok}, review.Guard{Name: "a", Check: ok})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	_, err = review.NewGuards(review.Guard{Name: "", Check: ok})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	_, err = review.NewGuards(review.Guard{Name: "b"})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	std := review.StandardGuards()
	require.Equal(t, []string{"amount_within_claim", "one_vote_each", "period_elapsed", "quorum"}, std.Names())
	_, err = std.With(review.Guard{Name: review.GuardQuorum, Check: ok})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	more, err := std.With(review.Guard{Name: "c", Check: ok})
	require.NoError(t, err)
	require.Len(t, more.Names(), 5)
	require.Len(t, std.Names(), 4, "With does not change the registry it extends")
	var none *review.Guards
	_, found := none.Lookup("a")
	require.False(t, found)
}

func TestGuardParamsChecked(t *testing.T) {
	t.Parallel()
	tests := []struct {
		guard  string
		params map[string]string
		ok     bool
	}{
		{review.GuardQuorum, map[string]string{"vote": "vote_approve", "min": "2"}, true},
		{review.GuardQuorum, map[string]string{"min": "2"}, false},
		{review.GuardQuorum, map[string]string{"vote": "vote_approve", "min": "0"}, false},
		{review.GuardQuorum, map[string]string{"vote": "vote_approve", "min": "2", "max": "3"}, false},
		{review.GuardPeriodElapsed, map[string]string{"days": "7"}, true},
		{review.GuardPeriodElapsed, map[string]string{"days": "a week"}, false},
		{review.GuardPeriodElapsed, map[string]string{"hours": "7"}, false},
		{review.GuardAmountWithinClaim, map[string]string{"field": "paid", "limit": "cap"}, true},
		{review.GuardAmountWithinClaim, map[string]string{"ceiling": "cap"}, false},
		{review.GuardOneVoteEach, nil, true},
	}
	for _, tc := range tests {
		d := tianjinDef(t)
		d.Transitions[indexOf(d, review.ProfessionalReview, review.Approve)].Guards = []review.GuardCall{{Name: tc.guard, Params: tc.params}}
		_, err := review.NewWorkflow(d, review.StandardGuards())
		if tc.ok {
			require.NoError(t, err, "%s %v", tc.guard, tc.params)
		} else {
			require.Equal(t, []review.Problem{review.ProblemGuardParams}, problems(err), "%s %v", tc.guard, tc.params)
		}
	}
}

// TestAmountGuardParams: the amount guard can read another field against another fact.
func TestAmountGuardParams(t *testing.T) {
	t.Parallel()
	d := tianjinDef(t)
	i := indexOf(d, review.ProfessionalReview, review.Approve)
	d.Transitions[i].Sets = []string{"granted"}
	d.Transitions[i].Guards = []review.GuardCall{{Name: review.GuardAmountWithinClaim,
		Params: map[string]string{"field": "granted", "limit": "estimate"}}}
	w, err := review.NewWorkflow(d, review.StandardGuards())
	require.NoError(t, err)
	c := w.NewCase(review.Opening{ID: "A-1", Owner: "ent-1", District: "nankai",
		Facts: map[string]string{"estimate": "2000.00"}})
	c = step(t, w, c, review.Submit, staff, "", base)
	c = step(t, w, c, review.Approve, district, "", base)
	v, ok := c.Fact("estimate")
	require.True(t, ok)
	require.Equal(t, "2000.00", v)
	in := review.Input{Action: review.Approve, Actor: professional("p", "A-1"), Time: base,
		Fields: map[string]string{"granted": "2000.01"}}
	_, _, err = w.Fire(c, in)
	require.ErrorIs(t, err, review.ErrGuardFailed)
	require.ErrorContains(t, err, `guard "amount_within_claim" refused approve in "professional_review"`)
	in.Fields["granted"] = "2000.00"
	c, _, err = w.Fire(c, in)
	require.NoError(t, err)
	require.Equal(t, "2000.00", c.Facts["granted"])

	bad := w.NewCase(review.Opening{ID: "A-2", Owner: "ent-1", District: "nankai", Facts: map[string]string{"estimate": "lots"}})
	bad = step(t, w, bad, review.Submit, staff, "", base)
	bad = step(t, w, bad, review.Approve, district, "", base)
	_, _, err = w.Fire(bad, review.Input{Action: review.Approve, Actor: professional("p", "A-2"), Time: base,
		Fields: map[string]string{"granted": "1.00"}})
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "bad_fact", fe.Code)
}
