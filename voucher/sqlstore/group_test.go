package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// TestGroupCommitIsolatesFailures queues Updates behind the write lock so that they run
// as one group, and checks that each one's outcome is its own: the writes of a function
// that fails, breaks a uniqueness rule or whose context ends are gone; the rest commit.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	save := func(tx voucher.Tx, key string) error {
		return tx.SaveIdempotency(ctx, voucher.Idempotency{ActorID: "u", Key: key, Op: "op", Result: []byte(`{}`), At: at})
	}
	boom := errors.New("boom")
	cancelled, cancel := context.WithCancel(ctx)
	defer cancel()
	const n = 12
	want := map[int]error{}
	fns := make([]func(voucher.Tx) error, n)
	ctxs := make([]context.Context, n)
	for i := range n {
		key := fmt.Sprintf("k%d", i)
		ctxs[i] = ctx
		switch i % 4 {
		case 0: // commits
			fns[i] = func(tx voucher.Tx) error { return save(tx, key) }
		case 1: // writes, then fails
			fns[i] = func(tx voucher.Tx) error {
				require.NoError(t, save(tx, key))
				return boom
			}
			want[i] = boom
		case 2: // writes, then breaks the key rule of the member before it in the group
			prev := fmt.Sprintf("k%d", i-2)
			fns[i] = func(tx voucher.Tx) error {
				require.NoError(t, save(tx, key))
				return save(tx, prev)
			}
			want[i] = cxq.ErrConflict
		case 3: // writes while its context ends
			ctxs[i] = cancelled
			fns[i] = func(tx voucher.Tx) error {
				cancel()
				return save(tx, key)
			}
			want[i] = context.Canceled
		}
	}
	st.writeMu.Lock()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = st.Update(ctxs[i], fns[i]) }()
		require.Eventually(t, func() bool { // queue them in order
			st.group.mu.Lock()
			defer st.group.mu.Unlock()
			return len(st.group.pending) == i+1
		}, 5*time.Second, time.Millisecond)
	}
	st.writeMu.Unlock()
	wg.Wait()
	for i := range n {
		_, err := viewIdem(t, st, fmt.Sprintf("k%d", i))
		if w := want[i]; w != nil {
			require.ErrorIs(t, errs[i], w, "update %d", i)
			require.ErrorIs(t, err, cxq.ErrNotFound, "update %d left a write", i)
		} else {
			require.NoError(t, errs[i], "update %d", i)
			require.NoError(t, err, "update %d", i)
		}
	}
}

func viewIdem(t *testing.T, st *Store, key string) (voucher.Idempotency, error) {
	t.Helper()
	var rec voucher.Idempotency
	err := st.View(context.Background(), func(tx voucher.Tx) (e error) { rec, e = tx.Idempotency(context.Background(), "u", key); return e })
	return rec, err
}
