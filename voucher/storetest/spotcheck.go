package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/stats"
)

// SpotCheckPolicy is the World's policy with a spot-check rule: at least 20% of each
// district's redeemed cases every half year.
func SpotCheckPolicy() policy.Policy {
	p := WorldPolicy()
	p.SpotCheck = &policy.SpotCheckRule{MinShare: cxq.Percent(20), Months: 6, By: policy.StrataDistrict}
	return p
}

// spotWorld is a World under SpotCheckPolicy with n of E1's vouchers redeemed in
// 2025H1 (4,549.50 each, 4,000.00 paid), the clock moved past the half year.
func spotWorld(t *testing.T, open Opener, n int) *World {
	st := open(t)
	t.Cleanup(func() { _ = st.Close() })
	w := NewWorldFor(t, st, SpotCheckPolicy())
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(1000000)}) // so that clawbacks move a pool too
	for range n {
		app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
		w.Redeem(app.ID, "9099.00", "4000.00")
	}
	return w
}

func code(t TB, err error) string {
	t.Helper()
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	return ve.Errors[0].Code
}

// testSpotCheckDraw: a draw needs the period ended, a share not below the policy's and a
// seed; it takes ⌈20% × 6⌉ = 2 of the period's redeemed cases, exactly what
// policy.DrawSample gives for the seed, and a period is drawn once.
func testSpotCheckDraw(t *testing.T, open Opener) {
	w := spotWorld(t, open, 6)
	draw := voucher.DrawSpotCheckParams{Key: w.Key(), Period: "2025H1", Seed: "2025H1-seed"}
	_, err := w.Svc.DrawSpotCheck(bg, w.Office, draw)
	require.Equal(t, voucher.CodePeriodOpen, code(t, err))
	w.Clock.Set(time.Date(2025, 7, 1, 1, 0, 0, 0, time.UTC))
	_, err = w.Svc.DrawSpotCheck(bg, w.Enterprise, voucher.DrawSpotCheckParams{Key: w.Key(), Period: "2025H1", Seed: "x"})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	low := draw
	low.Key, low.Share = w.Key(), cxq.Percent(19)
	_, err = w.Svc.DrawSpotCheck(bg, w.Office, low)
	require.Equal(t, voucher.CodeShareTooLow, code(t, err))
	_, err = w.Svc.DrawSpotCheck(bg, w.Office, voucher.DrawSpotCheckParams{Key: w.Key(), Period: "2025H1"})
	require.Equal(t, cxq.CodeRequired, code(t, err))

	results := make([]voucher.SpotCheck, 4)
	errs := parallel(len(results), func(i int) (err error) {
		d := draw
		if i > 0 {
			d.Key = w.Key()
		}
		results[i], err = w.Svc.DrawSpotCheck(bg, w.Office, d)
		return err
	})
	require.Equal(t, 1, tallyRaced(t, errs, voucher.CodeAlreadyDrawn), "racing draws of one period: one spot check")
	c := results[slices.Index(errs, nil)]
	require.Equal(t, 6, c.Population)
	require.Len(t, c.Entries, 2)
	require.Equal(t, voucher.SpotOpen, c.State())
	reds, err := w.Svc.Redemptions(bg, w.Office, voucher.Query{})
	require.NoError(t, err)
	var cases []policy.SampleCase
	for _, r := range reds.Items {
		cases = append(cases, policy.SampleCase{ID: r.ID, Stratum: r.District()})
	}
	require.Equal(t, policy.DrawSample(cases, draw.Seed, cxq.Percent(20)), c.Strata, "the draw is reproducible from the seed")
	other := draw
	other.Key, other.Seed = w.Key(), "another seed"
	_, err = w.Svc.DrawSpotCheck(bg, w.Office, other)
	require.Equal(t, voucher.CodeAlreadyDrawn, code(t, err))

	// Two inspectors recording on two cases at once both succeed.
	inspectors := []voucher.Actor{w.SecondProfessional, w.SecondExp}
	for i, e := range c.Entries {
		_, err := w.Svc.AssignInspector(bg, w.Office, voucher.AssignInspectorParams{Key: w.Key(), ID: c.ID,
			Redemption: e.RedemptionID, Inspector: inspectors[i].ID})
		require.NoError(t, err)
	}
	errs = parallel(len(c.Entries), func(i int) error {
		_, err := w.Svc.RecordFinding(bg, inspectors[i], voucher.FindingParams{Key: w.Key(), ID: c.ID,
			Redemption: c.Entries[i].RedemptionID, Result: voucher.FindingPassed})
		return err
	})
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	got, err := w.Svc.SpotCheck(bg, w.Office, c.ID)
	require.NoError(t, err)
	require.Equal(t, voucher.SpotClosed, got.State())
	w.CheckInvariants()
}

