package voucher_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// TestRunDeadlinesExpiresOnItsOwn: run beside a live programme, RunDeadlines applies the
// deadlines on the service's clock without anyone asking, and stops with its context.
func TestRunDeadlinesExpiresOnItsOwn(t *testing.T) {
	w := storetest.NewWorld(t, memstore.New())
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	ds, err := w.Svc.Deadlines(t.Context(), w.Enterprise, app.ID)
	require.NoError(t, err)
	require.NotEmpty(t, ds)
	w.Clock.Set(ds[0].At.Add(time.Hour))

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Svc.RunDeadlines(ctx, w.Office, 10*time.Millisecond) }()
	require.Eventually(t, func() bool {
		got, err := w.Svc.Application(t.Context(), w.Enterprise, app.ID)
		return err == nil && got.Standing() == voucher.StandingExpired
	}, 10*time.Second, 5*time.Millisecond, "the voucher expires with no call from outside")
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)

	require.ErrorIs(t, w.Svc.RunDeadlines(t.Context(), w.Office, 0), cxq.ErrInvalid)
	require.ErrorIs(t, w.Svc.RunDeadlines(t.Context(), w.Enterprise, time.Second), cxq.ErrInvalid, "only the office runs them")
}

// writeCounter counts the Store's write transactions.
type writeCounter struct {
	voucher.Store
	updates int
}

func (c *writeCounter) Update(ctx context.Context, fn func(voucher.Tx) error) error {
	c.updates++
	return c.Store.Update(ctx, fn)
}

// TestApplyDeadlinesWritesOnlyWhatItChanges: a run that changes nothing (the reminders
// already in the outbox, no deadline passed) takes no write transaction, however many
// vouchers it checks; a voucher past its deadline takes one.
func TestApplyDeadlinesWritesOnlyWhatItChanges(t *testing.T) {
	st := &writeCounter{Store: memstore.New()}
	w := storetest.NewWorld(t, st)
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	_, err := w.Svc.ApplyDeadlines(t.Context(), w.Office, w.Clock.Now())
	require.NoError(t, err)

	st.updates = 0
	rep, err := w.Svc.ApplyDeadlines(t.Context(), w.Office, w.Clock.Now())
	require.NoError(t, err)
	require.Equal(t, 1, rep.Checked)
	require.Empty(t, rep.Expired)
	require.Zero(t, st.updates, "nothing to change, nothing written")

	ds, err := w.Svc.Deadlines(t.Context(), w.Enterprise, app.ID)
	require.NoError(t, err)
	require.NotEmpty(t, ds)
	w.Clock.Set(ds[0].At.Add(time.Hour))
	rep, err = w.Svc.ApplyDeadlines(t.Context(), w.Office, w.Clock.Now())
	require.NoError(t, err)
	require.Len(t, rep.Expired, 1)
	require.Equal(t, 1, st.updates)
}
