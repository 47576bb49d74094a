package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/jsonenc"
	"github.com/cxqkit/cxq/voucher"
)

// tx is one transaction (write) or the plain database (View).
type tx struct {
	q     queryer
	s     *Store
	write bool
	pipe  *pgxTx // set when q is a pgxTx, which holds writes for one round trip (pipeline.go)
}

var errReadOnly = fmt.Errorf("sqlstore: write in a read-only transaction: %w", cxq.ErrInvalid)

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if !t.write {
		return nil, errReadOnly
	}
	res, err := t.q.ExecContext(ctx, t.s.rebind(q), args...)
	return res, t.s.wrap(err)
}

// getJSON reads the data column of one row into out.
func (t *tx) getJSON(ctx context.Context, out any, kind, id, q string, args ...any) error {
	data, err := t.getData(ctx, kind, id, q, args...)
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(data), out)
}

// getData reads the data column of one row.
func (t *tx) getData(ctx context.Context, kind, id, q string, args ...any) (string, error) {
	var data string
	err := t.q.QueryRowContext(ctx, t.s.rebind(q), args...).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("sqlstore: %s %q: %w", kind, id, cxq.ErrNotFound)
	}
	return data, t.s.wrap(err)
}

// encode returns the JSON of v, byte for byte json.Marshal's, written by internal/jsonenc
// into a buffer of the pool (encoding/json writes what jsonenc cannot).
func encode(v any) (string, error) {
	p := encodeBufs.Get().(*[]byte)
	b, err := jsonenc.Append((*p)[:0], v)
	if err != nil {
		encodeBufs.Put(p)
		b, err = json.Marshal(v)
		return string(b), err
	}
	s := string(b)
	if cap(b) <= maxPooled {
		*p = b
		encodeBufs.Put(p)
	}
	return s, nil
}

// encodeBufs are the buffers encode writes into; maxPooled is the largest one kept.
var encodeBufs = sync.Pool{New: func() any { return new([]byte) }}

const maxPooled = 64 << 10

