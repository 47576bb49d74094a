package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

func testIdempotencyRecords(t *testing.T, st voucher.Store) {
	rec := voucher.Idempotency{Key: "k1", ActorID: "u1", Op: "SubmitApplication", Request: "abc", Result: []byte(`{"id":"A1"}`), At: t0}
	update(t, st, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, rec) })
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, rec) })
	require.ErrorIs(t, err, cxq.ErrConflict)
	other := rec
	other.ActorID = "u2"
	update(t, st, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, other) }) // keys are per actor
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		got, err := tx.Idempotency(ctx, "u1", "k1")
		require.NoError(t, err)
		require.Equal(t, rec.Request, got.Request)
		require.JSONEq(t, string(rec.Result), string(got.Result))
		_, err = tx.Idempotency(ctx, "u1", "k2")
		require.ErrorIs(t, err, cxq.ErrNotFound)
		return nil
	}))
	testRefusalRecords(t, st)
}

// testRefusalRecords: the record of a refused call binds its key to the call's op and
// input. The same call may replace it (with a result, or another refusal); another op
// or input may not, so a key never changes what it stands for.
func testRefusalRecords(t *testing.T, st voucher.Store) {
	refused := voucher.Idempotency{Key: "k3", ActorID: "u1", Op: "SubmitApplication", Request: "abc", At: t0}
	update(t, st, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, refused) })
	for _, other := range []voucher.Idempotency{
		{Key: "k3", ActorID: "u1", Op: "SubmitApplication", Request: "xyz", Result: []byte(`{"id":"A2"}`), At: t0},
		{Key: "k3", ActorID: "u1", Op: "WithdrawApplication", Request: "abc", At: t0},
	} {
		err := st.Update(ctx, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, other) })
		require.ErrorIs(t, err, cxq.ErrConflict, "%s %s may not replace the refusal of another call", other.Op, other.Request)
	}
	again := refused
	again.At = t0.Add(time.Minute)
	update(t, st, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, again) })
	done := refused
	done.Result = []byte(`{"id":"A1"}`)
	update(t, st, func(tx voucher.Tx) error { return tx.SaveIdempotency(ctx, done) })
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		got, err := tx.Idempotency(ctx, "u1", "k3")
		require.NoError(t, err)
		require.Equal(t, "abc", got.Request)
		require.JSONEq(t, `{"id":"A1"}`, string(got.Result))
		return nil
	}))
}
