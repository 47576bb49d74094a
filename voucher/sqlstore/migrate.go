package sqlstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
)

//go:embed migrations
var migrations embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations of a dialect in order.
func Migrations(d Dialect) ([]Migration, error) {
	dir := path.Join("migrations", string(d))
	entries, err := migrations.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrations of %s: %w", d, err)
	}
	var out []Migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("sqlstore: migration %s is not named NNNN_name.sql", e.Name())
		}
		b, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("sqlstore: migration %s: numbers must run 1, 2, 3, … without gaps", m.Name)
		}
	}
	return out, nil
}

// migrate applies, each in its own transaction, the migrations the database lacks.
// Concurrent openers are serialised: by BEGIN IMMEDIATE on SQLite and by a transaction
// advisory lock on PostgreSQL, taken before anything is created (the table of applied
// migrations included: two processes starting on an empty schema at once must not both
// create it).
func (s *Store) migrate(ctx context.Context) error {
	ms, err := Migrations(s.dialect)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := s.applyPatiently(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// applyPatiently applies m, trying again while SQLite reports the database busy: stores
// opening a new file at the same moment each switch it to WAL, which takes the file
// whole for an instant, and SQLite may then refuse a connection without waiting its
// busy timeout.
func (s *Store) applyPatiently(ctx context.Context, m Migration) error {
	wait := 5 * time.Millisecond
	for try := 1; ; try++ {
		err := s.apply(ctx, m)
		if err == nil || s.dialect != SQLite || !errors.Is(err, ErrBusy) || try == 40 {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
		wait = min(2*wait, 250*time.Millisecond)
	}
}

// checkSchema fails unless every embedded migration has been applied.
func (s *Store) checkSchema(ctx context.Context) error {
	ms, err := Migrations(s.dialect)
	if err != nil {
		return err
	}
	var have int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM cxq_schema`).Scan(&have); err != nil {
		return fmt.Errorf("sqlstore: the schema is not migrated (run Migrate as its owner): %w", s.wrap(err))
	}
	if have != len(ms) {
		return fmt.Errorf("sqlstore: the schema has %d of %d migrations (run Migrate as its owner): %w", have, len(ms), cxq.ErrConflict)
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m Migration) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(err)
	}
	defer func() { _ = t.Rollback() }()
	if s.dialect == Postgres {
		if _, err := t.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7316031)`); err != nil {
			return err
		}
	}
	if _, err := t.ExecContext(ctx,
		`CREATE TABLE IF NOT EXISTS cxq_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlstore: create cxq_schema: %w", s.wrap(err))
	}
	var n int
	if err := t.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM cxq_schema WHERE version = ?`), m.Version).Scan(&n); err != nil {
		return s.wrap(err)
	}
	if n > 0 {
		return nil
	}
	if _, err := t.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("sqlstore: migration %s: %w", m.Name, s.wrap(err))
	}
	if _, err := t.ExecContext(ctx, s.rebind(`INSERT INTO cxq_schema (version, name) VALUES (?, ?)`), m.Version, m.Name); err != nil {
		return s.wrap(err)
	}
	return t.Commit()
}
