package main

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"

	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/sqlstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// runDriver measures cxq and, for a SQL driver, the floor at each client count, each on
// a fresh database, rounds times in turn, and prints the median round of each; chunk
// applications at a time take turns with the floor's (see runSQL).
func runDriver(ctx context.Context, driver string, clients []int, n, mem, chunk, rounds int, p payloads) error {
	for _, c := range clients {
		if driver == "postgres" && os.Getenv(pgtest.EnvVar) == "" {
			fmt.Printf("%-9s %7d  skipped: %s is not set\n", driver, c, pgtest.EnvVar)
			continue
		}
		var cxqs, floors []result
		for range rounds {
			switch driver {
			case "memstore":
				r, err := runCXQ(ctx, memstore.New(), mem, c)
				if err != nil {
					return fmt.Errorf("memstore: %w", err)
				}
				cxqs = append(cxqs, r)
			case "sqlite", "postgres":
				cxq, floor, err := runSQL(ctx, driver, n, chunk, c, p)
				if err != nil {
					return fmt.Errorf("%s: %w", driver, err)
				}
				cxqs, floors = append(cxqs, cxq), append(floors, floor)
			default:
				return fmt.Errorf("unknown driver %q", driver)
			}
		}
		if len(floors) == 0 {
			row(driver, c, median(cxqs), nil)
			continue
		}
		floor := median(floors)
		row(driver, c, median(cxqs), &floor)
	}
	return nil
}

// median returns the result of the median rate.
func median(rs []result) result {
	slices.SortFunc(rs, func(a, b result) int { return cmp.Compare(a.rate(), b.rate()) })
	return rs[len(rs)/2]
}

// runSQL measures cxq and the floor, each on its own fresh database, taking turns chunk
// by chunk of applications so that both run under the same load of a shared machine.
func runSQL(ctx context.Context, driver string, n, chunk, clients int, p payloads) (cxq, floor result, err error) {
	dir, err := os.MkdirTemp("", "cxq-lifecycle-")
	if err != nil {
		return cxq, floor, err
	}
	defer os.RemoveAll(dir)
	dsn := func(name string) (string, func(), error) {
		if driver == "sqlite" {
			return filepath.Join(dir, name+".db"), func() {}, nil
		}
		return pgSchema(ctx, name)
	}
	cxqDSN, dropCXQ, err := dsn("cxq")
	if err != nil {
		return cxq, floor, err
	}
	defer dropCXQ()
	st, err := sqlstore.Open(ctx, cxqDSN, nil)
	if err != nil {
		return cxq, floor, err
	}
	defer st.Close()
	w, jobs := prepareCXQ(st, n)
	floorDSN, dropFloor, err := dsn("floor")
	if err != nil {
		return cxq, floor, err
	}
	defer dropFloor()
	db, closeDB, err := openFloor(ctx, driver, floorDSN)
	if err != nil {
		return cxq, floor, err
	}
	defer closeDB()
	if err := floorInsert(ctx, db, p, n); err != nil {
		return cxq, floor, err
	}
	runtime.GC()
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		r, err := measure(hi-lo, func() (time.Duration, error) { return storetest.RunLifecycle(w, jobs[lo:hi], clients) })
		if err != nil {
			return cxq, floor, err
		}
		f, err := measure(hi-lo, func() (time.Duration, error) { return floorRun(ctx, db, p, lo, hi, clients) })
		if err != nil {
			return cxq, floor, err
		}
		cxq, floor = cxq.add(r), floor.add(f)
	}
	return cxq, floor, verified(ctx, w)
}

// openFloor migrates a fresh database with sqlstore (so the floor writes into the same
// tables, indexes and triggers) and opens it bare: database/sql with sqlstore's SQLite
// settings, or a pgx pool.
func openFloor(ctx context.Context, driver, dsn string) (floorDB, func(), error) {
	st, err := sqlstore.Open(ctx, dsn, nil)
	if err != nil {
		return nil, nil, err
	}
	_ = st.Close()
	if driver == "sqlite" {
		db, err := sql.Open("sqlite", sqlstore.SQLiteDSN(dsn, 10*time.Second))
		if err != nil {
			return nil, nil, err
		}
		db.SetMaxOpenConns(32)
		db.SetMaxIdleConns(32)
		return sqlFloor{db: db, stmts: &sync.Map{}}, func() { _ = db.Close() }, nil
	}
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	return pgxFloor{pool}, pool.Close, nil
}

// pgSchema creates a fresh schema on the CXQ_TEST_POSTGRES server and returns a URL
// whose search_path is it, and how to drop it.
func pgSchema(ctx context.Context, name string) (string, func(), error) {
	base := os.Getenv(pgtest.EnvVar)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	schema := fmt.Sprintf("cxq_lifecycle_%s_%d", name, time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		_ = admin.Close()
		return "", nil, err
	}
	drop := func() {
		_, _ = admin.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		_ = admin.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
