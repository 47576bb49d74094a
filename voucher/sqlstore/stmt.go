package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per query text, so the database parses each
// statement once per connection instead of at every call.
type stmtCache struct {
	db *sql.DB
	m  sync.Map // query → *sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := c.m.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := c.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := c.m.LoadOrStore(q, st); loaded {
		_ = st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

func (c *stmtCache) close() {
	c.m.Range(func(_, v any) bool {
		_ = v.(*sql.Stmt).Close()
		return true
	})
}

// cached runs queries through the cache, inside tx when it is set.
type cached struct {
	c  *stmtCache
	tx *sql.Tx
	q  queryer // fallback for a statement that cannot be prepared (reports its error)
	// ctx, when set, replaces the context of every statement (see group.go).
	ctx context.Context
}

func (c cached) context(ctx context.Context) context.Context {
	if c.ctx != nil {
		return c.ctx
	}
	return ctx
}

func (c cached) stmt(ctx context.Context, q string) *sql.Stmt {
	st, err := c.c.get(ctx, q)
	if err != nil {
		return nil
	}
	if c.tx != nil {
		return c.tx.StmtContext(ctx, st)
	}
	return st
}

func (c cached) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx = c.context(ctx)
	if st := c.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.q.ExecContext(ctx, q, args...)
}

func (c cached) QueryContext(ctx context.Context, q string, args ...any) (rowSet, error) {
	ctx = c.context(ctx)
	if st := c.stmt(ctx, q); st != nil {
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return nil, err
		}
		return rows, nil
	}
	return c.q.QueryContext(ctx, q, args...)
}

func (c cached) QueryRowContext(ctx context.Context, q string, args ...any) row {
	ctx = c.context(ctx)
	if st := c.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.q.QueryRowContext(ctx, q, args...)
}
