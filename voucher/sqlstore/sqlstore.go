package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"modernc.org/sqlite"               // registers "sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// Dialect is the SQL flavour of a database.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options tune Open. A nil *Options means all defaults.
type Options struct {
	// BusyTimeout is how long a SQLite writer waits for another process's lock.
	// Defaults to 10 seconds.
	BusyTimeout time.Duration
	// MaxRetries is how many times Update reruns a transaction that PostgreSQL aborted
	// for a serialisation failure or deadlock. Defaults to 10.
	MaxRetries int
	// SkipMigrate opens a database whose schema its owner migrates ([Migrate]): the
	// Store applies no migration and fails unless every one has been applied. For a
	// PostgreSQL runtime role that owns no table.
	SkipMigrate bool
	// MaxConns caps the open connections, all of which are kept idle for reuse (a new
	// PostgreSQL connection costs a process and re-preparing every statement); at most
	// MaxConns−2 transactions run at once. Defaults to 32, at least 4.
	MaxConns int
}

// Store is a voucher.Store over a *sql.DB.
type Store struct {
	db      *sql.DB
	dialect Dialect
	retries int
	writeMu sync.Mutex // SQLite: one writer at a time in this process
	group   group      // SQLite: Updates waiting for the next group commit
	stmts   *stmtCache
	// slots bounds concurrent transactions below the connection limit, so a statement
	// being prepared for the cache always finds a free connection.
	slots chan struct{}
	// decoded keeps recent applications and redemptions by the JSON of their row.
	decoded decodedCache
	// batches is set when read-write transactions run as pgxTx (pipeline.go).
	batches bool
	// rebound keeps the PostgreSQL text of each query rebind has rewritten (see rebind).
	rebound   sync.Map // query → its text with $n placeholders
	reboundIn atomic.Int64
}

// maxRebound bounds how many query texts rebind keeps: the Store's statements are a few
// dozen shapes, so a text past the bound (a list with an unusual limit) is rewritten at
// each call rather than held.
const maxRebound = 1024

// Open connects to dsn — a postgres:// or postgresql:// URL, or else a SQLite file path
// (":memory:" is refused: every connection would see its own database) — and migrates
// it.
func Open(ctx context.Context, dsn string, opts *Options) (*Store, error) {
	o := Options{BusyTimeout: 10 * time.Second, MaxRetries: 10}
	if opts != nil {
		o.SkipMigrate, o.MaxConns = opts.SkipMigrate, opts.MaxConns
		if opts.BusyTimeout > 0 {
			o.BusyTimeout = opts.BusyTimeout
		}
		if opts.MaxRetries > 0 {
			o.MaxRetries = opts.MaxRetries
		}
	}
	var (
		db      *sql.DB
		err     error
		dialect Dialect
	)
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		dialect = Postgres
		db, err = sql.Open("pgx", dsn)
	} else {
		if dsn == "" || strings.Contains(dsn, ":memory:") || strings.Contains(dsn, "mode=memory") {
			return nil, fmt.Errorf("sqlstore: a SQLite store needs a file path, not %q: %w", dsn, cxq.ErrInvalid)
		}
		dialect = SQLite
		if err := createPrivate(dsn); err != nil {
			return nil, err
		}
		db, err = sql.Open("sqlite", SQLiteDSN(dsn, o.BusyTimeout))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open: %w", err)
	}
	s, err := New(ctx, db, dialect, &o)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// createPrivate creates the SQLite file at path readable by its owner only (0600) when
// it does not exist yet: it holds people's names, phones and e-mail addresses. SQLite
// gives its -wal and -shm files the database file's permissions. An existing file is
// left as it is.
func createPrivate(path string) error {
	if strings.HasPrefix(path, "file:") { // a URI names its own options; the caller owns it
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqlstore: create %s: %w", path, err)
	}
	return f.Close()
}

// SQLiteDSN returns the modernc.org/sqlite data source name for a file path with the
// settings the Store relies on: BEGIN IMMEDIATE transactions, WAL, a busy timeout and
// foreign keys, and these for speed:
//
//   - synchronous=NORMAL: a commit appends to the WAL without an fsync; the WAL is
//     synced at each checkpoint. The database can never be corrupted by a crash or a
//     power loss, and a crash of the process loses nothing, but a power loss or an
//     operating-system crash may roll back the transactions committed since the last
//     checkpoint (at most wal_autocheckpoint pages of them). Each transaction is still
//     atomic: it is there whole or not at all, so every guarantee of the Store (quota,
//     uniqueness, audit chain, idempotency) holds in what survives.
//   - cache_size=-16384: up to 16 MiB of page cache per connection, so the hot index and
//     table pages stay in memory.
//   - wal_autocheckpoint=4000: checkpoint when the WAL reaches about 16 MiB rather than
//     4 MiB, so pages written by many transactions are copied back once.
//   - temp_store=MEMORY: sorts and temporary tables stay in memory.
func SQLiteDSN(path string, busy time.Duration) string {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-16384)")
	q.Add("_pragma", "wal_autocheckpoint(4000)")
	q.Add("_pragma", "temp_store(MEMORY)")
	return "file:" + path + "?" + q.Encode()
}

