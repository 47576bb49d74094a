package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/sqlstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// OpenSQLite returns a Store on a new SQLite file in the test's temporary directory.
func OpenSQLite(t testing.TB) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), filepath.Join(t.TempDir(), "cxq.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// OpenPostgres returns a Store in a new schema of the test server (CXQ_TEST_POSTGRES),
// dropped when the test ends; it skips without a server (fails under CI=true).
func OpenPostgres(t testing.TB) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), pgtest.SchemaURL(t), nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func TestSQLiteConformance(t *testing.T) {
	storetest.Run(t, func(t testing.TB) voucher.Store { return OpenSQLite(t) })
}

func TestPostgresConformance(t *testing.T) {
	pgtest.URL(t)
	storetest.Run(t, func(t testing.TB) voucher.Store { return OpenPostgres(t) })
}

func BenchmarkSubmitApproveSQLite(b *testing.B) {
	for _, clients := range []int{1, 16} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			storetest.Benchmark(b, func(t testing.TB) voucher.Store { return OpenSQLite(t) }, clients)
		})
	}
}

func BenchmarkSubmitApprovePostgres(b *testing.B) {
	for _, clients := range []int{1, 16} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			storetest.Benchmark(b, func(t testing.TB) voucher.Store { return OpenPostgres(t) }, clients)
		})
	}
}
