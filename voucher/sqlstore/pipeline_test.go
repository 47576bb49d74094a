package sqlstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// tracer counts what a pgx connection sends: single statements and batches, with the
// statements of each batch, and every round trip in order (a statement alone or a
// batch's statements).
type tracer struct {
	mu      sync.Mutex
	single  []string
	batches [][]string
	trips   [][]string
}

func (tr *tracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.single = append(tr.single, d.SQL)
	tr.trips = append(tr.trips, []string{d.SQL})
	return ctx
}

func (tr *tracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (tr *tracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.batches = append(tr.batches, nil)
	tr.trips = append(tr.trips, nil)
	return ctx
}

func (tr *tracer) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.batches[len(tr.batches)-1] = append(tr.batches[len(tr.batches)-1], d.SQL)
	tr.trips[len(tr.trips)-1] = append(tr.trips[len(tr.trips)-1], d.SQL)
}

func (tr *tracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (tr *tracer) reset() {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.single, tr.batches, tr.trips = nil, nil, nil
}

// openTraced opens a PostgreSQL store whose connections report to a tracer.
func openTraced(t *testing.T) (*sqlstore.Store, *tracer) {
	t.Helper()
	cfg, err := pgx.ParseConfig(pgtest.SchemaURL(t))
	require.NoError(t, err)
	tr := &tracer{}
	cfg.Tracer = tr
	db := stdlib.OpenDB(*cfg)
	st, err := sqlstore.New(context.Background(), db, sqlstore.Postgres, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return st, tr
}

func outboxNotice(id string) voucher.Notice {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	return voucher.Notice{ID: id, To: voucher.OrgAddress("E1"), Kind: voucher.NoticeStatus, Subject: "application/A1",
		Text: cxq.T("已提交", "submitted"), Created: t0, NextTry: t0, State: voucher.NoticePending}
}

// TestPipelineSendsWritesTogether: the writes a transaction does not read travel with its
// next statement (which sees them) or before its commit, in one batch.
func TestPipelineSendsWritesTogether(t *testing.T) {
	st, tr := openTraced(t)
	ctx := context.Background()
	tr.reset()
	require.NoError(t, st.Update(ctx, func(tx voucher.Tx) error {
		for _, id := range []string{"n1", "n2", "n3"} {
			if err := tx.AppendNotice(ctx, outboxNotice(id)); err != nil {
				return err
			}
		}
		ns, err := tx.Notices(ctx, voucher.NoticeFilter{Subject: "application/A1"})
		require.NoError(t, err)
		require.Len(t, ns, 3, "a read sees the writes held before it")
		return tx.SaveIdempotency(ctx, voucher.Idempotency{Key: "k", ActorID: "u", Op: "op", Request: "r", Result: []byte(`{}`)})
	}))
	require.Len(t, tr.batches, 2, "BEGIN, the notices and the read in one round trip; the idempotency record in another")
	require.Len(t, tr.batches[0], 5)
	require.Equal(t, "BEGIN", tr.batches[0][0])
	require.Contains(t, tr.batches[0][4], "SELECT")
	require.Len(t, tr.batches[1], 1)
	require.Equal(t, []string{"COMMIT"}, tr.single, "no statement went alone but the commit")
}

// TestPipelineFailureFailsUpdate: a held write that fails fails the whole transaction,
// even when fn carries on, and nothing of it stays; fn's own error comes back as it is,
// with the writes it held dropped.
func TestPipelineFailureFailsUpdate(t *testing.T) {
	st, _ := openTraced(t)
	ctx := context.Background()
	require.NoError(t, st.Update(ctx, func(tx voucher.Tx) error { return tx.AppendNotice(ctx, outboxNotice("n1")) }))

	err := st.Update(ctx, func(tx voucher.Tx) error {
		_ = tx.AppendNotice(ctx, outboxNotice("n1")) // held: its failure shows later
		_ = tx.AppendNotice(ctx, outboxNotice("n2"))
		_, _ = tx.Notices(ctx, voucher.NoticeFilter{})
		return nil
	})
	require.ErrorIs(t, err, cxq.ErrConflict, "a notice ID twice")

	err = st.Update(ctx, func(tx voucher.Tx) error {
		_ = tx.UpdateNotice(ctx, outboxNotice("n9")) // no such notice
		return tx.AppendNotice(ctx, outboxNotice("n3"))
	})
	require.ErrorIs(t, err, cxq.ErrNotFound, "a held write's check fails the commit")

	boom := errors.New("boom")
	err = st.Update(ctx, func(tx voucher.Tx) error {
		_ = tx.AppendNotice(ctx, outboxNotice("n1"))
		return boom
	})
	require.ErrorIs(t, err, boom)
	require.NotErrorIs(t, err, cxq.ErrConflict)

	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		ns, err := tx.Notices(ctx, voucher.NoticeFilter{})
		require.NoError(t, err)
		require.Len(t, ns, 1, "only the first notice was ever committed")
		require.Equal(t, "n1", ns[0].ID)
		return nil
	}))
}
