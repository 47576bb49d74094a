package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// openAtOnce opens n stores on dsn at the same moment, as processes starting together
// on an empty database do: every open succeeds and the schema is migrated once.
func openAtOnce(t *testing.T, dsn string, n int) {
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			st, err := sqlstore.Open(context.Background(), dsn, nil)
			if err == nil {
				err = st.Close()
			}
			errs[i] = err
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "opener %d", i)
	}
}

func TestOpenersOnAnEmptySQLiteDatabase(t *testing.T) {
	openAtOnce(t, filepath.Join(t.TempDir(), "cxq.db"), 6)
}

func TestOpenersOnAnEmptyPostgresSchema(t *testing.T) {
	openAtOnce(t, pgtest.SchemaURL(t), 6)
}

// TestSQLiteFileIsPrivate: a new database file (and its WAL) is readable by its owner
// only; it holds people's contact details.
func TestSQLiteFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cxq.db")
	st, err := sqlstore.Open(context.Background(), path, nil)
	require.NoError(t, err)
	defer st.Close()
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		require.NoError(t, err, p)
		require.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), p)
	}
}
