package sqlstore

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/cxqkit/cxq/voucher"
)

// recordTable is how one kind of reviewed record (applications, redemptions) is stored:
// the columns every reviewed record has, the column that keeps one live record per owner
// (a unique index over non-null values), and the kind's own columns. Every operation on
// either kind is written once, here.
type recordTable[T any] struct {
	table, kind string
	liveCol     string // NULL unless the record is live; unique
	core        func(*T) *voucher.Record
	owner       func(*T) string // what a live record occupies
	fixedCols   []string        // the kind's columns written once, at creation
	fixedVals   func(*T) []any
	cols        []string // the kind's columns written at every change
	vals        func(*T) []any
	// byApplication is the column ListFilter.ApplicationID selects on, standingCol the
	// one ListFilter.Standings does.
	byApplication, standingCol string
}

// table is a transaction's view of a recordTable, the voucher.Records of either kind.
type table[T any] struct {
	t *tx
	r *recordTable[T]
}

func (tb table[T]) Get(ctx context.Context, id string) (T, error) { return tb.r.get(ctx, tb.t, id) }
func (tb table[T]) Create(ctx context.Context, v T) error         { return tb.r.create(ctx, tb.t, v) }
func (tb table[T]) Update(ctx context.Context, v T) error         { return tb.r.update(ctx, tb.t, v) }
func (tb table[T]) List(ctx context.Context, f voucher.ListFilter) ([]T, int, error) {
	w := listWhere(tb.t.s.dialect, f)
	w.eq(tb.r.byApplication, f.ApplicationID)
	w.in(tb.r.standingCol, f.Standings)
	return list[T](ctx, tb.t, tb.r.table, w, listOrder(f), f.Offset, f.Limit)
}

// commonCols are written at every change; id, order_id, enterprise_id, product,
// provider and created only at creation.
var commonCols = []string{"state", "district", "assignee", "since", "version", "audit_head", "data"}

// get reads the record with id, decoding its JSON unless the Store kept the value of
// those very bytes (decodedCache).
func (r *recordTable[T]) get(ctx context.Context, t *tx, id string) (T, error) {
	var v T
	data, err := t.getData(ctx, r.kind, id, `SELECT data FROM `+r.table+` WHERE id = ?`, id)
	if err != nil {
		return v, err
	}
	key := r.table + "\x00" + id
	if v, ok := decodedOf[T](&t.s.decoded, key, data); ok {
		return v, nil
	}
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		return v, err
	}
	keep(&t.s.decoded, key, data, v)
	return v, nil
}

// changing returns the columns and values written at every change.
func (r *recordTable[T]) changing(v *T, data string) ([]string, []any) {
	c := r.core(v)
	cols := append([]string{r.liveCol}, commonCols...)
	cols = append(cols, r.cols...)
	vals := []any{nullIf(c.Live(), r.owner(v)), string(c.State()), c.District(), c.Assignee(), c.Since.UnixMicro(),
		c.Version, c.AuditHead, data}
	return cols, append(vals, r.vals(v)...)
}

// columns returns every column of v's row and its value: those written once, at
// creation, then those written at every change.
func (r *recordTable[T]) columns(v *T, data string) ([]string, []any) {
	c := r.core(v)
	cols := []string{"id", "order_id", "enterprise_id", "product", "provider", "created"}
	vals := []any{c.ID, c.OrderID, c.EnterpriseID, c.Product.Name, c.Product.ProviderName, c.Created.UnixMicro()}
	if r.fixedVals != nil {
		cols, vals = append(cols, r.fixedCols...), append(vals, r.fixedVals(v)...)
	}
	more, moreVals := r.changing(v, data)
	return append(cols, more...), append(vals, moreVals...)
}

func (r *recordTable[T]) create(ctx context.Context, t *tx, v T) error {
	data, err := r.encode(ctx, &v)
	if err != nil {
		return err
	}
	c := r.core(&v)
	cols, vals := r.columns(&v, data)
	if _, err = t.exec(ctx, `INSERT INTO `+r.table+` (`+strings.Join(cols, ", ")+`) VALUES (?`+
		strings.Repeat(", ?", len(cols)-1)+`)`, vals...); err != nil {
		return err
	}
	keep(&t.s.decoded, r.table+"\x00"+c.ID, data, v)
	return nil
}

func (r *recordTable[T]) update(ctx context.Context, t *tx, v T) error {
	data, err := r.encode(ctx, &v)
	if err != nil {
		return err
	}
	c := r.core(&v)
	cols, vals := r.changing(&v, data)
	if err := t.casUpdate(ctx, r.table, r.kind, c.ID,
		`UPDATE `+r.table+` SET `+strings.Join(cols, " = ?, ")+` = ? WHERE id = ? AND version = ?`,
		append(vals, c.ID, c.Version-1)...); err != nil {
		return err
	}
	// v encodes to data byte for byte, so it is the value a read of the row decodes
	// (up to what JSON does not tell apart, such as an empty list and none).
	keep(&t.s.decoded, r.table+"\x00"+c.ID, data, v)
	return nil
}

// encode returns the JSON of v: the encoding the Service made of it for this call when
// there is one (voucher.EncodedRecord), else its own.
func (r *recordTable[T]) encode(ctx context.Context, v *T) (string, error) {
	if b, ok := voucher.EncodedRecord(ctx, r.core(v)); ok {
		return string(b), nil
	}
	return encode(*v)
}
