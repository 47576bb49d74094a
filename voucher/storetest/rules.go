package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/scenario"
)

// RunRules checks that every policy rule holds through the Service on stores from
// open: the lifecycle under every preset, who redeems, the quota cycles, and every
// shipped golden scenario (scenario.Golden).
func RunRules(t *testing.T, open Opener) {
	for _, p := range policy.Presets().All() {
		for _, tc := range []struct {
			name string
			fn   func(*testing.T, *World)
		}{
			{"Lifecycle", testPresetLifecycle},
			{"TwoReviewersAtOnce", testTwoReviewers},
		} {
			t.Run(tc.name+"/"+p.ID, func(t *testing.T) {
				st := open(t)
				t.Cleanup(func() { _ = st.Close() })
				w := NewWorldFor(t, st, p)
				tc.fn(t, w)
				w.CheckInvariants()
			})
		}
	}
	t.Run("WhoRedeems", func(t *testing.T) { testWhoRedeems(t, open) })
	t.Run("HebeiCycle", func(t *testing.T) {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		w := NewWorldFor(t, st, policy.Hebei())
		testHebeiCycle(t, w)
		w.CheckInvariants()
	})
	t.Run("FilingCounts", func(t *testing.T) { testFilingCounts(t, open) })
	t.Run("SpotCheckDraw", func(t *testing.T) { testSpotCheckDraw(t, open) })
	t.Run("SpotCheckClawbackOnce", func(t *testing.T) { testSpotCheckClawback(t, open) })
	files, err := scenario.Golden()
	require.NoError(t, err)
	for _, f := range files {
		t.Run("Scenario/"+f.Path, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { _ = st.Close() })
			res, err := f.Run(bg, st)
			require.NoError(t, err)
			for _, r := range res {
				require.True(t, r.OK, "%s:%d: step %d: got %s, want %s", f.Path, r.Line, r.Step, r.Got, r.Want)
			}
			checkLedger(t, st)
		})
	}
}

// testPresetLifecycle claims, approves and redeems half of a voucher, then under split
// use the other half: the quota holds exactly what the application holds and paid.
func testPresetLifecycle(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	want := policy.Tianjin().Rate
	if w.Policy.ID == policy.PresetChangping {
		want = cxq.Percent(30) // E1 elsewhere, the provider in 昌平
	}
	require.Equal(t, cxq.MustMoney("9099.00").MulRate(want, cxq.RoundDown).String(), app.Amount.String())
	half := app.Amount.MulRate(cxq.Percent(50), cxq.RoundDown)
	r := w.Redeem(app.ID, "9099.00", half.String())
	require.Equal(t, review.Approved, r.State())
	app, err := w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, half.String(), app.Paid.String())
	if !w.Policy.SplitUse {
		require.True(t, app.Reserved.IsZero(), "the first redemption settles the voucher and returns the rest")
		_, err := w.Svc.StartRedemption(bg, w.Redeemer, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
		require.ErrorIs(t, err, cxq.ErrConflict)
		return
	}
	rest := app.Amount.Sub(half)
	require.Equal(t, rest.String(), app.Reserved.String(), "split use keeps the rest reserved")
	w.CheckInvariants()
	w.Redeem(app.ID, "9099.00", rest.String())
	app, err = w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, app.Amount.String(), app.Paid.String())
	require.True(t, app.Reserved.IsZero())
	q := w.Quota(app.Quota.Period)
	require.Equal(t, app.Amount.String(), q.Consumed.String())
	require.True(t, q.Reserved.IsZero())
}

