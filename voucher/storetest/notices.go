package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/notify"
	"github.com/cxqkit/cxq/voucher/policy"
)

// RunNotices checks the outbox and the inboxes: the Store contract of notices and
// messages, the notices the Service writes through a lifecycle, delivery through a
// notify.Worker under a failing Notifier and a store failing on the mark, and a year of
// a programme simulated day by day (RunYear).
func RunNotices(t *testing.T, open Opener) {
	t.Run("OutboxContract", func(t *testing.T) {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		testOutbox(t, st)
	})
	t.Run("InboxContract", func(t *testing.T) {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		testInbox(t, st)
	})
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, *World)
	}{
		{"LifecycleNotices", testLifecycleNotices},
		{"DeliveryUnderFaults", testDeliveryFaults},
		{"Inbox", testServiceInbox},
		{"DeadlinesKeepReminders", testDeadlinesKeepReminders},
		{"ConcurrentWorkers", testConcurrentWorkers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { _ = st.Close() })
			tc.fn(t, NewWorld(t, st))
		})
	}
	t.Run("ProviderRedeemerHears", func(t *testing.T) {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		testProviderRedeemerHears(t, NewWorldFor(t, st, policy.Hebei()))
	})
	t.Run("ReminderDaysApply", func(t *testing.T) { testReminderDays(t, open) })
	t.Run("Year", func(t *testing.T) { RunYear(t, open) })
}

// testReminderDays: Config.ReminderDays decides when reminders go out; empty, none do.
func testReminderDays(t *testing.T, open Opener) {
	for _, days := range [][]int{{14, 2}, {}} {
		st := open(t)
		t.Cleanup(func() { _ = st.Close() })
		w := NewWorldConfigured(t, st, WorldPolicy(), func(c *voucher.Config) { c.ReminderDays = days })
		app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
		ds, err := w.Svc.Deadlines(bg, w.Enterprise, app.ID)
		require.NoError(t, err)
		var got []string
		for _, n := range w.outbox() {
			if n.Kind == voucher.NoticeReminder {
				require.Equal(t, ds[0].At.Add(-time.Duration(n.Days)*24*time.Hour).UTC(), n.Due.UTC())
				got = append(got, fmt.Sprintf("%s %d", n.Code, n.Days))
			}
		}
		slices.Sort(got)
		var want []string
		for _, d := range days {
			want = append(want, fmt.Sprintf("%s %d", ds[0].Code, d))
		}
		slices.Sort(want)
		require.Equal(t, want, got, "%v", days)
	}
}

// testProviderRedeemerHears: under provider redemption (hebei) the provider, who fills
// in the redemption, is told of it and reminded of its deadline beside the enterprise.
func testProviderRedeemerHears(t *testing.T, w *World) {
	require.Equal(t, w.Provider, w.Redeemer)
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	subject := voucher.StreamOf(voucher.StreamRedemption, r.ID)
	reminded := map[string]int{}
	for _, n := range w.outbox() {
		if n.Subject == subject && n.Kind == voucher.NoticeReminder && n.State == voucher.NoticePending {
			require.Equal(t, voucher.DeadlineRedeem, n.Code)
			reminded[n.To]++
		}
	}
	days := len(voucher.DefaultReminderDays)
	require.Equal(t, map[string]int{voucher.OrgAddress("E1"): days, voucher.OrgAddress("V1"): days}, reminded)
	w.submitRedemption(r)
	ns := w.outbox()
	require.Equal(t, []string{voucher.DistrictAddress("河西区") + " assigned", voucher.OrgAddress("E1") + " status",
		voucher.OrgAddress("V1") + " status"}, noticesOf(ns, subject))
	for _, n := range ns {
		if n.Subject == subject && n.Kind == voucher.NoticeReminder {
			require.Equal(t, voucher.NoticeCancelled, n.State, "submitted before its deadline")
		}
		if n.To == voucher.OrgAddress("V1") {
			require.NotContains(t, n.Text.ZH+n.Text.EN, "E1", "the provider is not told the enterprise's ID")
		}
	}
	w.CheckInvariants()
}

