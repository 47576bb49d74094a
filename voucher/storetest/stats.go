package storetest

import (
	"flag"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/stats"
)

// StatisticsChecks is how many random lifecycles RunStatistics tries per driver unless
// -rapid.checks is given on the command line.
var StatisticsChecks = 5

// RunStatistics runs random lifecycles (the actions of RunModel) on fresh stores and
// then checks the figures of voucher.Service.Statistics against the ledger: every table
// reconciles; the redeemed total of the applications equals that of the redemptions,
// the quotas' Consumed and the sum of the quota ledger's paid movements (quota.settle
// entries of the audit trail); each figure's records are exactly as many as it
// counts; and each person's figures are their scope's: a district its district's, a
// provider its products', an enterprise none.
func RunStatistics(t *testing.T, open Opener) {
	defer withChecks(StatisticsChecks)()
	rapid.Check(t, func(rt *rapid.T) {
		st := open(t)
		defer st.Close()
		m := &model{w: NewWorld(rt, st), states: map[string]voucher.State{}}
		rt.Repeat(rapid.StateMachineActions(m))
		m.w.Submitted(m.w.Other, "9099.00") // a second district
		checkStatistics(rt, m.w)
	})
}

// withChecks sets -rapid.checks to n unless given on the command line, and returns
// what puts it back.
func withChecks(n int) func() {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "rapid.checks" })
	f := flag.Lookup("rapid.checks")
	if f == nil || given {
		return func() {}
	}
	old := f.Value.String()
	_ = f.Value.Set(strconv.Itoa(n))
	return func() { _ = f.Value.Set(old) }
}

// checkStatistics compares the figures with the ledger and the scopes with each other.
func checkStatistics(t *rapid.T, w *World) {
	office, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{})
	require.NoError(t, err)
	require.NoError(t, office.Check())
	apps, _ := office.Table(stats.Applications, stats.ByStatus)
	reds, _ := office.Table(stats.Redemptions, stats.ByStatus)
	consumed, paid := ledgerPaid(t, w.Store)
	require.Equal(t, consumed.String(), apps.Total.Redeemed.String(), "applications' Paid = quotas' Consumed")
	require.Equal(t, paid.String(), apps.Total.Redeemed.String(), "applications' Paid = the ledger's paid movements")
	require.Equal(t, paid.String(), reds.Total.Redeemed.String(), "redemptions' Actual = the ledger's paid movements")
	require.Equal(t, consumed.String(), office.BudgetTotal.Consumed.String())

	for _, tb := range office.Tables {
		for _, row := range append([]stats.Row{tb.Total}, tb.Rows...) {
			recs, err := w.Svc.StatisticsRecords(bg, w.Office, voucher.StatsQuery{}, row.Drill)
			require.NoError(t, err)
			if tb.Dim == stats.ByRefusal {
				require.LessOrEqual(t, len(recs), row.Count, "%s %q", tb.ID, row.Key)
				continue
			}
			require.Len(t, recs, row.Count, "%s %q", tb.ID, row.Key)
		}
	}
	byDistrict, _ := office.Table(stats.Applications, stats.ByDistrict)
	for _, who := range []voucher.Actor{w.District, w.OtherDistrict} {
		mine, err := w.Svc.Statistics(bg, who, voucher.StatsQuery{})
		require.NoError(t, err)
		require.NoError(t, mine.Check())
		got, _ := mine.Table(stats.Applications, stats.ByStatus)
		want := stats.Row{}
		for _, row := range byDistrict.Rows {
			if row.Key == who.District {
				want = row
			}
		}
		require.Equal(t, want.Count, got.Total.Count, "%s sees its district", who.District)
		require.Equal(t, want.Redeemed, got.Total.Redeemed)
	}
	prov, err := w.Svc.Statistics(bg, w.Provider, voucher.StatsQuery{})
	require.NoError(t, err)
	got, _ := prov.Table(stats.Applications, stats.ByStatus)
	require.Equal(t, apps.Total, got.Total, "every product is V1's")
	for _, who := range []voucher.Actor{w.Enterprise, {ID: "u-v9", Role: voucher.RoleProvider, Org: "V9"}} {
		none, err := w.Svc.Statistics(bg, who, voucher.StatsQuery{})
		require.NoError(t, err)
		got, _ := none.Table(stats.Applications, stats.ByStatus)
		require.Zero(t, got.Total.Count, "%s sees no figures", who.ID)
	}
	checkPolicyQuery(t, w, office)
	approved := 0
	for _, row := range apps.Rows {
		switch review.State(row.Key) {
		case review.Approved, voucher.StandingReturning, voucher.StandingReturned, voucher.StandingExpired:
			approved += row.Count // a voucher that ended outside review was approved first
		}
	}
	require.Equal(t, approved, office.Durations[0].Count, "a time to approval for every approved application")
	checkExports(t, w, apps.Total.Count) // last: it writes
}

