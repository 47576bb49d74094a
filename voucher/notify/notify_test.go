package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/notify"
)

var (
	bg = context.Background()
	t0 = time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
)

func pending(id, to string, at time.Time) voucher.Notice {
	return voucher.Notice{ID: id, To: to, Kind: voucher.NoticeReminder, Subject: "application/A1",
		Text: cxq.T("【到期提醒】中文", "Reminder: English"), Created: t0, Due: at, NextTry: at, State: voucher.NoticePending}
}

type directory map[string]notify.Contact

func (d directory) Contact(_ context.Context, addr string) (notify.Contact, error) {
	c, ok := d[addr]
	if !ok {
		return c, cxq.ErrNotFound
	}
	return c, nil
}

// SMS and email send in the recipient's language and skip recipients without a contact.
func TestAdapters(t *testing.T) {
	t.Parallel()
	dir := directory{"org:E1": {Phone: "13812345678", Email: "zs@example.com"}, "person:r1": {Email: "r1@example.com", Lang: cxq.EN}}
	var sms, mails []string
	s := notify.SMS{Directory: dir, Send: func(_ context.Context, phone, text string) error {
		sms = append(sms, phone+" "+text)
		return nil
	}}
	e := notify.Email{Directory: dir, Send: func(_ context.Context, to, subject, body string) error {
		mails = append(mails, to+" "+subject+" "+body)
		return nil
	}}
	all := notify.All(s, e)
	for _, to := range []string{"org:E1", "person:r1", "org:E9"} {
		require.NoError(t, all.Notify(bg, pending("n-"+to, to, t0)))
	}
	require.Equal(t, []string{"13812345678 【到期提醒】中文"}, sms)
	require.Equal(t, []string{"zs@example.com 到期提醒 【到期提醒】中文", "r1@example.com Deadline reminder Reminder: English"}, mails)

	down := errors.New("gateway down")
	failing := notify.SMS{Directory: dir, Send: func(context.Context, string, string) error { return down }}
	err := notify.All(failing, e).Notify(bg, pending("n", "org:E1", t0))
	require.ErrorIs(t, err, down)
	require.Len(t, mails, 3, "every notifier is tried")
	require.ErrorIs(t, notify.SMS{}.Notify(bg, pending("n", "org:E1", t0)), cxq.ErrInvalid, "no directory")
}

func TestDefaultBackoff(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 20: 6 * time.Hour, 1000: 6 * time.Hour} {
		require.Equal(t, want, notify.DefaultBackoff(n), n)
	}
}

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	_, err := notify.New(notify.Config{Store: st, Now: time.Now})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	_, err = notify.New(notify.Config{Store: st, Notifier: notify.Inbox{Store: st}, Now: time.Now, Batch: -1})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	w, err := notify.New(notify.Config{Store: st, Notifier: notify.Inbox{Store: st}, Now: time.Now})
	require.NoError(t, err)
	require.ErrorIs(t, w.Run(bg, 0), cxq.ErrInvalid)
}

// The worker sends what is due, in batches, leaves what is not yet due or cancelled, and
// Run stops with its context.
func TestWorkerSendsWhatIsDue(t *testing.T) {
	t.Parallel()
	st := memstore.New()
	now := t0
	clock := func() time.Time { return now }
	cancelled := pending("n4", "org:E1", t0)
	cancelled.State = voucher.NoticeCancelled
	require.NoError(t, st.Update(bg, func(tx voucher.Tx) error {
		for _, n := range []voucher.Notice{pending("n1", "org:E1", t0), pending("n2", "org:E1", t0), pending("n3", "org:E1", t0.Add(time.Hour)), cancelled} {
			if err := tx.AppendNotice(bg, n); err != nil {
				return err
			}
		}
		return nil
	}))
	var got []string
	n := notify.NotifierFunc(func(_ context.Context, n voucher.Notice) error {
		got = append(got, n.ID)
		return nil
	})
	w, err := notify.New(notify.Config{Store: st, Notifier: n, Now: clock, Batch: 1})
	require.NoError(t, err)
	for range 3 {
		_, err := w.RunOnce(bg)
		require.NoError(t, err)
	}
	require.Equal(t, []string{"n1", "n2"}, got)
	now = t0.Add(time.Hour)
	ctx, cancel := context.WithCancel(bg)
	cancel()
	require.ErrorIs(t, w.Run(ctx, time.Millisecond), context.Canceled)
	_, err = w.RunOnce(bg)
	require.NoError(t, err)
	require.Equal(t, []string{"n1", "n2", "n3"}, got, "n4 was cancelled")
}