func notice(id, subject string, next time.Time) voucher.Notice {
	return voucher.Notice{ID: id, To: voucher.OrgAddress("E1"), Kind: voucher.NoticeStatus, Subject: subject,
		Text: cxq.T("状态变更", "status changed"), Created: t0, Due: next, NextTry: next, State: voucher.NoticePending}
}

func testOutbox(t *testing.T, st voucher.Store) {
	n1, n2, n3 := notice("n1", "application/A1", t0.Add(2*time.Hour)), notice("n2", "application/A1", t0), notice("n3", "application/A2", t0.Add(time.Hour))
	update(t, st, func(tx voucher.Tx) error {
		for _, n := range []voucher.Notice{n1, n2, n3} {
			require.NoError(t, tx.AppendNotice(ctx, n))
		}
		return nil
	})
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.AppendNotice(ctx, n1) })
	require.ErrorIs(t, err, cxq.ErrConflict, "one notice per ID")
	err = st.Update(ctx, func(tx voucher.Tx) error { return tx.UpdateNotice(ctx, notice("n9", "x", t0)) })
	require.ErrorIs(t, err, cxq.ErrNotFound)
	err = st.Update(ctx, func(tx voucher.Tx) error {
		require.NoError(t, tx.AppendNotice(ctx, notice("n4", "x", t0)))
		return errors.New("roll back")
	})
	require.Error(t, err)

	n2.State, n2.Sent, n2.Attempts = voucher.NoticeSent, t0.Add(time.Minute), 1
	update(t, st, func(tx voucher.Tx) error { return tx.UpdateNotice(ctx, n2) })
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		got, err := tx.Notice(ctx, "n2")
		require.NoError(t, err)
		require.Equal(t, n2, got)
		_, err = tx.Notice(ctx, "n4")
		require.ErrorIs(t, err, cxq.ErrNotFound, "rolled back")
		all, err := tx.Notices(ctx, voucher.NoticeFilter{})
		require.NoError(t, err)
		require.Equal(t, []voucher.Notice{n2, n3, n1}, all, "by NextTry")
		pending, err := tx.Notices(ctx, voucher.NoticeFilter{State: voucher.NoticePending, ReadyBy: t0.Add(time.Hour)})
		require.NoError(t, err)
		require.Equal(t, []voucher.Notice{n3}, pending)
		of, err := tx.Notices(ctx, voucher.NoticeFilter{Subject: "application/A1", Limit: 1})
		require.NoError(t, err)
		require.Equal(t, []voucher.Notice{n2}, of)
		return nil
	}))
}

