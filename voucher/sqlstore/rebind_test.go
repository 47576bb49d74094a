package sqlstore

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRebind: PostgreSQL's text of a query numbers its placeholders in order, the same
// whether the Store keeps it or, past maxRebound texts, rewrites it again; SQLite's is
// the query itself.
func TestRebind(t *testing.T) {
	t.Parallel()
	pg := &Store{dialect: Postgres}
	const q = `UPDATE t SET a = ?, b = ? WHERE id = ?`
	want := `UPDATE t SET a = $1, b = $2 WHERE id = $3`
	require.Equal(t, want, pg.rebind(q))
	require.Equal(t, want, pg.rebind(q), "kept")
	for i := range maxRebound + 10 {
		q := fmt.Sprintf(`SELECT ? LIMIT %d`, i)
		require.Equal(t, fmt.Sprintf(`SELECT $1 LIMIT %d`, i), pg.rebind(q))
		require.Equal(t, fmt.Sprintf(`SELECT $1 LIMIT %d`, i), pg.rebind(q), "again")
	}
	n := 0
	pg.rebound.Range(func(any, any) bool { n++; return true })
	require.Equal(t, maxRebound, n, "texts past the bound are not kept")
	require.Equal(t, q, (&Store{dialect: SQLite}).rebind(q))
}
