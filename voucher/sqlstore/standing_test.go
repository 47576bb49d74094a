package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// testStandingBackfill stores approved applications that stand four ways, takes the
// database back to before migration 8 (no standing column), and opens it again: the
// migration gives every row the standing its record says, lists filter on it, and the
// columns verify.
func testStandingBackfill(t *testing.T, dsn string) {
	bg := context.Background()
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	st, err := sqlstore.Open(bg, dsn, nil)
	require.NoError(t, err)
	want := map[string]voucher.State{"A1": review.Approved, "A2": voucher.StandingReturned,
		"A3": voucher.StandingExpired, "A4": voucher.StandingReturning}
	require.NoError(t, st.Update(bg, func(tx voucher.Tx) error {
		for id := range want {
			a := voucher.Application{Record: voucher.Record{ID: id, OrderID: "O" + id, EnterpriseID: "E1",
				Version: 1, Created: t0, Updated: t0, Since: t0, Case: review.Case{State: review.Approved}}}
			switch id {
			case "A2":
				a.Ended = voucher.EndedReturned
			case "A3":
				a.Ended = "usage_deadline"
			case "A4":
				a.Returning = "RT4"
			}
			if err := tx.Applications().Create(bg, a); err != nil {
				return err
			}
		}
		return nil
	}))
	for _, q := range []string{`ALTER TABLE applications DROP COLUMN standing`, `DELETE FROM cxq_schema WHERE version = 8`} {
		_, err := st.DB().ExecContext(bg, q)
		require.NoError(t, err, q)
	}
	require.NoError(t, st.Close())

	st, err = sqlstore.Open(bg, dsn, nil)
	require.NoError(t, err)
	defer st.Close()
	require.NoError(t, st.View(bg, func(tx voucher.Tx) error {
		for id, standing := range want {
			got, n, err := tx.Applications().List(bg, voucher.ListFilter{Standings: []voucher.State{standing}})
			require.NoError(t, err)
			require.Equal(t, 1, n, standing)
			require.Equal(t, id, got[0].ID, standing)
		}
		return tx.(voucher.ColumnChecker).CheckColumns(bg)
	}))
}

func TestSQLiteStandingBackfill(t *testing.T) {
	testStandingBackfill(t, filepath.Join(t.TempDir(), "cxq.db"))
}

func TestPostgresStandingBackfill(t *testing.T) {
	testStandingBackfill(t, pgtest.SchemaURL(t))
}