func testInbox(t *testing.T, st voucher.Store) {
	e1, e2, p := voucher.OrgAddress("E1"), voucher.OrgAddress("E2"), voucher.PersonAddress("u-e1")
	msg := func(id, to string, at time.Time) voucher.Message {
		return voucher.Message{ID: id, To: to, Kind: voucher.NoticeStatus, Subject: "application/A1", Text: cxq.T("消息"+id, "message "+id), At: at}
	}
	m1, m2, m3, m4 := msg("m1", e1, t0), msg("m2", p, t0.Add(time.Hour)), msg("m3", e1, t0.Add(2*time.Hour)), msg("m4", e2, t0)
	update(t, st, func(tx voucher.Tx) error {
		for _, m := range []voucher.Message{m1, m2, m3, m4} {
			added, err := tx.DeliverMessage(ctx, m)
			require.NoError(t, err)
			require.True(t, added)
		}
		again := m1
		again.Text = cxq.T("另一条", "another")
		added, err := tx.DeliverMessage(ctx, again)
		require.NoError(t, err)
		require.False(t, added, "a notice delivered twice shows once")
		return nil
	})
	mine := []string{p, e1}
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		got, total, err := tx.Messages(ctx, voucher.MessageFilter{To: mine})
		require.NoError(t, err)
		require.Equal(t, 3, total)
		require.Equal(t, []voucher.Message{m3, m2, m1}, got, "newest first; the first delivery kept")
		got, total, err = tx.Messages(ctx, voucher.MessageFilter{To: mine, Offset: 1, Limit: 1})
		require.NoError(t, err)
		require.Equal(t, 3, total)
		require.Equal(t, []voucher.Message{m2}, got)
		n, err := tx.UnreadMessages(ctx, mine)
		require.NoError(t, err)
		require.Equal(t, 3, n)
		return nil
	}))
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.ReadMessage(ctx, mine, "m4", t0) })
	require.ErrorIs(t, err, cxq.ErrNotFound, "another inbox's message")
	read := t0.Add(3 * time.Hour)
	update(t, st, func(tx voucher.Tx) error { return tx.ReadMessage(ctx, mine, "m1", read) })
	update(t, st, func(tx voucher.Tx) error { return tx.ReadMessage(ctx, mine, "m1", read.Add(time.Hour)) })
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		n, err := tx.UnreadMessages(ctx, mine)
		require.NoError(t, err)
		require.Equal(t, 2, n)
		got, total, err := tx.Messages(ctx, voucher.MessageFilter{To: mine, Unread: true})
		require.NoError(t, err)
		require.Equal(t, 2, total)
		require.Equal(t, []voucher.Message{m3, m2}, got)
		got, _, err = tx.Messages(ctx, voucher.MessageFilter{To: []string{e1}})
		require.NoError(t, err)
		require.Equal(t, read, got[1].Read, "the first reading is kept")
		return nil
	}))
}

// outbox returns every notice of the World's store.
func (w *World) outbox() []voucher.Notice {
	w.T.Helper()
	var out []voucher.Notice
	require.NoError(w.T, w.Store.View(bg, func(tx voucher.Tx) (err error) {
		out, err = tx.Notices(bg, voucher.NoticeFilter{})
		return err
	}))
	return out
}

// noticesOf returns the notices about subject but reminders, as "to kind" lines in the
// order they were written (then by address).
func noticesOf(ns []voucher.Notice, subject string) []string {
	var of []voucher.Notice
	for _, n := range ns {
		if n.Subject == subject && n.Kind != voucher.NoticeReminder {
			of = append(of, n)
		}
	}
	slices.SortFunc(of, func(a, b voucher.Notice) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.To, b.To)
	})
	out := make([]string, len(of))
	for i, n := range of {
		out[i] = n.To + " " + string(n.Kind)
	}
	return out
}

// testLifecycleNotices: every status change tells the enterprise, a return carries the
// opinion, an approval the amount and a payout the actual amount; an assigned reviewer
// hears of the record awaiting them; no text names another party.
func testLifecycleNotices(t *testing.T, w *World) {
	app := w.Submitted(w.Enterprise, "9099.00")
	_, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Return, Opinion: "请补充营业执照"})
	require.NoError(t, err)
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: app.ID})
	require.NoError(t, err)
	w.Approve(app.ID)
	r := w.Redeem(app.ID, "9099.00", "4000.00")
	ns := w.outbox()
	org, pro, exp := voucher.OrgAddress("E1"), voucher.PersonAddress(w.Professional.ID), voucher.PersonAddress(w.Expert.ID)
	dist := voucher.DistrictAddress("河西区")
	require.Equal(t, []string{dist + " assigned", org + " status", org + " returned", dist + " assigned", org + " status",
		org + " status", pro + " assigned", org + " approved"}, noticesOf(ns, voucher.StreamOf(voucher.StreamApplication, app.ID)))
	require.Equal(t, []string{dist + " assigned", org + " status", org + " status", pro + " assigned",
		org + " status", exp + " assigned", org + " paid"}, noticesOf(ns, voucher.StreamOf(voucher.StreamRedemption, r.ID)))
	for _, n := range ns {
		require.True(t, n.State == voucher.NoticePending || n.Kind == voucher.NoticeReminder && n.State == voucher.NoticeCancelled,
			"%s: only a reminder whose reason went away is cancelled", n.ID)
		require.NotEmpty(t, n.Text.ZH)
		require.NotEmpty(t, n.Text.EN)
		if n.To == org {
			for _, other := range []string{w.District.ID, w.Professional.ID, w.Expert.ID, w.Office.ID, "u-e1"} {
				require.NotContains(t, n.Text.ZH+n.Text.EN, other, "%s names another party", n.ID)
			}
		} else {
			require.NotContains(t, n.Text.ZH+n.Text.EN, "E1", "%s names the enterprise", n.ID)
		}
		switch n.Kind {
		case voucher.NoticeReturned:
			require.Contains(t, n.Text.ZH, "请补充营业执照")
		case voucher.NoticeApproved:
			require.Contains(t, n.Text.ZH, "4549.50")
		case voucher.NoticePaid:
			require.Contains(t, n.Text.ZH, "4000.00")
		}
	}
	w.CheckInvariants()
}