// casUpdate runs an UPDATE … WHERE id = ? AND version = ? and turns "no row" into
// cxq.ErrConflict (or ErrNotFound when the record does not exist). In a pgxTx it is
// held, as one statement that also counts the rows with the id.
func (t *tx) casUpdate(ctx context.Context, table, kind, id string, q string, args ...any) error {
	check := func(n int64, exists func() (int64, error)) error {
		if n == 1 {
			return nil
		}
		c, err := exists()
		if err != nil {
			return err
		}
		if c == 0 {
			return fmt.Errorf("sqlstore: %s %q: %w", kind, id, cxq.ErrNotFound)
		}
		return fmt.Errorf("sqlstore: %s %q changed since it was read: %w", kind, id, cxq.ErrConflict)
	}
	if t.pipe != nil {
		return t.pipe.hold(heldWrite{q: t.s.rebind(`WITH w AS (` + q + ` RETURNING 1) SELECT (SELECT count(*) FROM w), (SELECT count(*) FROM ` +
			table + ` WHERE id = ?)`), args: append(args, id), check: check, counted: true})
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	return check(n, func() (int64, error) {
		var c int64
		err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT COUNT(*) FROM `+table+` WHERE id = ?`), id).Scan(&c)
		return c, t.s.wrap(err)
	})
}

func nullIf(live bool, v string) any {
	if live {
		return v
	}
	return nil
}

func (t *tx) Order(ctx context.Context, id string) (voucher.Order, error) {
	var o voucher.Order
	err := t.getJSON(ctx, &o, "order", id, `SELECT data FROM orders WHERE id = ?`, id)
	return o, err
}

func (t *tx) CreateOrder(ctx context.Context, o voucher.Order) error {
	data, err := encode(o)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO orders (id, enterprise_id, provider_id, version, created, audit_head, data)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, o.ID, o.EnterpriseID, o.Product.ProviderID, o.Version, o.Created.UnixMicro(), o.AuditHead, data)
	return err
}

func (t *tx) UpdateOrder(ctx context.Context, o voucher.Order) error {
	data, err := encode(o)
	if err != nil {
		return err
	}
	return t.casUpdate(ctx, "orders", "order", o.ID,
		`UPDATE orders SET version = ?, audit_head = ?, data = ? WHERE id = ? AND version = ?`,
		o.Version, o.AuditHead, data, o.ID, o.Version-1)
}

func (t *tx) Orders(ctx context.Context, f voucher.OrderFilter) ([]voucher.Order, int, error) {
	var w where
	w.eq("enterprise_id", f.EnterpriseID)
	w.eq("provider_id", f.ProviderID)
	return list[voucher.Order](ctx, t, "orders", w, "created DESC, id DESC", f.Offset, f.Limit)
}

var applications = &recordTable[voucher.Application]{
	table: "applications", kind: voucher.StreamApplication, liveCol: "live_order",
	core:          func(a *voucher.Application) *voucher.Record { return &a.Record },
	owner:         func(a *voucher.Application) string { return a.OrderID },
	cols:          []string{"amount_fen", "standing"},
	vals:          func(a *voucher.Application) []any { return []any{a.Amount.Fen(), string(a.Standing())} },
	byApplication: "id",
	standingCol:   "standing",
}

var redemptions = &recordTable[voucher.Redemption]{
	table: "redemptions", kind: voucher.StreamRedemption, liveCol: "live_application",
	core:          func(r *voucher.Redemption) *voucher.Record { return &r.Record },
	owner:         func(r *voucher.Redemption) string { return r.ApplicationID },
	fixedCols:     []string{"application_id"},
	fixedVals:     func(r *voucher.Redemption) []any { return []any{r.ApplicationID} },
	cols:          []string{"actual_fen"},
	vals:          func(r *voucher.Redemption) []any { return []any{r.Actual.Fen()} },
	byApplication: "application_id",
	standingCol:   "state", // a redemption stands where its review is
}

func (t *tx) Applications() voucher.Records[voucher.Application] {
	return table[voucher.Application]{t: t, r: applications}
}

func (t *tx) Redemptions() voucher.Records[voucher.Redemption] {
	return table[voucher.Redemption]{t: t, r: redemptions}
}

// where builds a conjunction of conditions with ? placeholders.
type where struct {
	conds []string
	args  []any
}

func (w *where) eq(col, v string) {
	if v != "" {
		w.conds = append(w.conds, col+" = ?")
		w.args = append(w.args, v)
	}
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// listWhere is the filter shared by applications and redemptions. "Contains" is an
// exact, case-sensitive substring test in both dialects, as in memstore.
func listWhere(d Dialect, f voucher.ListFilter) where {
	var w where
	w.eq("enterprise_id", f.EnterpriseID)
	w.eq("order_id", f.OrderID)
	w.eq("district", f.District)
	w.eq("assignee", f.Assignee)
	contains := "instr(%s, ?) > 0"
	if d == Postgres {
		contains = "strpos(%s, ?) > 0"
	}
	for col, v := range map[string]string{"product": f.Product, "provider": f.Provider} {
		if v != "" {
			w.conds = append(w.conds, fmt.Sprintf(contains, col))
			w.args = append(w.args, v)
		}
	}
	if len(f.IDs) > 0 {
		w.conds = append(w.conds, "id IN (?"+strings.Repeat(", ?", len(f.IDs)-1)+")")
		for _, id := range f.IDs {
			w.args = append(w.args, id)
		}
	}
	w.in("state", f.Statuses)
	return w
}

// in adds "col IN (states)" when there are states.
func (w *where) in(col string, states []voucher.State) {
	if len(states) == 0 {
		return
	}
	w.conds = append(w.conds, col+" IN (?"+strings.Repeat(", ?", len(states)-1)+")")
	for _, s := range states {
		w.args = append(w.args, string(s))
	}
}

func listOrder(f voucher.ListFilter) string {
	if f.Oldest {
		return "since ASC, id ASC"
	}
	return "created DESC, id DESC"
}

// list returns one page of decoded rows and the total count.
func list[T any](ctx context.Context, t *tx, table string, w where, order string, offset, limit int) ([]T, int, error) {
	var total int
	if err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT COUNT(*) FROM `+table+w.String()), w.args...).Scan(&total); err != nil {
		return nil, 0, t.s.wrap(err)
	}
	q := `SELECT data FROM ` + table + w.String() + ` ORDER BY ` + order
	args := append([]any(nil), w.args...)
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	} else if t.s.dialect == SQLite {
		q += ` LIMIT -1`
	}
	if offset > 0 {
		q += ` OFFSET ?`
		args = append(args, offset)
	}
	rows, err := t.q.QueryContext(ctx, t.s.rebind(q), args...)
	if err != nil {
		return nil, 0, t.s.wrap(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, 0, err
		}
		var v T
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return nil, 0, err
		}
		out = append(out, v)
	}
	return out, total, rows.Err()
}
