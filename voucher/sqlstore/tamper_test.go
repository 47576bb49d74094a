package sqlstore_test

import (
	"context"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/sqlstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// sqlTamper edits the tables with plain SQL, as the database's owner could: it drops the
// audit table's triggers to rewrite the trail.
type sqlTamper struct{}

var tables = map[string]string{voucher.StreamOrder: "orders", voucher.StreamApplication: "applications",
	voucher.StreamRedemption: "redemptions"}

func (sqlTamper) exec(t storetest.TB, st voucher.Store, q string, args ...any) {
	t.Helper()
	s := st.(*sqlstore.Store)
	if s.Dialect() == sqlstore.Postgres {
		q = rebind(q)
	}
	_, err := s.DB().ExecContext(context.Background(), q, args...)
	require.NoError(t, err, q)
}

func rebind(q string) string {
	out, n := []byte{}, 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, []byte("$"+strconv.Itoa(n))...)
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}

func (x sqlTamper) EditRecord(t storetest.TB, st voucher.Store, kind, id string, edit func(map[string]any)) {
	if table, ok := tables[kind]; ok {
		x.editJSON(t, st, table, `id = ?`, edit, id)
		return
	}
	x.editJSON(t, st, "docs", `kind = ? AND id = ?`, edit, kind, id)
}

// editJSON rewrites the data column of the row of table where holds, through edit.
func (x sqlTamper) editJSON(t storetest.TB, st voucher.Store, table, where string, edit func(map[string]any), args ...any) {
	var data string
	s := st.(*sqlstore.Store)
	q := `SELECT data FROM ` + table + ` WHERE ` + where
	if s.Dialect() == sqlstore.Postgres {
		q = rebind(q)
	}
	require.NoError(t, s.DB().QueryRowContext(context.Background(), q, args...).Scan(&data))
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(data), &m))
	edit(m)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	x.exec(t, st, `UPDATE `+table+` SET data = ? WHERE `+where, append([]any{string(b)}, args...)...)
}

func (x sqlTamper) DeleteRecord(t storetest.TB, st voucher.Store, kind, id string) {
	x.exec(t, st, `DELETE FROM `+tables[kind]+` WHERE id = ?`, id)
}

func (x sqlTamper) EditQuota(t storetest.TB, st voucher.Store, k voucher.QuotaKey, reservedFen, consumedFen int64) {
	x.exec(t, st, `UPDATE quotas SET reserved_fen = ?, consumed_fen = ? WHERE enterprise_id = ? AND policy_id = ? AND year = ?`,
		reservedFen, consumedFen, k.EnterpriseID, k.PolicyID, k.Period)
}

func (x sqlTamper) RewriteTrail(t storetest.TB, st voucher.Store, entries []voucher.AuditEntry) {
	s := st.(*sqlstore.Store)
	if s.Dialect() == sqlstore.Postgres {
		x.exec(t, st, `ALTER TABLE audit DISABLE TRIGGER audit_append_only`)
	} else {
		x.exec(t, st, `DROP TRIGGER audit_no_update`)
		x.exec(t, st, `DROP TRIGGER audit_no_delete`)
	}
	x.exec(t, st, `DELETE FROM audit`)
	var tail voucher.AuditTail
	for _, e := range entries {
		x.exec(t, st, `INSERT INTO audit (pos, chain, stream, seq, at, actor, role, action, from_state, to_state, note,
			content, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Pos, e.Chain, e.Stream, e.Seq,
			e.At.UnixMicro(), e.Actor, string(e.Role), e.Action, e.From, e.To, e.Note, e.Content, e.Prev, e.Hash)
		tail = e.Tail()
	}
	x.exec(t, st, `UPDATE audit_tail SET pos = ?, hash = ? WHERE id = 1`, tail.Pos, tail.Hash)
}

func TestSQLiteTamperDetected(t *testing.T) {
	storetest.RunTamper(t, func(t testing.TB) voucher.Store { return OpenSQLite(t) }, sqlTamper{})
}

func TestPostgresTamperDetected(t *testing.T) {
	OpenPostgres(t).Close() // skips without a server
	storetest.RunTamper(t, func(t testing.TB) voucher.Store { return OpenPostgres(t) }, sqlTamper{})
}

// editedColumnsDetected: a list column edited alone (the state a queue selects on, the
// amount, the district, the live marker) fails VerifyAudit as tampering, though the
// record's JSON and its trail are untouched.
func editedColumnsDetected(t *testing.T, open func(testing.TB) *sqlstore.Store) {
	for _, edit := range []string{`UPDATE applications SET state = 'approved'`, `UPDATE applications SET amount_fen = 1`,
		`UPDATE applications SET district = '南开区'`, `UPDATE applications SET live_order = NULL`} {
		st := open(t)
		w := storetest.NewWorld(t, st)
		w.Submitted(w.Enterprise, "9099.00")
		require.NoError(t, w.Svc.VerifyAudit(context.Background()))
		sqlTamper{}.exec(t, st, edit)
		err := w.Svc.VerifyAudit(context.Background())
		require.ErrorIs(t, err, cxq.ErrTampered, edit)
	}
}

func TestSQLiteEditedColumnsDetected(t *testing.T) { editedColumnsDetected(t, OpenSQLite) }

func TestPostgresEditedColumnsDetected(t *testing.T) {
	pgtest.URL(t)
	editedColumnsDetected(t, OpenPostgres)
}