// testDeliveryFaults: a failing Notifier delivers nothing and is retried after the
// backoff; a store failing between the delivery and its mark makes the worker deliver
// again, and the inbox still shows each notice once.
func testDeliveryFaults(t *testing.T, w *World) {
	now := w.Clock.Now()
	require.NoError(t, w.Store.Update(bg, func(tx voucher.Tx) error { return tx.AppendNotice(bg, notice("n1", "application/A1", now)) }))
	f := &Faulty{Store: w.Store}
	failing := true
	calls := 0
	inbox := notify.Inbox{Store: w.Store, Now: w.Clock.Now}
	n := notify.NotifierFunc(func(ctx context.Context, n voucher.Notice) error {
		calls++
		if failing {
			return errors.New("gateway down")
		}
		return inbox.Notify(ctx, n)
	})
	wk, err := notify.New(notify.Config{Store: f, Notifier: n, Now: w.Clock.Now, Backoff: func(int) time.Duration { return time.Hour }})
	require.NoError(t, err)
	rep, err := wk.RunOnce(bg)
	require.NoError(t, err)
	require.Equal(t, notify.Report{Failed: 1}, rep)
	rep, err = wk.RunOnce(bg)
	require.NoError(t, err)
	require.Equal(t, notify.Report{}, rep, "not before the backoff")
	w.Clock.Set(w.Clock.Now().Add(time.Hour))
	failing = false
	f.Inject(MarkFails)
	rep, err = wk.RunOnce(bg)
	require.NoError(t, err)
	require.Equal(t, notify.Report{Unmarked: 1}, rep, "delivered, the mark failed")
	rep, err = wk.RunOnce(bg)
	require.NoError(t, err)
	require.Equal(t, notify.Report{Sent: 1}, rep, "delivered again")
	require.Equal(t, 3, calls)
	inboxOf := w.inbox(w.Enterprise)
	require.Len(t, inboxOf.Items, 1, "shown once")
	ns := w.outbox()
	require.Equal(t, voucher.NoticeSent, ns[0].State)
	require.Equal(t, 2, ns[0].Attempts, "the failure and the marked delivery; the unmarked one left no trace")
	rep, err = wk.RunOnce(bg)
	require.NoError(t, err)
	require.Equal(t, notify.Report{}, rep)
}

func (w *World) inbox(a voucher.Actor) voucher.Inbox {
	w.T.Helper()
	in, err := w.Svc.Messages(bg, a, voucher.MessageQuery{PerPage: 100})
	require.NoError(w.T, err)
	return in
}

