package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/cxqkit/cxq/voucher"
)

// On PostgreSQL every statement is a round trip, and a lifecycle transaction is mostly
// writes whose outcome nothing in it reads: the audit entry, the record's new version,
// the outbox notices, the idempotency result. A read-write transaction there runs on
// pgx's own connection (pgxTx) and holds those writes, with its BEGIN, until its next
// statement, which carries them in the same batch (one round trip for the lot), or until
// it commits. Each held write is checked when its batch comes back, with the error it
// would have had alone; the first failure ends the transaction: every later statement
// and Update return it, and Update rolls back however fn went on. Statements still reach
// the database in the order the transaction made them, so every read sees every earlier
// write. When fn fails, the writes not yet sent are dropped with the rest and fn's error
// is returned as it is. SQLite runs in the process, where a statement costs no round
// trip, and so does a PostgreSQL database reached through another driver than pgx: both
// run every write at once (tx.writeLater).

// pgxConn is what pgx's database/sql driver connection offers.
type pgxConn interface{ Conn() *pgx.Conn }

// pipelines reports whether the store's connections are pgx's, so that its read-write
// transactions can run as pgxTx.
func (s *Store) pipelines(ctx context.Context) bool {
	if s.dialect != Postgres {
		return false
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false
	}
	defer conn.Close()
	ok := false
	_ = conn.Raw(func(dc any) error {
		_, ok = dc.(pgxConn)
		return nil
	})
	return ok
}

// updatePipelined runs fn as one pgxTx on a connection of the pool.
func (s *Store) updatePipelined(ctx context.Context, fn func(voucher.Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap(err)
	}
	defer conn.Close()
	var txErr error
	rawErr := conn.Raw(func(dc any) error {
		p := &pgxTx{conn: dc.(pgxConn).Conn(), s: s}
		p.hold(heldWrite{q: "BEGIN"})
		if err := fn(&tx{q: p, s: s, write: true, pipe: p}); err != nil {
			txErr = err
			p.rollback(ctx)
		} else {
			txErr = p.commit(ctx)
		}
		if p.conn.IsClosed() {
			return driver.ErrBadConn // the pool must not hand it out again
		}
		return nil
	})
	if txErr != nil {
		return txErr
	}
	return s.wrap(rawErr)
}

// heldWrite is one write waiting to be sent: its statement (placeholders rebound) and
// how to read its outcome.
type heldWrite struct {
	q     string
	args  []any
	check writeCheck // nil: any outcome but an error is right
	// counted: q returns one row of two counts, the rows it wrote and the rows of its
	// target that exist (see casUpdate), instead of a command tag.
	counted bool
}

// writeCheck decides a write's error from the rows it wrote; exists counts the rows of
// its target, for telling a missing row from a changed one.
type writeCheck func(wrote int64, exists func() (int64, error)) error

// oneRow is the check of a write that must write exactly one row, failing with fail's
// error otherwise.
func oneRow(fail func() error) writeCheck {
	return func(n int64, _ func() (int64, error)) error {
		if n != 1 {
			return fail()
		}
		return nil
	}
}

