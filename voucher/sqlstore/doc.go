// Package sqlstore is a [voucher.Store] over database/sql with two dialects: SQLite
// through modernc.org/sqlite (pure Go, the embedded default) and PostgreSQL through
// github.com/jackc/pgx/v5/stdlib.
//
// # Opening
//
//	st, err := sqlstore.Open(ctx, "cxq.db")                         // SQLite file
//	st, err := sqlstore.Open(ctx, "postgres://user@host/db?sslmode=disable")
//
// Open applies the embedded, numbered migrations (migrations/<dialect>/NNNN_*.sql) that
// the database has not seen yet. SQLite is opened with _txlock=immediate, WAL and a busy
// timeout, and writers of one Store are serialised in the process, so concurrent writers
// never see SQLITE_BUSY; other processes on the same file wait on the busy timeout.
//
// # Two roles on PostgreSQL
//
// In production the service should not own its schema: whoever owns the tables can drop
// the audit triggers and rewrite the trail. Run the migrations as the owner and the
// service as a runtime role that owns nothing:
//
//	err := sqlstore.Migrate(ctx, "postgres://cxq_owner@db/cxq", "cxq_runtime") // at deployment
//	st, err := sqlstore.Open(ctx, "postgres://cxq_runtime@db/cxq", &sqlstore.Options{SkipMigrate: true})
//
// [Migrate] grants the runtime role reading and writing the records, quotas, invoices and
// idempotency records, the outbox and the inboxes, reading and appending to the audit trail
// and moving its tail; it
// cannot drop or disable a trigger, nor update, delete or truncate an audit row. (The
// keyed chain and signed checkpoints catch what the owner itself might do.)
//
// # Speed and durability
//
// SQLite runs with synchronous=NORMAL under WAL (see [SQLiteDSN]): a commit is not
// fsynced, so a power loss or an operating-system crash (not a crash of the process)
// may lose the transactions committed since the last checkpoint; the database is never
// corrupted and every transaction survives whole or not at all. Concurrent Updates of
// one Store share a commit (group commit): each runs alone in its own SAVEPOINT of one
// transaction, a failing one is rolled back to its savepoint, and every caller returns
// after the shared COMMIT. Statements are prepared once per connection and cached.
// Quota charges are one upsert, and an audit append is one statement. On PostgreSQL
// (through pgx) a read-write transaction runs on pgx's own connection and holds its
// BEGIN and the writes nothing in it reads back (audit entries, record and order
// updates, outbox notices, idempotency results) until its next statement, which carries
// them in the same batch, or its commit: one round trip for the lot. Each held write is
// checked when its batch returns, with the error it would have had alone, and the first
// failure fails the transaction (see [voucher.Store]). A record is
// written with the JSON the Service made of it ([voucher.EncodedRecord]), and the Store
// keeps recent applications and redemptions by the exact bytes of their row, so reading
// back what it wrote (or read) copies a value instead of decoding JSON.
//
// # Guarantees
//
// Records are stored as JSON beside the columns queries need. Money columns hold integer
// fen, never REAL. One live application per order and one live redemption per
// application are UNIQUE columns that hold NULL once the record ends; invoices are a
// table keyed by the invoice key; quotas are charged with a conditional UPDATE whose
// WHERE clause re-checks the cap against the committed row (and a CHECK constraint holds
// the invariant); record updates compare-and-set on the version column; the audit table
// refuses UPDATE and DELETE through triggers. PostgreSQL serialisation failures and
// deadlocks are retried.
//
// It must never import net/http or another driver package of cxq.
package sqlstore