// New wraps an open database of the given dialect and migrates it.
func New(ctx context.Context, db *sql.DB, dialect Dialect, opts *Options) (*Store, error) {
	s := &Store{db: db, dialect: dialect, retries: 10, stmts: &stmtCache{db: db}}
	conns := 32
	if opts != nil && opts.MaxRetries > 0 {
		s.retries = opts.MaxRetries
	}
	if opts != nil && opts.MaxConns > 0 {
		conns = opts.MaxConns
	}
	if conns < 4 {
		conns = 4
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	s.slots = make(chan struct{}, conns-2)
	if dialect != SQLite && dialect != Postgres {
		return nil, fmt.Errorf("sqlstore: unknown dialect %q: %w", dialect, cxq.ErrInvalid)
	}
	s.batches = s.pipelines(ctx)
	if opts != nil && opts.SkipMigrate {
		return s, s.checkSchema(ctx)
	}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// DB returns the underlying database, for inspection in tests.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns the store's dialect.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// Update runs fn in one transaction. SQLite transactions begin IMMEDIATE and are
// serialised in the process, and concurrent Updates share one commit, each in its own
// savepoint (see group.go); PostgreSQL transactions run at READ COMMITTED, relying on
// row locks, conditional updates and unique indexes, and are retried on serialisation
// failures and deadlocks.
func (s *Store) Update(ctx context.Context, fn func(voucher.Tx) error) error {
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		return ctx.Err()
	}
	if s.dialect == SQLite {
		return s.updateGrouped(ctx, fn)
	}
	for attempt := 0; ; attempt++ {
		err := s.updateOnce(ctx, fn)
		if err != nil && s.dialect == Postgres && retryable(err) && attempt < s.retries {
			continue
		}
		return err
	}
}

func (s *Store) updateOnce(ctx context.Context, fn func(voucher.Tx) error) (err error) {
	if s.batches {
		return s.updatePipelined(ctx, fn)
	}
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(err)
	}
	committed := false
	defer func() {
		if !committed { // fn failed or panicked: the connection goes back without the transaction
			_ = sqlTx.Rollback()
		}
	}()
	if err := fn(&tx{q: sqlQueryer{sqlTx}, s: s, write: true}); err != nil {
		return err
	}
	committed = true
	if err := sqlTx.Commit(); err != nil {
		return s.wrap(err)
	}
	return nil
}

// View runs fn in a read-only snapshot: every read of fn sees the database as one
// moment left it, however many writers commit meanwhile (so a verification or a page and
// its total never mix two states). On PostgreSQL it is a REPEATABLE READ READ ONLY
// transaction; on SQLite a deferred transaction on one connection, whose first read fixes
// the WAL snapshot it reads until the end.
func (s *Store) View(ctx context.Context, fn func(voucher.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.dialect == Postgres {
		sqlTx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return s.wrap(err)
		}
		defer func() { _ = sqlTx.Rollback() }()
		return fn(&tx{q: sqlQueryer{sqlTx}, s: s})
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return s.wrap(err)
	}
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") }()
	return fn(&tx{q: sqlQueryer{conn}, s: s})
}

// queryer is what a tx runs its statements on: a database/sql transaction or
// connection (sqlQueryer), SQLite's statement cache over one (cached), or a PostgreSQL
// transaction on pgx itself (pgxTx).
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (rowSet, error)
	QueryRowContext(ctx context.Context, query string, args ...any) row
}

// rowSet is the rows of a query, as *sql.Rows reads them.
type rowSet interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// row is the one row of a query; Scan reports sql.ErrNoRows when there is none.
type row interface {
	Scan(dest ...any) error
}

// sqlDoer is what *sql.DB, *sql.Tx and *sql.Conn share.
type sqlDoer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// sqlQueryer runs a tx's statements on database/sql.
type sqlQueryer struct{ d sqlDoer }

func (q sqlQueryer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.d.ExecContext(ctx, query, args...)
}

func (q sqlQueryer) QueryContext(ctx context.Context, query string, args ...any) (rowSet, error) {
	rows, err := q.d.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func (q sqlQueryer) QueryRowContext(ctx context.Context, query string, args ...any) row {
	return q.d.QueryRowContext(ctx, query, args...)
}

// ErrBusy is matched by a SQLite "database is locked" error, which the Store's settings
// should make impossible; it is kept distinct so tests can count it.
var ErrBusy = errors.New("sqlstore: database busy")

// wrap maps driver errors to the kernel's: constraint violations to cxq.ErrConflict.
func (s *Store) wrap(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			return fmt.Errorf("sqlstore: %w: %w", cxq.ErrConflict, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w: %w", ErrBusy, err)
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "23505" || pe.Code == "23514") {
		return fmt.Errorf("sqlstore: %w: %w", cxq.ErrConflict, err)
	}
	return err
}

// retryable reports PostgreSQL serialisation failures and deadlocks.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// rebind turns ? placeholders into $1, $2, … for PostgreSQL.
func (s *Store) rebind(q string) string {
	if s.dialect != Postgres {
		return q
	}
	if r, ok := s.rebound.Load(q); ok {
		return r.(string)
	}
	r := rebindText(q)
	if s.reboundIn.Add(1) <= maxRebound {
		s.rebound.Store(q, r)
	}
	return r
}

// rebindText rewrites each ? of q as $1, $2, ….
func rebindText(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
