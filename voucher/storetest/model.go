package storetest

import (
	"errors"
	"flag"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// ModelChecks is how many random action sequences RunModel tries per driver unless
// -rapid.checks is given on the command line.
var ModelChecks = 20

// RunModel is a model-based test: rapid draws sequences of apply, approve, return,
// resubmit, reject, withdraw, redeem, expire and give back (退券) on a fresh store, compares every
// application's state with a model of the workflow, and checks after every step that
// each quota equals what the applications hold and paid, within its cap, and that the
// audit trail verifies.
func RunModel(t *testing.T, open Opener) {
	setChecks()
	rapid.Check(t, func(rt *rapid.T) {
		st := open(t)
		defer st.Close()
		m := &model{w: NewWorld(rt, st), states: map[string]voucher.State{}}
		rt.Repeat(rapid.StateMachineActions(m))
	})
}

func setChecks() {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "rapid.checks" })
	if f := flag.Lookup("rapid.checks"); f != nil && !given {
		_ = f.Value.Set(strconv.Itoa(ModelChecks))
	}
}

type model struct {
	w       *World
	states  map[string]voucher.State // application ID → expected state
	ids     []string
	expired map[string]bool
	redeemd map[string]bool
	gone    map[string]bool // returned (退券) by the enterprise: see GiveBack
}

