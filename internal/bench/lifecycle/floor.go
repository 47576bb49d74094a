package main

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The floor performs, per application, the row writes cxq's four transactions make —
// submit: the quota upsert, two audit entries (quota and application) each moving the
// trail's tail, the application row, its outbox notices and the idempotency record;
// district approval, assignment and professional approval: one audit entry and its
// tail, the application row, the outbox notices of the change (the professional
// approval's include the voucher's deadline reminders) and the idempotency record —
// with nothing else: no reads, no JSON, no hashing. The rows carry the bytes cxq stored
// for a sampled application (samplePayloads). It writes into the tables of a database
// sqlstore migrated, with its indexes, triggers and settings, so the difference to cxq
// is cxq's own cost.

// floorTx is one transaction of the floor.
type floorTx interface {
	exec(q string, args ...any) error
	// int runs q and scans the one integer it returns.
	int(q string, args ...any) (int64, error)
}

// floorDB runs floor transactions on one database.
type floorDB interface {
	update(ctx context.Context, fn func(floorTx) error) error
	exec(ctx context.Context, q string, args ...any) error
}

// payloads are what the floor writes, as cxq stored it for one application: the draft's
// JSON and, for each of the four transactions, what it stored.
type payloads struct {
	draft string
	steps [4]stepPayload // submitted, district-approved, assigned, approved
}

// stepPayload is what one transaction stores: the application's JSON, the idempotency
// result of the call and the notices it adds to the outbox.
type stepPayload struct {
	app, result string
	notices     []noticeRow
}

// noticeRow is one row of the outbox, but for its ID and subject.
type noticeRow struct {
	state   string
	nextTry int64
	data    string
}

// describe says what the floor writes per application besides the audit entries.
func (p payloads) describe() string {
	var notices, bytes int
	parts := make([]string, len(p.steps))
	for i, sp := range p.steps {
		notices += len(sp.notices)
		for _, n := range sp.notices {
			bytes += len(n.data)
		}
		parts[i] = fmt.Sprintf("%d+%d", len(sp.app), len(sp.result))
	}
	return fmt.Sprintf("application JSON + idempotency result bytes per transaction %s; %d outbox notices (%d bytes)",
		strings.Join(parts, ", "), notices, bytes)
}

const fakeHash = "9f2c7d1e5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d"

// floorInsert stores the draft rows of n applications before the clock starts.
func floorInsert(ctx context.Context, db floorDB, p payloads, n int) error {
	for i := range n {
		id := "F" + strconv.Itoa(i)
		if err := db.exec(ctx, `INSERT INTO applications (id, order_id, live_order, enterprise_id, product, provider,
			state, district, assignee, amount_fen, created, since, version, audit_head, data)
			VALUES (?, ?, ?, ?, '气相色谱仪', '天津大学', 'draft', '', '', 400000, ?, ?, 1, ?, ?)`,
			id, "O"+id, "O"+id, "B"+strconv.Itoa(i/40), int64(i), int64(i), fakeHash, p.draft); err != nil {
			return err
		}
	}
	return nil
}