// writeLater runs the write q at once, or holds it when the transaction is a pgxTx;
// check (nil for none) decides its error from the rows it wrote.
func (t *tx) writeLater(ctx context.Context, check writeCheck, q string, args ...any) error {
	if !t.write {
		return errReadOnly
	}
	if t.pipe != nil {
		return t.pipe.hold(heldWrite{q: t.s.rebind(q), args: args, check: check})
	}
	res, err := t.q.ExecContext(ctx, t.s.rebind(q), args...)
	if err != nil {
		return t.s.wrap(err)
	}
	if check == nil {
		return nil
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	return check(n, nil)
}

// pgxTx is a read-write transaction on one pgx connection (see the top of this file).
type pgxTx struct {
	conn    *pgx.Conn
	s       *Store
	begun   bool // BEGIN has been sent
	pending []heldWrite
	err     error // the first failure; the transaction can only roll back
}

// hold keeps w for the next statement, or returns the transaction's failure.
func (p *pgxTx) hold(w heldWrite) error {
	if p.err != nil {
		return p.err
	}
	p.pending = append(p.pending, w)
	return nil
}

// send sends the held writes, then q when it is set, in one batch, and checks the
// writes; the returned results are positioned at q's (the caller reads and closes
// them), or nil when there is no q or a write failed.
func (p *pgxTx) send(ctx context.Context, q string, args []any) (pgx.BatchResults, error) {
	if p.err != nil {
		return nil, p.err
	}
	held := p.pending
	p.pending = p.pending[:0]
	defer clear(held)
	if len(held) > 0 && held[0].q == "BEGIN" {
		p.begun = true
	}
	b := &pgx.Batch{}
	for _, w := range held {
		b.Queue(w.q, w.args...)
	}
	if q != "" {
		b.Queue(q, args...)
	}
	br := p.conn.SendBatch(ctx, b)
	for _, w := range held {
		if err := p.outcome(br, w); err != nil {
			p.err = err
			_ = br.Close()
			return nil, err
		}
	}
	if q == "" {
		if err := br.Close(); err != nil {
			p.err = p.s.wrap(err)
			return nil, p.err
		}
		return nil, nil
	}
	return br, nil
}

// outcome reads one held write's result off br and returns its error.
func (p *pgxTx) outcome(br pgx.BatchResults, w heldWrite) error {
	var wrote, exists int64
	if w.counted {
		if err := br.QueryRow().Scan(&wrote, &exists); err != nil {
			return p.s.wrap(err)
		}
	} else {
		tag, err := br.Exec()
		if err != nil {
			return p.s.wrap(err)
		}
		wrote = tag.RowsAffected()
	}
	if w.check == nil {
		return nil
	}
	return w.check(wrote, func() (int64, error) { return exists, nil })
}

// commit sends what is held with the COMMIT.
func (p *pgxTx) commit(ctx context.Context) error {
	if p.err == nil && !p.begun && len(p.pending) == 1 {
		p.pending = p.pending[:0] // fn did nothing: nothing to send
		return nil
	}
	if _, err := p.send(ctx, "", nil); err != nil {
		p.rollback(ctx)
		return err
	}
	tag, err := p.conn.Exec(ctx, "COMMIT")
	if err != nil {
		p.rollback(ctx)
		return p.s.wrap(err)
	}
	if tag.String() == "ROLLBACK" { // the server had aborted the transaction
		return fmt.Errorf("sqlstore: %w", pgx.ErrTxCommitRollback)
	}
	return nil
}

// rollback ends a transaction that fails, dropping what is held; one never begun sends
// nothing.
func (p *pgxTx) rollback(ctx context.Context) {
	p.pending = p.pending[:0]
	if !p.begun || p.conn.IsClosed() {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rollbackWait)
	defer cancel()
	if _, err := p.conn.Exec(ctx, "ROLLBACK"); err != nil {
		_ = p.conn.Close(ctx) // the pool then drops the connection
	}
}

// rollbackWait bounds a rollback, which runs even when the transaction's context has
// ended, so a stalled server cannot hold the connection and its Update slot.
const rollbackWait = 5 * time.Second

func (p *pgxTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	br, err := p.send(ctx, q, args)
	if err != nil {
		return nil, err
	}
	tag, err := br.Exec()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		p.fail(err)
		return nil, err
	}
	return tagResult(tag), nil
}

func (p *pgxTx) QueryContext(ctx context.Context, q string, args ...any) (rowSet, error) {
	br, err := p.send(ctx, q, args)
	if err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		_ = br.Close()
		p.fail(err)
		return nil, err
	}
	return &pgxRows{Rows: rows, br: br, p: p}, nil
}

func (p *pgxTx) QueryRowContext(ctx context.Context, q string, args ...any) row {
	return &pgxRow{ctx: ctx, p: p, q: q, args: args}
}

// fail records a statement's failure: PostgreSQL has aborted the transaction.
func (p *pgxTx) fail(err error) {
	var pe *pgconn.PgError
	if p.err == nil && errors.As(err, &pe) {
		p.err = p.s.wrap(err)
	}
}

// pgxRow is a QueryRowContext that runs when it is scanned (callers scan at once).
type pgxRow struct {
	ctx  context.Context
	p    *pgxTx
	q    string
	args []any
}

func (r *pgxRow) Scan(dest ...any) error {
	br, err := r.p.send(r.ctx, r.q, r.args)
	if err != nil {
		return err
	}
	err = br.QueryRow().Scan(dest...)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return sql.ErrNoRows
	}
	if err != nil {
		r.p.fail(err)
	}
	return err
}

// pgxRows is the rows of a query sent in a batch; closing them closes the batch.
type pgxRows struct {
	pgx.Rows
	br pgx.BatchResults
	p  *pgxTx
}

func (r *pgxRows) Close() error {
	r.Rows.Close()
	err := r.Rows.Err()
	if cerr := r.br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		r.p.fail(err)
	}
	return err
}

// tagResult is a command tag as a sql.Result.
type tagResult pgconn.CommandTag

func (t tagResult) RowsAffected() (int64, error) { return pgconn.CommandTag(t).RowsAffected(), nil }

func (tagResult) LastInsertId() (int64, error) {
	return 0, fmt.Errorf("sqlstore: PostgreSQL reports no last insert id")
}
