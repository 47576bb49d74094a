package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// The audit table refuses UPDATE and DELETE even to SQL that bypasses the Store.
func testAppendOnly(t *testing.T, st *sqlstore.Store) {
	ctx := context.Background()
	e := voucher.AuditEntry{Stream: "application/A1", At: time.Now(), Actor: "u", Action: "submit"}.Link(nil, voucher.AuditTail{}, nil)
	require.NoError(t, st.Update(ctx, func(tx voucher.Tx) error { return tx.AppendAudit(ctx, e) }))
	for _, q := range []string{
		`UPDATE audit SET note = 'edited'`,
		`DELETE FROM audit`,
	} {
		_, err := st.DB().ExecContext(ctx, q)
		require.Error(t, err, q)
		require.Contains(t, err.Error(), "append-only", q)
	}
	var n int
	require.NoError(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit`).Scan(&n))
	require.Equal(t, 1, n)
}

// No column of the schema is a floating-point type.
func testNoFloatColumns(t *testing.T, st *sqlstore.Store) {
	for _, m := range must(sqlstore.Migrations(st.Dialect())) {
		up := strings.ToUpper(m.SQL)
		for _, bad := range []string{" REAL", " FLOAT", " DOUBLE", " NUMERIC"} {
			require.NotContains(t, up, bad, m.Name)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestSQLiteSchema(t *testing.T) {
	st := OpenSQLite(t)
	testAppendOnly(t, st)
	testNoFloatColumns(t, st)
	var mode string
	require.NoError(t, st.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode))
	require.Equal(t, "wal", mode)
}

func TestPostgresSchema(t *testing.T) {
	st := OpenPostgres(t)
	testAppendOnly(t, st)
	testNoFloatColumns(t, st)
}

func TestOpenRefusesMemory(t *testing.T) {
	_, err := sqlstore.Open(context.Background(), ":memory:", nil)
	require.Error(t, err)
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/cxq.db"
	st, err := sqlstore.Open(ctx, path, nil)
	require.NoError(t, err)
	require.NoError(t, st.Update(ctx, func(tx voucher.Tx) error {
		return tx.CreateOrder(ctx, voucher.Order{ID: "IV1", Version: 1, Created: time.Now()})
	}))
	require.NoError(t, st.Close())
	st, err = sqlstore.Open(ctx, path, nil) // migrations already applied: a no-op
	require.NoError(t, err)
	defer st.Close()
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error { _, err := tx.Order(ctx, "IV1"); return err }))
}
