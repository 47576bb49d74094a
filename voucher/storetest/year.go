package storetest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/notify"
	"github.com/cxqkit/cxq/voucher/policy"
)

// YearPolicy is the policy of the year's simulation: WorldPolicy with every usage
// deadline — first use within 3 months, validity 6 months, redemption within 2 months
// of the contract's filing — and split use, so a voucher can be partly used.
func YearPolicy() policy.Policy {
	p := WorldPolicy()
	p.SplitUse = true
	p.Usage = policy.UsageRules{FirstUseMonths: 3, FirstUseBan: policy.NextYear, ValidMonths: 6, UnusedBan: policy.NextYear, RedeemMonths: 2}
	return p
}

// day is the China date of t.
func day(t time.Time) string { return policy.ChinaTime(t).Format("2006-01-02") }

// RunYear simulates a year of a programme day by day on a settable clock. On day 0 two
// vouchers are issued: A1 is never used; A2 is redeemed in part, on a contract first
// recorded as filed on day 0 and then, on day 15, as filed on day 20 (the redemption
// deadline moves), submitted on day 55 and paid on day 60. Every day at 20:00 the
// office applies the deadlines and a notify.Worker delivers what is due. The reminders
// sent (30, 7 and 1 days before each deadline) and the expiries must be exactly those
// the policy implies: A1's first-use reminders and its expiry at first use; A2's
// reminders before the moved redemption deadline up to its submission (the ones of the
// first filing date cancelled), none before its first-use deadline (it was used), its
// validity reminders and its expiry at the end of validity with the unused rest.
// Batch application windows do not exist in the programme yet, so they have no
// reminders.
func RunYear(t *testing.T, open Opener) {
	st := open(t)
	t.Cleanup(func() { _ = st.Close() })
	p := YearPolicy()
	w := NewWorldFor(t, st, p)
	wk, err := notify.New(notify.Config{Store: st, Notifier: notify.Inbox{Store: st, Now: w.Clock.Now}, Now: w.Clock.Now})
	require.NoError(t, err)
	start := Start.Truncate(24 * time.Hour)
	at := func(d, hour int) time.Time { return start.AddDate(0, 0, d).Add(time.Duration(hour) * time.Hour) }

	w.Clock.Set(at(0, 1))
	a1 := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	a2 := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	var r voucher.Redemption
	sent := map[string]string{} // notice ID → day sent
	var expiries []string
	actions := map[int]func(){
		10: func() { r = w.Prepared(a2.ID, "9099.00") }, // contract filed on Start
		15: func() { r = w.refile(r, at(20, 2)) },
		55: func() { r = w.submitRedemption(r) },
		60: func() { w.payRedemption(r, "2000.00") },
	}
	for d := 0; d <= 366; d++ {
		if act, ok := actions[d]; ok {
			w.Clock.Set(at(d, 3))
			act()
		}
		w.Clock.Set(at(d, 12))
		rep, err := w.Svc.ApplyDeadlines(bg, w.Office, w.Clock.Now())
		require.NoError(t, err)
		for _, e := range rep.Expired {
			expiries = append(expiries, fmt.Sprintf("%s %s %s", day(w.Clock.Now()), e.ApplicationID, e.Reasons[0].Code))
		}
		_, err = wk.RunOnce(bg)
		require.NoError(t, err)
		for _, n := range w.outbox() {
			if _, seen := sent[n.ID]; !seen && n.State == voucher.NoticeSent {
				sent[n.ID] = day(n.Sent)
				require.Equal(t, day(n.NextTry), day(n.Sent), "%s went out on its day", n.ID)
			}
		}
	}
	wantRem, wantExp := yearExpected(p, a1, a2, r.ID, at)
	var gotRem []string
	for _, n := range w.outbox() {
		if n.Kind == voucher.NoticeReminder && n.State == voucher.NoticeSent {
			gotRem = append(gotRem, fmt.Sprintf("%s %s %s %d", sent[n.ID], n.Subject, n.Code, n.Days))
		}
		require.NotEqual(t, voucher.NoticePending, n.State, "%s never went out", n.ID)
	}
	slices.Sort(gotRem)
	require.Equal(t, wantRem, gotRem)
	require.Equal(t, wantExp, expiries)
	expired := 0
	for _, m := range w.inbox(w.Enterprise).Items {
		if m.Kind == voucher.NoticeExpired {
			expired++
			require.True(t, strings.HasSuffix(m.Text.ZH, "。"), "a sentence, not a list left open: %s", m.Text.ZH)
			require.NotContains(t, m.Text.ZH, "；。")
		}
	}
	require.Equal(t, 2, expired, "each expiry told once")
	w.CheckInvariants()
}

