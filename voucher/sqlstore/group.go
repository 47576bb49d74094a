package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/cxqkit/cxq/voucher"
)

// SQLite commits in groups. Writers of one Store are serialised anyway, and most of a
// small transaction's cost is its commit (writing the WAL frames), so the writer that
// holds the write lock runs every Update waiting at that moment in one SQLite
// transaction, each inside its own SAVEPOINT, and commits once for all of them:
//
//   - a function that fails (or whose context ends while it runs) is rolled back to its
//     savepoint, so none of its writes remain, and its caller gets its error;
//   - the others see the writes of the ones before them, exactly as if they had run one
//     after the other, which they do;
//   - every caller returns only after the shared COMMIT, with its outcome: nil when the
//     commit succeeded, the commit's error (and nothing applied) when it did not;
//   - if SQLite rolls the whole transaction back on its own (an I/O error, say), the
//     savepoint is gone, the functions that had succeeded in it get that error, and the
//     rest run in a new transaction.
//
// Statements run with the caller's context values but without its cancellation: an
// interrupted SQLite statement may roll back the whole shared transaction. The caller's
// cancellation is checked before and after its function instead.

var errGroupPanic = errors.New("sqlstore: panic in an Update")

// groupReq is one Update waiting to run.
type groupReq struct {
	ctx  context.Context
	fn   func(voucher.Tx) error
	err  error
	done chan struct{}
}

// group is the queue of waiting Updates of a SQLite Store.
type group struct {
	mu      sync.Mutex
	pending []*groupReq
}

// updateGrouped runs fn as part of the next group commit.
func (s *Store) updateGrouped(ctx context.Context, fn func(voucher.Tx) error) error {
	r := &groupReq{ctx: ctx, fn: fn, done: make(chan struct{})}
	s.group.mu.Lock()
	s.group.pending = append(s.group.pending, r)
	s.group.mu.Unlock()

	func() {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		s.group.mu.Lock()
		batch := s.group.pending
		s.group.pending = nil
		s.group.mu.Unlock()
		if len(batch) > 0 {
			s.runGroup(batch)
		}
	}()
	// Either this call ran r, or the writer before it did while holding the lock.
	<-r.done
	return r.err
}

// runGroup runs batch in as few transactions as possible and completes every request.
func (s *Store) runGroup(batch []*groupReq) {
	for len(batch) > 0 {
		batch = s.runGroupTx(batch)
	}
}

// runGroupTx runs the requests of batch in one transaction, completes those it could
// settle and returns those it must run again in a new transaction.
func (s *Store) runGroupTx(batch []*groupReq) []*groupReq {
	finish := func(rs []*groupReq) {
		for _, r := range rs {
			close(r.done)
		}
	}
	sqlTx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		for _, r := range batch {
			r.err = s.wrap(err)
		}
		finish(batch)
		return nil
	}
	var ran []*groupReq // run in this transaction, whatever their outcome
	abort := func(cause error, rest []*groupReq) []*groupReq {
		_ = sqlTx.Rollback()
		cause = fmt.Errorf("sqlstore: transaction rolled back: %w", s.wrap(cause))
		for _, r := range ran {
			if r.err == nil {
				r.err = cause
			}
		}
		finish(ran)
		if len(ran) == 0 { // nothing could run: fail the rest rather than loop
			for _, r := range rest {
				r.err = cause
			}
			finish(rest)
			return nil
		}
		return rest
	}
	// A panicking function rolls everything back; the others get an error and the
	// panic goes on in the caller that was running the group.
	settled := false
	defer func() {
		if settled {
			return
		}
		_ = sqlTx.Rollback()
		for _, r := range batch {
			if r.err == nil {
				r.err = fmt.Errorf("sqlstore: a function of the same group commit panicked: %w", errGroupPanic)
			}
			select {
			case <-r.done:
			default:
				close(r.done)
			}
		}
	}()
	again, aborted := s.runMembers(sqlTx, batch, &ran, abort)
	settled = true
	if aborted {
		return again
	}
	if err := sqlTx.Commit(); err != nil {
		for _, r := range ran {
			if r.err == nil {
				r.err = s.wrap(err)
			}
		}
	}
	finish(ran)
	return nil
}

// runMembers runs each request of batch in its own savepoint of sqlTx and appends it to
// *ran. When the transaction cannot go on it returns abort's result and true.
func (s *Store) runMembers(sqlTx *sql.Tx, batch []*groupReq, ran *[]*groupReq,
	abort func(error, []*groupReq) []*groupReq) ([]*groupReq, bool) {
	if len(batch) == 1 { // alone: the transaction itself undoes a failure, no savepoint needed
		r := batch[0]
		*ran = append(*ran, r)
		if r.err = r.ctx.Err(); r.err != nil {
			return nil, false
		}
		r.err = r.fn(&tx{q: cached{c: s.stmts, tx: sqlTx, q: sqlQueryer{sqlTx}, ctx: context.WithoutCancel(r.ctx)}, s: s, write: true})
		if r.err == nil {
			r.err = r.ctx.Err() // a cancelled context commits nothing
		}
		if r.err != nil {
			return abort(r.err, nil), true // rolls back; r keeps its own error
		}
		return nil, false
	}
	for i, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.err = err
			*ran = append(*ran, r)
			continue
		}
		sp := "cxq_u" + strconv.Itoa(i)
		if _, err := sqlTx.ExecContext(context.Background(), "SAVEPOINT "+sp); err != nil {
			return abort(err, batch[i:]), true
		}
		ctx := context.WithoutCancel(r.ctx)
		r.err = r.fn(&tx{q: cached{c: s.stmts, tx: sqlTx, q: sqlQueryer{sqlTx}, ctx: ctx}, s: s, write: true})
		if r.err == nil {
			r.err = r.ctx.Err() // a cancelled context commits nothing
		}
		if r.err != nil {
			if _, err := sqlTx.ExecContext(context.Background(), "ROLLBACK TO "+sp); err != nil {
				*ran = append(*ran, r)
				return abort(err, batch[i+1:]), true
			}
		}
		*ran = append(*ran, r)
		if _, err := sqlTx.ExecContext(context.Background(), "RELEASE "+sp); err != nil {
			return abort(err, batch[i+1:]), true
		}
	}
	return nil, false
}
