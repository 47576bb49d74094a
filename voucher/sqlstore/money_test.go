package sqlstore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// cxq.Money's Value and Scan use the unit of the stores' money columns, integer fen, and
// Scan also reads the decimal text of a NUMERIC value.
func testMoneyColumn(t *testing.T, st *sqlstore.Store) {
	ctx := context.Background()
	db := st.DB()
	insert, numeric := `INSERT INTO cxq_money_test (fen) VALUES (?)`, `SELECT CAST('4549.50' AS TEXT)`
	if st.Dialect() == sqlstore.Postgres {
		insert, numeric = `INSERT INTO cxq_money_test (fen) VALUES ($1)`, `SELECT CAST('4549.50' AS NUMERIC(14,2))`
	}
	_, err := db.ExecContext(ctx, `CREATE TABLE cxq_money_test (fen BIGINT NOT NULL)`)
	require.NoError(t, err)
	for _, m := range []cxq.Money{cxq.MustMoney("4549.50"), cxq.Fen(-1), cxq.MaxMoney(), {}} {
		_, err := db.ExecContext(ctx, `DELETE FROM cxq_money_test`)
		require.NoError(t, err)
		_, err = db.ExecContext(ctx, insert, m)
		require.NoError(t, err)
		var fen int64
		var back cxq.Money
		require.NoError(t, db.QueryRowContext(ctx, `SELECT fen FROM cxq_money_test`).Scan(&fen))
		require.Equal(t, m.Fen(), fen, "the column holds fen")
		require.NoError(t, db.QueryRowContext(ctx, `SELECT fen FROM cxq_money_test`).Scan(&back))
		require.Equal(t, m, back)
	}
	var m cxq.Money
	require.NoError(t, db.QueryRowContext(ctx, numeric).Scan(&m))
	require.Equal(t, "4549.50", m.String())
}

func TestSQLiteMoneyColumn(t *testing.T) { testMoneyColumn(t, OpenSQLite(t)) }

func TestPostgresMoneyColumn(t *testing.T) { testMoneyColumn(t, OpenPostgres(t)) }