// yearExpected derives from the policy the reminders ("day subject code days", sorted)
// and the expiries ("day application reason") RunYear must see.
func yearExpected(p policy.Policy, a1, a2 voucher.Application, redemption string, at func(d, hour int) time.Time) ([]string, []string) {
	var rem []string
	add := func(subject, code string, deadline time.Time, until time.Time) {
		for _, days := range voucher.DefaultReminderDays {
			due := deadline.Add(-time.Duration(days) * 24 * time.Hour)
			if due.Before(until) {
				rem = append(rem, day(due)+" "+subject+" "+code+" "+strconv.Itoa(days))
			}
		}
	}
	never := at(1000, 0)
	i1, _ := a1.Approved()
	d1 := p.UsageDeadlines(i1)
	add(voucher.StreamOf(voucher.StreamApplication, a1.ID), policy.CodeFirstUseMissed, d1[0].At, never)
	i2, _ := a2.Approved()
	d2 := p.UsageDeadlines(i2)
	s2 := voucher.StreamOf(voucher.StreamApplication, a2.ID)
	add(s2, policy.CodeFirstUseMissed, d2[0].At, at(60, 3)) // used on day 60
	add(s2, policy.CodeUnusedExpired, d2[1].At, never)
	redeemBy, _ := p.RedemptionDeadline(at(20, 2))
	add(voucher.StreamOf(voucher.StreamRedemption, redemption), voucher.DeadlineRedeem, redeemBy, at(55, 3)) // submitted on day 55
	slices.Sort(rem)
	firstUse, validity := d1[0].At, d2[1].At
	return rem, []string{
		day(firstUse) + " " + a1.ID + " " + policy.CodeFirstUseMissed,
		day(validity) + " " + a2.ID + " " + policy.CodeUnusedExpired,
	}
}

// refile replaces the redemption's contract by the same one filed at filed.
func (w *World) refile(r voucher.Redemption, filed time.Time) voucher.Redemption {
	w.T.Helper()
	c := r.Form.Contracts[0]
	r, err := w.Svc.RemoveContract(bg, w.Redeemer, voucher.RemoveContractParams{Key: w.Key(), ID: r.ID, Version: r.Version, Index: 0})
	require.NoError(w.T, err)
	c.Filed = filed
	r, err = w.Svc.AddContract(bg, w.Redeemer, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Version: r.Version, Contract: c})
	require.NoError(w.T, err)
	return r
}

func (w *World) submitRedemption(r voucher.Redemption) voucher.Redemption {
	w.T.Helper()
	r, err := w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.NoError(w.T, err)
	return r
}

// payRedemption takes a submitted redemption through its review to 评审通过.
func (w *World) payRedemption(r voucher.Redemption, actual string) {
	w.T.Helper()
	_, err := w.Svc.ReviewRedemption(bg, w.District, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
	require.NoError(w.T, err)
	for stage, who := range map[voucher.State]voucher.Actor{review.FormalReview: w.Professional, review.ExpertReview: w.Expert} {
		_, err = w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: r.ID, Stage: stage, Reviewer: who.ID})
		require.NoError(w.T, err)
	}
	_, err = w.Svc.ReviewRedemption(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
	require.NoError(w.T, err)
	_, err = w.Svc.ReviewRedemption(bg, w.Expert, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve,
		Fields: map[string]string{review.FieldActualAmount: cxq.MustMoney(actual).String()}})
	require.NoError(w.T, err)
}