// checkExports: the office's list export holds every application, a district's those
// of its district; the personal data is shown to the record's own reviewers only.
func checkExports(t *rapid.T, w *World, total int) {
	n := 0
	require.NoError(t, w.Svc.EachApplication(bg, w.Office, voucher.ListExport{}, func(app voucher.Application) error {
		n++
		require.True(t, voucher.SeesPersonal(w.Office, app.Record))
		require.False(t, voucher.SeesPersonal(w.Provider, app.Record), "a provider sees no personal data")
		if app.District() != "" {
			require.Equal(t, app.District() == w.District.District, voucher.SeesPersonal(w.District, app.Record))
		}
		return nil
	}))
	require.Equal(t, total, n)
	seen := map[string]bool{}
	require.NoError(t, w.Svc.EachApplication(bg, w.OtherDistrict, voucher.ListExport{}, func(app voucher.Application) error {
		require.Equal(t, w.OtherDistrict.District, app.District())
		require.False(t, seen[app.ID], "listed twice")
		if len(seen) == 0 {
			w.Submitted(w.Other, "9099.00") // a write while the export runs: it does not wait for the export
		}
		seen[app.ID] = true
		return nil
	}))
	require.NotEmpty(t, seen)
}

// checkPolicyQuery: StatsQuery.Policy keeps the records judged under that policy —
// every one ever submitted (the World runs one policy), not those never submitted.
func checkPolicyQuery(t *rapid.T, w *World, office stats.Report) {
	byPolicy, _ := office.Table(stats.Applications, stats.ByPolicy)
	var want stats.Row
	for _, row := range byPolicy.Rows {
		if row.Key == w.Policy.ID {
			want = row
		}
	}
	one, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{Policy: w.Policy.ID})
	require.NoError(t, err)
	got, _ := one.Table(stats.Applications, stats.ByStatus)
	require.Equal(t, want.Count, got.Total.Count)
	require.Equal(t, want.Redeemed, got.Total.Redeemed)
	for _, row := range got.Rows {
		require.NotEqual(t, string(review.Draft), row.Key, "a draft is judged under no policy yet")
	}
	other, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{Policy: "no-such-policy"})
	require.NoError(t, err)
	got, _ = other.Table(stats.Applications, stats.ByStatus)
	require.Zero(t, got.Total.Count)
}

// ledgerPaid returns the quotas' Consumed and the paid amounts of the quota ledger's
// settlements less its clawbacks, each summed.
func ledgerPaid(t require.TestingT, st voucher.Store) (consumed, paid cxq.Money) {
	require.NoError(t, st.View(bg, func(tx voucher.Tx) error {
		qs, err := tx.Quotas(bg)
		require.NoError(t, err)
		for _, q := range qs {
			consumed = consumed.Add(q.Consumed)
		}
		entries, err := tx.Audit(bg, "")
		require.NoError(t, err)
		for _, e := range entries {
			if !strings.HasPrefix(e.Stream, voucher.StreamQuota+"/") {
				continue
			}
			for _, kv := range strings.Fields(e.Note) {
				if v, ok := strings.CutPrefix(kv, "paid="); ok && e.Action == "quota.settle" {
					paid = paid.Add(cxq.MustMoney(v))
				}
				if v, ok := strings.CutPrefix(kv, "amount="); ok && e.Action == "quota.reclaim" {
					paid = paid.Sub(cxq.MustMoney(v))
				}
			}
		}
		return nil
	}))
	return consumed, paid
}