func (m *model) pick(t *rapid.T, want ...voucher.State) (string, bool) {
	var ids []string
	for _, id := range m.ids {
		for _, s := range want {
			if m.states[id] == s {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return "", false
	}
	return rapid.SampledFrom(ids).Draw(t, "application"), true
}

func (m *model) Apply(t *rapid.T) {
	amount := rapid.SampledFrom([]string{"4000.00", "9099.00", "20000.00", "60000.00", "150000.00", "3999.99"}).Draw(t, "contract")
	app := m.w.Draft(m.w.Enterprise, amount)
	before := m.w.Quota(policy.ClaimYear(m.w.Clock.Now()))
	_, err := m.w.Svc.SubmitApplication(bg, m.w.Enterprise, voucher.SubmitParams{Key: m.w.Key(), ID: app.ID})
	m.ids = append(m.ids, app.ID)
	switch {
	case err == nil:
		m.states[app.ID] = review.DistrictReview
	case amount == "3999.99" && !refusedByRules(err):
		require.ErrorIs(t, err, cxq.ErrInvalid)
		m.states[app.ID] = review.Draft
	default:
		require.True(t, refusedByRules(err), "refused for %v with %s of %s used", err, before.Used(), before.Cap)
		m.states[app.ID] = review.Draft
	}
}

func (m *model) decide(t *rapid.T, who voucher.Actor, id string, d voucher.Decision) error {
	d.ID, d.Key = id, m.w.Key()
	_, err := m.w.Svc.ReviewApplication(bg, who, d)
	return err
}

// atDistrict has the district decide d on an application at its stage, which then
// stands at to.
func (m *model) atDistrict(t *rapid.T, d voucher.Decision, to voucher.State) {
	id, ok := m.pick(t, review.DistrictReview)
	if !ok {
		t.Skip("nothing at the district")
	}
	require.NoError(t, m.decide(t, m.w.District, id, d))
	m.states[id] = to
}

func (m *model) ApproveDistrict(t *rapid.T) {
	m.atDistrict(t, voucher.Decision{Action: review.Approve}, review.ProfessionalReview)
}

func (m *model) ApproveProfessional(t *rapid.T) {
	id, ok := m.pick(t, review.ProfessionalReview)
	if !ok {
		t.Skip("nothing at the professional stage")
	}
	_, err := m.w.Svc.AssignApplication(bg, m.w.Office, voucher.AssignParams{Key: m.w.Key(), ID: id, Stage: review.ProfessionalReview, Reviewer: m.w.Professional.ID})
	require.NoError(t, err)
	require.NoError(t, m.decide(t, m.w.Professional, id, voucher.Decision{Action: review.Approve}))
	m.states[id] = review.Approved
}

func (m *model) Return(t *rapid.T) {
	m.atDistrict(t, voucher.Decision{Action: review.Return, Opinion: "请补充材料"}, review.Returned)
}

func (m *model) Resubmit(t *rapid.T) {
	id, ok := m.pick(t, review.Returned)
	if !ok {
		t.Skip("nothing returned")
	}
	_, err := m.w.Svc.SubmitApplication(bg, m.w.Enterprise, voucher.SubmitParams{Key: m.w.Key(), ID: id})
	if err != nil {
		require.True(t, refusedByRules(err), "%v", err)
		return
	}
	m.states[id] = review.DistrictReview
}

func (m *model) Reject(t *rapid.T) {
	m.atDistrict(t, voucher.Decision{Action: review.Reject, Opinion: "不予支持"}, review.Rejected)
}

func (m *model) Withdraw(t *rapid.T) {
	id, ok := m.pick(t, review.Draft, review.DistrictReview, review.ProfessionalReview, review.Returned)
	if !ok {
		t.Skip("nothing to withdraw")
	}
	_, err := m.w.Svc.WithdrawApplication(bg, m.w.Enterprise, voucher.WithdrawParams{Key: m.w.Key(), ID: id})
	require.NoError(t, err)
	m.states[id] = review.Withdrawn
}

func (m *model) Redeem(t *rapid.T) {
	id, ok := m.pick(t, review.Approved)
	if !ok || m.redeemd[id] || m.expired[id] || m.gone[id] {
		t.Skip("nothing to redeem")
	}
	app, err := m.w.Svc.Application(bg, m.w.Enterprise, id)
	require.NoError(t, err)
	spend := app.Form.Estimated.String()
	// The actual amount is at most the approved one and above zero (paying nothing is a
	// rejection): an amount the quota cut to a few fen leaves little to cut.
	cut := rapid.Int64Range(0, min(100, app.Amount.Fen()-1)).Draw(t, "cut")
	actual := app.Amount.Sub(cxq.Fen(cut))
	r := m.w.Redeem(id, spend, actual.String())
	require.Equal(t, review.Approved, r.State())
	if m.redeemd == nil {
		m.redeemd = map[string]bool{}
	}
	m.redeemd[id] = true
	_, err = m.w.Svc.StartRedemption(bg, m.w.Enterprise, voucher.StartRedemptionParams{Key: m.w.Key(), ApplicationID: id})
	require.ErrorIs(t, err, cxq.ErrConflict, "redeemed once")
}

func (m *model) Expire(t *rapid.T) {
	months := rapid.IntRange(1, 8).Draw(t, "months")
	now := m.w.Clock.Now()
	m.w.Clock.Set(now.AddDate(0, months, 0))
	rep, err := m.w.Svc.ApplyDeadlines(bg, m.w.Office, m.w.Clock.Now())
	require.NoError(t, err)
	if m.expired == nil {
		m.expired = map[string]bool{}
	}
	for _, e := range rep.Expired {
		require.Equal(t, review.Approved, m.states[e.ApplicationID])
		require.False(t, m.redeemd[e.ApplicationID], "a redeemed voucher does not expire")
		require.False(t, m.expired[e.ApplicationID], "expired twice")
		require.False(t, m.gone[e.ApplicationID], "a returned voucher does not expire")
		m.expired[e.ApplicationID] = true
	}
}

// Check compares states with the model and checks the invariants.
func (m *model) Check(t *rapid.T) {
	for id, want := range m.states {
		app, err := m.w.Svc.Application(bg, m.w.Enterprise, id)
		require.NoError(t, err)
		require.Equal(t, want, app.State(), "application %s", id)
		if m.expired[id] || m.redeemd[id] || m.gone[id] || !app.Live() {
			require.True(t, app.Reserved.IsZero(), "application %s holds %s", id, app.Reserved)
		}
	}
	m.w.CheckInvariants()
}

// refusedByRules reports a refusal the model expects: the quota is used up or the year
// is banned by an earlier expiry.
func refusedByRules(err error) bool {
	if voucher.QuotaRefused(err) {
		return true
	}
	var ie *voucher.IneligibleError
	if errors.As(err, &ie) {
		for _, r := range ie.Reasons {
			if r.Code != policy.CodeClaimBanned && r.Code != policy.CodeQuotaExhausted {
				return false
			}
		}
		return true
	}
	return false
}
