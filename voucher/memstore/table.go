package memstore

import (
	"context"
	"slices"

	"github.com/cxqkit/cxq/internal/deepcopy"
	"github.com/cxqkit/cxq/voucher"
)

// records is the table of one kind of reviewed record (applications or redemptions), with
// the index that keeps one live record per owner (an order's application, an
// application's redemption). Every operation on either kind is written once, here.
type records[T any] struct {
	kind  string
	rows  map[string]*T     // each the store's own copy, replaced whole by a write
	live  map[string]string // owner ID → its live record
	core  func(*T) *voucher.Record
	owner func(*T) string                   // what a live record occupies
	match func(*T, voucher.ListFilter) bool // the kind's own filter fields
}

func newRecords[T any](kind string, core func(*T) *voucher.Record, owner func(*T) string,
	match func(*T, voucher.ListFilter) bool) *records[T] {
	return &records[T]{kind: kind, rows: map[string]*T{}, live: map[string]string{}, core: core, owner: owner, match: match}
}

// table is a transaction's view of records, the voucher.Records of either kind.
type table[T any] struct {
	t *tx
	r *records[T]
}

func (tb table[T]) Get(_ context.Context, id string) (T, error) { return tb.r.get(tb.t, id) }

// Create and Update keep a deep copy of v, made once (deepcopy.New), as the row.
func (tb table[T]) Create(_ context.Context, v T) error { return tb.r.create(tb.t, deepcopy.New(v)) }
func (tb table[T]) Update(_ context.Context, v T) error { return tb.r.update(tb.t, deepcopy.New(v)) }
func (tb table[T]) List(_ context.Context, f voucher.ListFilter) ([]T, int, error) {
	return tb.r.list(tb.t, f)
}

func (r *records[T]) get(t *tx, id string) (T, error) {
	p, ok := r.rows[id]
	if !ok {
		var zero T
		return zero, notFound(r.kind, id)
	}
	return deepcopy.Copy(*p), nil
}

// setLive keeps live[owner] = id while the record is live.
func (r *records[T]) setLive(t *tx, v *T) error {
	c, owner := r.core(v), r.owner(v)
	cur, taken := r.live[owner]
	switch isLive := c.Live(); {
	case isLive && taken && cur != c.ID:
		return conflict("%q already has a live record %q", owner, cur)
	case isLive && !taken:
		setUndo(t, r.live, owner)
		r.live[owner] = c.ID
	case !isLive && taken && cur == c.ID:
		setUndo(t, r.live, owner)
		delete(r.live, owner)
	}
	return nil
}

// create stores v, the store's own copy (deepcopy.New), as a new row.
func (r *records[T]) create(t *tx, v *T) error {
	if err := t.writable(); err != nil {
		return err
	}
	id := r.core(v).ID
	if _, ok := r.rows[id]; ok {
		return conflict("%s %q exists", r.kind, id)
	}
	if err := r.setLive(t, v); err != nil {
		return err
	}
	r.put(t, id, v)
	return nil
}

// update replaces the row of v, the store's own copy (deepcopy.New), compare-and-set on its
// version.
func (r *records[T]) update(t *tx, v *T) error {
	if err := t.writable(); err != nil {
		return err
	}
	c := r.core(v)
	old, ok := r.rows[c.ID]
	if !ok {
		return notFound(r.kind, c.ID)
	}
	if have := r.core(old).Version; have != c.Version-1 {
		return conflict("%s %q is at version %d, not %d", r.kind, c.ID, have, c.Version-1)
	}
	if err := r.setLive(t, v); err != nil {
		return err
	}
	r.put(t, c.ID, v)
	return nil
}

// candidates returns the rows with ids, each once, or every row when there are none.
func (r *records[T]) candidates(ids []string) map[string]*T {
	if len(ids) == 0 {
		return r.rows
	}
	out := make(map[string]*T, len(ids))
	for _, id := range ids {
		if v, ok := r.rows[id]; ok {
			out[id] = v
		}
	}
	return out
}

// matches applies the filter fields every reviewed record has.
func (r *records[T]) matches(v *T, f voucher.ListFilter) bool {
	c := r.core(v)
	return (f.EnterpriseID == "" || c.EnterpriseID == f.EnterpriseID) &&
		f.MatchesProduct(c.Product) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, c.State())) &&
		(f.District == "" || c.District() == f.District) &&
		(f.Assignee == "" || c.Assignee() == f.Assignee) &&
		(f.OrderID == "" || c.OrderID == f.OrderID) &&
		r.match(v, f)
}

func (r *records[T]) list(_ *tx, f voucher.ListFilter) ([]T, int, error) {
	var rows []*T
	for _, v := range r.candidates(f.IDs) {
		if r.matches(v, f) {
			rows = append(rows, v)
		}
	}
	sortKeys(rows, func(a, b *T) bool {
		ca, cb := r.core(a), r.core(b)
		return voucher.ListLess(f.Oldest, ca.Created, ca.Since, ca.ID, cb.Created, cb.Since, cb.ID)
	})
	total := len(rows)
	rows = page(rows, f.Offset, f.Limit)
	out := make([]T, len(rows))
	for i, v := range rows {
		out[i] = deepcopy.Copy(*v)
	}
	return out, total, nil
}

// put stores v, the store's own copy (deepcopy.New), as the row id, undoably.
func (r *records[T]) put(t *tx, id string, v *T) {
	setUndo(t, r.rows, id)
	r.rows[id] = v
}

// heads adds the audit head of every record to heads, by stream.
func (r *records[T]) heads(heads map[string]string) {
	for id, v := range r.rows {
		heads[voucher.StreamOf(r.kind, id)] = r.core(v).AuditHead
	}
}