// testServiceInbox: each actor sees their inboxes only, with unread counts, and marks
// their own messages read.
func testServiceInbox(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	wk, err := notify.New(notify.Config{Store: w.Store, Notifier: notify.Inbox{Store: w.Store, Now: w.Clock.Now}, Now: w.Clock.Now})
	require.NoError(t, err)
	_, err = wk.RunOnce(bg)
	require.NoError(t, err)
	mine := w.inbox(w.Enterprise)
	require.Equal(t, 3, mine.Total) // submitted, passed the district, approved
	require.Equal(t, 3, mine.Unread)
	require.Equal(t, voucher.NoticeApproved, mine.Items[0].Kind)
	require.Equal(t, voucher.StreamOf(voucher.StreamApplication, app.ID), mine.Items[0].Subject)
	require.Equal(t, 1, w.inbox(w.Professional).Total)
	require.Equal(t, 1, w.inbox(w.District).Total, "the district's reviewers share its inbox")
	require.Zero(t, w.inbox(w.OtherDistrict).Total)
	require.Zero(t, w.inbox(w.Other).Total)
	require.Zero(t, w.inbox(w.Office).Total)

	err = w.Svc.ReadMessage(bg, w.Other, voucher.ReadMessageParams{Key: w.Key(), ID: mine.Items[0].ID})
	require.ErrorIs(t, err, cxq.ErrNotFound, "another enterprise's message")
	err = w.Svc.ReadMessage(bg, w.Enterprise, voucher.ReadMessageParams{Key: w.Key(), ID: mine.Items[0].ID})
	require.NoError(t, err)
	n, err := w.Svc.UnreadMessages(bg, w.Enterprise)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.False(t, w.inbox(w.Enterprise).Items[0].Unread())
}

// testDeadlinesKeepReminders: ApplyDeadlines brings the reminders of every voucher it
// leaves in force up to date, so a voucher whose reminders are missing gets them back.
func testDeadlinesKeepReminders(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	subject := voucher.StreamOf(voucher.StreamApplication, app.ID)
	reminders := func(state voucher.NoticeState) int {
		n := 0
		for _, x := range w.outbox() {
			if x.Subject == subject && x.Kind == voucher.NoticeReminder && x.State == state {
				n++
			}
		}
		return n
	}
	require.Equal(t, len(voucher.DefaultReminderDays), reminders(voucher.NoticePending))
	require.NoError(t, w.Store.Update(bg, func(tx voucher.Tx) error {
		ns, err := tx.Notices(bg, voucher.NoticeFilter{Subject: subject})
		for _, n := range ns {
			if n.Kind != voucher.NoticeReminder {
				continue
			}
			n.State = voucher.NoticeCancelled
			if err := tx.UpdateNotice(bg, n); err != nil {
				return err
			}
		}
		return err
	}))
	require.Zero(t, reminders(voucher.NoticePending))
	rep, err := w.Svc.ApplyDeadlines(bg, w.Office, w.Clock.Now())
	require.NoError(t, err)
	require.Empty(t, rep.Expired)
	require.Equal(t, len(voucher.DefaultReminderDays), reminders(voucher.NoticePending))
}

// testConcurrentWorkers: workers racing over one outbox deliver every notice, and the
// inbox shows each once however many of them delivered it.
func testConcurrentWorkers(t *testing.T, w *World) {
	const notices, workers = 40, 4
	now := w.Clock.Now()
	require.NoError(t, w.Store.Update(bg, func(tx voucher.Tx) error {
		for i := range notices {
			if err := tx.AppendNotice(bg, notice(fmt.Sprintf("n%02d", i), "application/A1", now)); err != nil {
				return err
			}
		}
		return nil
	}))
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wk, err := notify.New(notify.Config{Store: w.Store, Notifier: notify.Inbox{Store: w.Store, Now: w.Clock.Now},
			Now: w.Clock.Now, Batch: 7})
		require.NoError(t, err)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range notices {
				if _, err := wk.RunOnce(bg); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for _, n := range w.outbox() {
		require.Equal(t, voucher.NoticeSent, n.State, n.ID)
	}
	require.Equal(t, notices, w.inbox(w.Enterprise).Total, "each notice shown once")
}
