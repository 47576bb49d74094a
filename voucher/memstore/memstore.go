package memstore

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/deepcopy"
	"github.com/cxqkit/cxq/voucher"
)

// Store is an in-memory voucher.Store, safe for concurrent use.
type Store struct {
	mu     sync.RWMutex
	closed bool

	orders   map[string]voucher.Order
	apps     *records[voucher.Application]
	reds     *records[voucher.Redemption]
	invoices map[string]string // invoice key → redemption ID
	quotas   map[voucher.QuotaKey]voucher.Quota
	uploads  map[string]voucher.Upload
	audit    map[string][]int // each stream's entries, as their slots in trail
	trail    trail            // every audit entry, in position order
	idem     map[[2]string]voucher.Idempotency
	box      outbox                 // notices and inboxes (outbox.go)
	docs     map[string]voucher.Doc // by kind "/" id (docs.go)
}

// New returns an empty Store.
func New() *Store {
	return &Store{
		orders:   map[string]voucher.Order{},
		apps:     newApplications(),
		reds:     newRedemptions(),
		invoices: map[string]string{},
		quotas:   map[voucher.QuotaKey]voucher.Quota{},
		uploads:  map[string]voucher.Upload{},
		audit:    map[string][]int{},
		idem:     map[[2]string]voucher.Idempotency{},
		docs:     map[string]voucher.Doc{},
	}
}

var errClosed = fmt.Errorf("memstore: closed: %w", cxq.ErrConflict)

// Update runs fn holding the write lock; if fn fails (or panics) its writes are undone.
func (s *Store) Update(ctx context.Context, fn func(voucher.Tx) error) (err error) {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	tx := &tx{s: s, write: true}
	done := false
	defer func() {
		if !done || err != nil {
			for i := len(tx.undo) - 1; i >= 0; i-- {
				tx.undo[i]()
			}
		}
	}()
	err = fn(tx)
	done = true
	if err == nil {
		err = ctx.Err() // a cancelled context commits nothing
	}
	return err
}

// View runs fn holding the read lock.
func (s *Store) View(ctx context.Context, fn func(voucher.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed
	}
	return fn(&tx{s: s})
}

// Close makes every later call fail.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// tx is one transaction. Writes go straight to the maps (the lock is held) and push an
// undo step.
type tx struct {
	s     *Store
	write bool
	undo  []func()
}

var errReadOnly = fmt.Errorf("memstore: write in a read-only transaction: %w", cxq.ErrInvalid)

func (t *tx) writable() error {
	if !t.write {
		return errReadOnly
	}
	return nil
}

// put stores a private copy of the record v in m[id], undoably.
func put[T any](t *tx, m map[string]T, id string, v T) {
	setUndo(t, m, id)
	m[id] = deepcopy.Copy(v)
}

// load returns a fresh copy of the record m[id] (stored by put).
func load[T any](m map[string]T, id string) T { return deepcopy.Copy(m[id]) }

// setUndo records how to restore m[k] to its current value. Most writes add a key, whose
// undo holds no old value (a smaller closure than one that holds a whole record).
func setUndo[K comparable, V any](t *tx, m map[K]V, k K) {
	old, had := m[k]
	if !had {
		t.undo = append(t.undo, func() { delete(m, k) })
		return
	}
	t.undo = append(t.undo, func() { m[k] = old })
}

// notFound is the error of a missing kind id. Lookups that miss are common (a new
// idempotency key, a stream's first entry), so it formats its text only when asked.
func notFound(kind, id string) error { return &missing{kind: kind, id: id} }

type missing struct{ kind, id string }

func (m *missing) Error() string {
	return fmt.Sprintf("memstore: %s %q: %v", m.kind, m.id, cxq.ErrNotFound)
}
func (m *missing) Unwrap() error { return cxq.ErrNotFound }

func conflict(format string, args ...any) error {
	return fmt.Errorf("memstore: "+format+": %w", append(args, cxq.ErrConflict)...)
}

// page applies offset and limit.
func page[T any](items []T, offset, limit int) []T {
	if offset > len(items) {
		offset = len(items)
	}
	items = items[offset:]
	if limit > 0 && limit < len(items) {
		items = items[:limit]
	}
	return items
}

func sortKeys[T any](items []T, less func(a, b T) bool) {
	sort.SliceStable(items, func(i, j int) bool { return less(items[i], items[j]) })
}