// testWhoRedeems: under provider redemption (hebei) the order's provider starts, fills
// in and submits the redemption and the enterprise is denied; under enterprise
// redemption (tianjin) the opposite, and the provider cannot read the enterprise's
// redemption; anyone else finds nothing.
func testWhoRedeems(t *testing.T, open Opener) {
	for _, p := range []policy.Policy{policy.Hebei(), WorldPolicy()} {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		w := NewWorldFor(t, st, p)
		app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
		redeemer, other := w.Enterprise, w.Provider
		if p.ProviderRedeems {
			redeemer, other = w.Provider, w.Enterprise
		}
		require.Equal(t, redeemer, w.Redeemer, p.ID)
		_, err := w.Svc.StartRedemption(bg, other, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
		var de *voucher.DeniedError
		require.ErrorAs(t, err, &de, p.ID)
		require.ErrorIs(t, err, cxq.ErrForbidden)
		stranger := voucher.Actor{ID: "u-v2", Role: voucher.RoleProvider, Org: "V2"}
		_, err = w.Svc.StartRedemption(bg, stranger, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
		require.ErrorIs(t, err, cxq.ErrNotFound, p.ID)
		r := w.Prepared(app.ID, "9099.00")
		_, err = w.Svc.AddContract(bg, other, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Version: r.Version, Contract: r.Form.Contracts[0]})
		require.ErrorIs(t, err, cxq.ErrForbidden, p.ID)
		_, err = w.Svc.SubmitRedemption(bg, other, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
		require.ErrorIs(t, err, cxq.ErrForbidden, p.ID)
		_, err = w.Svc.ReviewRedemption(bg, w.Provider, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
		require.ErrorIs(t, err, cxq.ErrForbidden, "providers never review")
		r, err = w.Svc.SubmitRedemption(bg, redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
		require.NoError(t, err, p.ID)
		seen, err := w.Svc.Redemption(bg, w.Provider, r.ID)
		if p.ProviderRedeems {
			require.NoError(t, err, "the provider sees the redemptions it makes")
			require.Equal(t, "E1", seen.EnterpriseID)
		} else {
			require.ErrorIs(t, err, cxq.ErrNotFound, "where the enterprise redeems, the provider sees none of it")
		}
		w.CheckInvariants()
	}
}

// testHebeiCycle: the quota is keyed by the cycle that starts with the first claim and
// spans New Year; a claim 12 months on starts a new cycle.
func testHebeiCycle(t *testing.T, w *World) {
	first := w.Submitted(w.Enterprise, "80000.00")
	require.Equal(t, "30000.00", first.Amount.String(), "first claim cap")
	start := policy.ChinaTime(Start)
	cycle := start.Year()*10000 + int(start.Month())*100 + start.Day()
	require.Equal(t, cycle, first.Quota.Period)
	require.Equal(t, "30000.00", w.Quota(cycle).Reserved.String())
	w.Approve(first.ID)
	w.Redeem(first.ID, "80000.00", "20000.00")
	w.Clock.Set(start.AddDate(0, 10, 0)) // January of the next year: the same cycle
	second := w.Submitted(w.Enterprise, "200000.00")
	require.Equal(t, cycle, second.Quota.Period)
	require.Equal(t, "70000.00", second.Amount.String(), "the cycle cap, not a new year's")
	require.True(t, w.Quota(start.Year()+1).Reserved.IsZero(), "nothing is charged to the calendar year")
	_, err := w.Svc.WithdrawApplication(bg, w.Enterprise, voucher.WithdrawParams{Key: w.Key(), ID: second.ID})
	require.NoError(t, err)
	w.Clock.Set(start.AddDate(1, 0, 1)) // past 12 months: a new cycle with a first claim
	third := w.Submitted(w.Enterprise, "80000.00")
	require.NotEqual(t, cycle, third.Quota.Period)
	require.Equal(t, "30000.00", third.Amount.String())
}

// testFilingCounts: under hebei a submitted redemption whose contract is filed counts as
// use for the re-claim rule before it is decided; under langfang it does not.
func testFilingCounts(t *testing.T, open Opener) {
	for _, p := range []policy.Policy{policy.Hebei(), policy.Langfang()} {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		w := NewWorldFor(t, st, p)
		app := w.Approve(w.Submitted(w.Enterprise, "60000.00").ID)
		r := w.Prepared(app.ID, "60000.00")
		_, err := w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
		require.NoError(t, err)
		next := w.Draft(w.Enterprise, "100000.00")
		next, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: next.ID})
		if p.FilingCounts {
			require.NoError(t, err, p.ID)
			require.Equal(t, "50000.00", next.Amount.String())
		} else {
			refusal(t, err, policy.CodeReclaimUsage, p.ID)
		}
		w.CheckInvariants()
	}
}

// checkLedger verifies that every quota is within its cap and equals what its
// applications hold and paid (Paid is net of what spot checks clawed back, as Consumed
// is), and that no ended application holds anything.
func checkLedger(t TB, st voucher.Store) {
	t.Helper()
	require.NoError(t, st.View(bg, func(tx voucher.Tx) error {
		apps, _, err := tx.Applications().List(bg, voucher.ListFilter{})
		require.NoError(t, err)
		held := map[voucher.QuotaKey][2]cxq.Money{}
		for _, a := range apps {
			if a.Quota.EnterpriseID == "" {
				continue
			}
			for _, k := range append([]voucher.QuotaKey{a.Quota}, a.Pools...) {
				h := held[k]
				h[0], h[1] = h[0].Add(a.Reserved), h[1].Add(a.Paid)
				held[k] = h
			}
			require.False(t, a.Reserved.IsNegative())
			require.False(t, a.Paid.IsNegative() || a.Reclaimed.IsNegative(), "application %s: paid %s, reclaimed %s", a.ID, a.Paid, a.Reclaimed)
			if !a.Live() {
				require.True(t, a.Reserved.IsZero(), "ended application %s still holds %s", a.ID, a.Reserved)
			}
		}
		for k, h := range held {
			q, err := tx.Quota(bg, k)
			require.NoError(t, err)
			require.True(t, q.Valid(), "quota %s: %+v", k, q)
			require.Equal(t, h[0].String(), q.Reserved.String(), "reserved on %s", k)
			require.Equal(t, h[1].String(), q.Consumed.String(), "consumed on %s", k)
		}
		return nil
	}))
}
