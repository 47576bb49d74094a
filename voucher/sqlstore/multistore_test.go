package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// Two Stores on one SQLite file stand for two processes: they share no lock in Go, so
// BEGIN IMMEDIATE and the busy timeout alone must keep the cap and avoid SQLITE_BUSY.
func TestSQLiteTwoStoresOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	var stores []*sqlstore.Store
	for range 2 {
		st, err := sqlstore.Open(ctx, path, nil)
		require.NoError(t, err)
		t.Cleanup(func() { _ = st.Close() })
		stores = append(stores, st)
	}
	k := voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "tianjin", Period: 2025}
	var wg sync.WaitGroup
	var mu sync.Mutex
	granted, other := 0, []error{}
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := stores[g%2]
			for i := range 8 {
				err := st.Update(ctx, func(tx voucher.Tx) error {
					if _, err := tx.ChargeQuota(ctx, k, cxq.MustMoney("100000.00"), cxq.MustMoney("10000.00")); err != nil {
						return err
					}
					return tx.CreateOrder(ctx, voucher.Order{ID: fmt.Sprintf("IV-%d-%d", g, i), Version: 1})
				})
				mu.Lock()
				switch {
				case err == nil:
					granted++
				case !errors.Is(err, voucher.ErrQuotaExhausted):
					other = append(other, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	require.Empty(t, other, "no busy or other errors")
	require.Equal(t, 10, granted)
	require.NoError(t, stores[1].View(ctx, func(tx voucher.Tx) error {
		q, err := tx.Quota(ctx, k)
		require.NoError(t, err)
		require.Equal(t, "100000.00", q.Reserved.String())
		return nil
	}))
}