// floorRun takes the applications lo to hi−1 through the four transactions with clients
// concurrent callers and returns the time it took.
func floorRun(ctx context.Context, db floorDB, p payloads, lo, hi, clients int) (time.Duration, error) {
	next := make(chan int, hi-lo)
	for i := lo; i < hi; i++ {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	errs := make([]error, clients)
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := floorApp(ctx, db, p, i); err != nil && errs[c] == nil {
					errs[c] = err
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, err := range errs {
		if err != nil {
			return elapsed, err
		}
	}
	return elapsed, nil
}

// floorApp is one application's four transactions.
func floorApp(ctx context.Context, db floorDB, p payloads, i int) error {
	id, ent := "F"+strconv.Itoa(i), "B"+strconv.Itoa(i/40)
	states := []string{"district_review", "professional_review", "professional_review", "approved"}
	for step, state := range states {
		err := db.update(ctx, func(tx floorTx) error {
			if step == 0 {
				if err := tx.exec(`INSERT INTO quotas (enterprise_id, policy_id, year, cap_fen, reserved_fen, consumed_fen, claims)
					VALUES (?, 'tianjin-2025', 2025, 1000000000, 400000, 0, 1) ON CONFLICT (enterprise_id, policy_id, year)
					DO UPDATE SET reserved_fen = quotas.reserved_fen + excluded.reserved_fen, claims = quotas.claims + 1`, ent); err != nil {
					return err
				}
				if err := floorAudit(tx, "quota/"+ent+"/tianjin-2025/2025", int64(i+1)); err != nil {
					return err
				}
			}
			if err := floorAudit(tx, "application/"+id, int64(step+2)); err != nil {
				return err
			}
			sp := p.steps[step]
			if err := tx.exec(`UPDATE applications SET live_order = ?, state = ?, district = '河西区', assignee = ?, since = ?,
				version = ?, audit_head = ?, data = ? WHERE id = ? AND version = ?`, "O"+id, state, "", int64(step),
				int64(step+2), fakeHash, sp.app, id, int64(step+1)); err != nil {
				return err
			}
			for k, n := range sp.notices {
				if err := tx.exec(`INSERT INTO notices (id, subject, state, next_try, data) VALUES (?, ?, ?, ?, ?)`,
					id+"-"+strconv.Itoa(step)+"-"+strconv.Itoa(k), "application/"+id, n.state, n.nextTry, n.data); err != nil {
					return err
				}
			}
			return tx.exec(`INSERT INTO idempotency (actor_id, key, op, request, result, at) VALUES (?, ?, ?, ?, ?, ?)`,
				"u-"+ent, id+"-"+strconv.Itoa(step), "ReviewApplication", fakeHash, sp.result, int64(i))
		})
		if err != nil {
			return fmt.Errorf("floor %s step %d: %w", id, step, err)
		}
	}
	return nil
}

// floorAudit appends one entry to the trail: it moves the tail and inserts the entry at
// the new position.
func floorAudit(tx floorTx, stream string, seq int64) error {
	pos, err := tx.int(`UPDATE audit_tail SET pos = pos + 1, hash = ? WHERE id = 1 RETURNING pos`, fakeHash)
	if err != nil {
		return err
	}
	return tx.exec(`INSERT INTO audit (pos, chain, stream, seq, at, actor, role, action, from_state, to_state, note,
		content, prev, hash) VALUES (?, ?, ?, ?, ?, 'u-district', 'district_reviewer', 'approve', 'district_review',
		'professional_review', '', ?, ?, ?)`, pos, fakeHash, stream, seq, pos, fakeHash, fakeHash, fakeHash)
}

// sqlFloor is the floor over database/sql (SQLite), with each statement prepared once,
// as sqlstore prepares its own.
type sqlFloor struct {
	db    *sql.DB
	stmts *sync.Map // query → *sql.Stmt
}

type sqlFloorTx struct {
	ctx context.Context
	f   sqlFloor
	tx  *sql.Tx
}

func (f sqlFloor) update(ctx context.Context, fn func(floorTx) error) error {
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(sqlFloorTx{ctx, f, tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (f sqlFloor) exec(ctx context.Context, q string, args ...any) error {
	_, err := f.db.ExecContext(ctx, q, args...)
	return err
}

// stmt returns q prepared in the transaction.
func (t sqlFloorTx) stmt(q string) (*sql.Stmt, error) {
	st, ok := t.f.stmts.Load(q)
	if !ok {
		p, err := t.f.db.PrepareContext(t.ctx, q)
		if err != nil {
			return nil, err
		}
		st, _ = t.f.stmts.LoadOrStore(q, p)
	}
	return t.tx.StmtContext(t.ctx, st.(*sql.Stmt)), nil
}

func (t sqlFloorTx) exec(q string, args ...any) error {
	st, err := t.stmt(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, args...)
	return err
}

func (t sqlFloorTx) int(q string, args ...any) (int64, error) {
	st, err := t.stmt(q)
	if err != nil {
		return 0, err
	}
	var v int64
	err = st.QueryRowContext(t.ctx, args...).Scan(&v)
	return v, err
}

// pgxFloor is the floor over a pgx pool (PostgreSQL), without database/sql.
type pgxFloor struct{ pool *pgxpool.Pool }

type pgxFloorTx struct {
	ctx context.Context
	tx  pgx.Tx
}

func (f pgxFloor) update(ctx context.Context, fn func(floorTx) error) error {
	return pgx.BeginFunc(ctx, f.pool, func(tx pgx.Tx) error { return fn(pgxFloorTx{ctx, tx}) })
}

func (f pgxFloor) exec(ctx context.Context, q string, args ...any) error {
	_, err := f.pool.Exec(ctx, dollars(q), args...)
	return err
}

func (t pgxFloorTx) exec(q string, args ...any) error {
	_, err := t.tx.Exec(t.ctx, dollars(q), args...)
	return err
}

func (t pgxFloorTx) int(q string, args ...any) (int64, error) {
	var v int64
	err := t.tx.QueryRow(t.ctx, dollars(q), args...).Scan(&v)
	return v, err
}

// dollars turns ? placeholders into $1, $2, … for PostgreSQL.
func dollars(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
