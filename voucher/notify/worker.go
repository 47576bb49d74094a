package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// Config wires a [Worker]. Store, Notifier and Now are required.
type Config struct {
	Store    voucher.Store
	Notifier Notifier
	// Now is the clock: a notice goes out once its NextTry has come.
	Now func() time.Time
	// Backoff is how long to wait before the next attempt after the n-th failed one (n ≥
	// 1). Defaults to one minute doubled per failure, at most six hours.
	Backoff func(n int) time.Duration
	// Batch is the most notices one pass takes. Defaults to 100.
	Batch int
	// Logger receives failed deliveries. Defaults to discarding.
	Logger *slog.Logger
}

// Worker delivers the outbox: each pass takes the pending notices whose time has come,
// hands each to the Notifier and marks it sent, or after a failure schedules the next
// attempt with backoff. A notice is marked only after it was delivered, so a crash (or a
// failing store) between the two delivers it again on a later pass: at least once, and
// through the [Inbox] never twice. Workers in several processes may share a store; they
// may then deliver a notice more than once, never lose one.
type Worker struct {
	cfg Config
}

// DefaultBackoff is one minute doubled per failure, at most six hours.
func DefaultBackoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// New checks cfg and returns a Worker.
func New(cfg Config) (*Worker, error) {
	if cfg.Store == nil || cfg.Notifier == nil || cfg.Now == nil {
		return nil, fmt.Errorf("notify: Config needs Store, Notifier and Now: %w", cxq.ErrInvalid)
	}
	if cfg.Batch < 0 {
		return nil, fmt.Errorf("notify: Config.Batch is negative: %w", cxq.ErrInvalid)
	}
	if cfg.Batch == 0 {
		cfg.Batch = 100
	}
	if cfg.Backoff == nil {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Worker{cfg: cfg}, nil
}

// Report is what one pass did.
type Report struct {
	Sent   int // delivered and marked
	Failed int // not delivered: scheduled again
	// Unmarked counts notices delivered whose mark failed: they go out again.
	Unmarked int
}

// RunOnce makes one pass over the notices due now. It returns the first store error that
// stopped the pass; a Notifier's failure is counted, not returned.
func (w *Worker) RunOnce(ctx context.Context) (Report, error) {
	var rep Report
	now := w.now()
	var due []voucher.Notice
	err := w.cfg.Store.View(ctx, func(tx voucher.Tx) error {
		var err error
		due, err = tx.Notices(ctx, voucher.NoticeFilter{State: voucher.NoticePending, ReadyBy: now, Limit: w.cfg.Batch})
		return err
	})
	if err != nil {
		return rep, err
	}
	for _, n := range due {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if err := w.cfg.Notifier.Notify(ctx, n); err != nil {
			rep.Failed++
			w.cfg.Logger.WarnContext(ctx, "notify: delivery failed", "notice", n.ID, "kind", n.Kind, "attempt", n.Attempts+1, "err", err)
			if err := w.mark(ctx, n.ID, false); err != nil {
				return rep, err
			}
			continue
		}
		if err := w.mark(ctx, n.ID, true); err != nil {
			rep.Unmarked++
			w.cfg.Logger.WarnContext(ctx, "notify: delivered but not marked; it goes out again", "notice", n.ID, "err", err)
			continue
		}
		rep.Sent++
	}
	return rep, nil
}

// mark records an attempt on a notice still pending: sent, or failed with the next try
// after the backoff.
func (w *Worker) mark(ctx context.Context, id string, sent bool) error {
	now := w.now()
	return w.cfg.Store.Update(ctx, func(tx voucher.Tx) error {
		n, err := tx.Notice(ctx, id)
		if errors.Is(err, cxq.ErrNotFound) {
			return nil
		}
		if err != nil || n.State != voucher.NoticePending {
			return err
		}
		n.Attempts++
		if sent {
			n.State, n.Sent = voucher.NoticeSent, now
		} else {
			n.NextTry = now.Add(w.cfg.Backoff(n.Attempts)).UTC().Truncate(time.Microsecond)
		}
		return tx.UpdateNotice(ctx, n)
	})
}

// Run makes a pass every interval until ctx ends, and returns ctx's error. Store errors
// of a pass are logged and the next pass tries again.
func (w *Worker) Run(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		return fmt.Errorf("notify: Run needs a positive interval: %w", cxq.ErrInvalid)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.cfg.Logger.ErrorContext(ctx, "notify: pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

func (w *Worker) now() time.Time { return w.cfg.Now().UTC().Truncate(time.Microsecond) }