// testSpotCheckClawback: inspectors with a conflict of interest are refused; only the
// assigned inspector records a finding; concurrent findings on one case claw back once,
// as a negative movement on the quota; the enterprise sees the finding and is told.
func testSpotCheckClawback(t *testing.T, open Opener) {
	w := spotWorld(t, open, 3)
	w.Clock.Set(time.Date(2025, 7, 1, 1, 0, 0, 0, time.UTC))
	c, err := w.Svc.DrawSpotCheck(bg, w.Office, voucher.DrawSpotCheckParams{Key: w.Key(), Period: "2025H1", Seed: "s"})
	require.NoError(t, err)
	require.Len(t, c.Entries, 1)
	e := c.Entries[0]
	assign := func(who string) error {
		_, err := w.Svc.AssignInspector(bg, w.Office, voucher.AssignInspectorParams{Key: w.Key(), ID: c.ID, Redemption: e.RedemptionID, Inspector: who})
		return err
	}
	for who, want := range map[string]string{w.Professional.ID: voucher.CodeConflictOfInterest, w.Expert.ID: voucher.CodeConflictOfInterest,
		"u-e1-reviewer": voucher.CodeConflictOfInterest, w.Enterprise.ID: voucher.CodeUnknownInspector, "nobody": voucher.CodeUnknownInspector} {
		require.Equal(t, want, code(t, assign(who)), who)
	}
	require.NoError(t, assign(w.SecondProfessional.ID))
	_, err = w.Svc.SpotCheck(bg, w.Enterprise, c.ID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	seen, err := w.Svc.SpotCheck(bg, w.SecondProfessional, c.ID)
	require.NoError(t, err)
	require.Len(t, seen.Entries, 1)
	_, err = w.Svc.SpotCheck(bg, w.SecondExp, c.ID)
	require.ErrorIs(t, err, cxq.ErrNotFound, "an inspector with no case of it")

	finding := voucher.FindingParams{ID: c.ID, Redemption: e.RedemptionID, Result: voucher.FindingFailed,
		Text: "发票与合同服务内容不符", Clawback: cxq.MustMoney("1000.00")}
	_, err = w.Svc.RecordFinding(bg, w.Office, finding)
	require.ErrorIs(t, err, cxq.ErrForbidden)
	_, err = w.Svc.RecordFinding(bg, w.SecondExp, finding)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	over := finding
	over.Clawback = cxq.MustMoney("4000.01")
	_, err = w.Svc.RecordFinding(bg, w.SecondProfessional, over)
	require.Equal(t, voucher.CodeClawbackAbovePaid, code(t, err))
	pass := finding
	pass.Result = voucher.FindingPassed
	_, err = w.Svc.RecordFinding(bg, w.SecondProfessional, pass)
	require.Equal(t, voucher.CodeClawbackOnPass, code(t, err))

	before, pool := w.Quota(2025), w.pool(2025, policy.TotalPool)
	errs := parallel(4, func(int) error {
		f := finding
		f.Key = w.Key()
		_, err := w.Svc.RecordFinding(bg, w.SecondProfessional, f)
		return err
	})
	require.Equal(t, 1, tallyRaced(t, errs, voucher.CodeFindingRecorded), "one finding per case")
	app, err := w.Svc.Application(bg, w.Enterprise, e.ApplicationID)
	require.NoError(t, err)
	require.Equal(t, "1000.00", app.Reclaimed.String())
	require.Equal(t, "3000.00", app.Paid.String())
	checkRedemptionReclaimed(t, w, e.RedemptionID)
	require.Equal(t, before.Consumed.Sub(cxq.Yuan(1000)).String(), w.Quota(2025).Consumed.String(), "clawed back once")
	require.Equal(t, pool.Consumed.Sub(cxq.Yuan(1000)).String(), w.pool(2025, policy.TotalPool).Consumed.String(),
		"and given back to the budget's pool once")
	checkClawbackTrail(t, w, app)

	checkFindingTold(t, w, e.ApplicationID)
	got, err := w.Svc.SpotCheck(bg, w.Office, c.ID)
	require.NoError(t, err)
	require.Equal(t, voucher.SpotClosed, got.State())
	require.Equal(t, voucher.CodeFindingRecorded, code(t, assign(w.SecondExp.ID)), "no reassignment after the finding")
	w.CheckInvariants()
}

// checkFindingTold: the enterprise sees the finding (not who made it) and was told of the
// clawback once; another enterprise sees nothing.
func checkFindingTold(t *testing.T, w *World, appID string) {
	fs, err := w.Svc.Findings(bg, w.Enterprise, appID)
	require.NoError(t, err)
	require.Len(t, fs, 1)
	require.Equal(t, "发票与合同服务内容不符", fs[0].Finding.Text)
	require.Empty(t, fs[0].Finding.By, "the enterprise is not told who inspected")
	_, err = w.Svc.Findings(bg, w.Other, appID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	require.NoError(t, w.Store.View(bg, func(tx voucher.Tx) error {
		ns, err := tx.Notices(bg, voucher.NoticeFilter{Subject: voucher.StreamOf(voucher.StreamApplication, appID)})
		require.NoError(t, err)
		var told []voucher.Notice
		for _, n := range ns {
			if n.Kind == voucher.NoticeSpotCheck {
				told = append(told, n)
			}
		}
		require.Len(t, told, 1)
		require.Equal(t, "clawback", told[0].Code)
		require.Contains(t, told[0].Text.ZH, "1000.00")
		return nil
	}))
}

// checkRedemptionReclaimed: the clawed-back redemption says what it lost, in its own
// trail too, and the statistics count what applications and redemptions kept alike.
func checkRedemptionReclaimed(t *testing.T, w *World, redID string) {
	r, err := w.Svc.Redemption(bg, w.Enterprise, redID)
	require.NoError(t, err)
	require.Equal(t, "1000.00", r.Reclaimed.String())
	trail, err := w.Svc.Audit(bg, w.Office, voucher.StreamRedemption, redID)
	require.NoError(t, err)
	require.Equal(t, "clawback", trail[len(trail)-1].Action)
	rep, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{})
	require.NoError(t, err)
	apps, _ := rep.Table(stats.Applications, stats.ByStatus)
	reds, _ := rep.Table(stats.Redemptions, stats.ByStatus)
	require.Equal(t, apps.Total.Redeemed.String(), reds.Total.Redeemed.String(), "paid and kept, counted either way")
}

// checkClawbackTrail: the application's last entry is the clawback, and its quota's
// stream holds one audited negative movement.
func checkClawbackTrail(t *testing.T, w *World, app voucher.Application) {
	trail, err := w.Svc.Audit(bg, w.Office, voucher.StreamApplication, app.ID)
	require.NoError(t, err)
	require.Equal(t, "clawback", trail[len(trail)-1].Action)
	require.NoError(t, w.Store.View(bg, func(tx voucher.Tx) error {
		q, err := tx.Audit(bg, voucher.StreamOf(voucher.StreamQuota, app.Quota.String()))
		require.NoError(t, err)
		reclaims := 0
		for _, en := range q {
			if en.Action == "quota.reclaim" {
				reclaims++
				require.Contains(t, en.Note, "amount=1000.00")
			}
		}
		require.Equal(t, 1, reclaims, "one audited negative movement on the quota")
		return nil
	}))
}
