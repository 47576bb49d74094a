package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

func (t *tx) ClaimInvoice(ctx context.Context, key, redemptionID string) error {
	if _, err := t.exec(ctx, `INSERT INTO invoices (invoice_key, redemption_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		key, redemptionID); err != nil {
		return err
	}
	var holder string
	if err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT redemption_id FROM invoices WHERE invoice_key = ?`), key).Scan(&holder); err != nil {
		return t.s.wrap(err)
	}
	if holder != redemptionID {
		return fmt.Errorf("sqlstore: invoice %q backs redemption %q: %w", key, holder, cxq.ErrConflict)
	}
	return nil
}

func (t *tx) ReleaseInvoice(ctx context.Context, key, redemptionID string) error {
	_, err := t.exec(ctx, `DELETE FROM invoices WHERE invoice_key = ? AND redemption_id = ?`, key, redemptionID)
	return err
}

const quotaCols = `cap_fen, reserved_fen, consumed_fen, claims, ban`

func scanQuota(k voucher.QuotaKey, row row) (voucher.Quota, error) {
	var c, r, u int64
	var claims int
	var ban string
	if err := row.Scan(&c, &r, &u, &claims, &ban); err != nil {
		return voucher.Quota{Key: k}, err
	}
	return quotaOf(k, c, r, u, claims, ban)
}

// quotaOf builds a quota from its columns.
func quotaOf(k voucher.QuotaKey, c, r, u int64, claims int, ban string) (voucher.Quota, error) {
	q := voucher.Quota{Key: k, Cap: cxq.Fen(c), Reserved: cxq.Fen(r), Consumed: cxq.Fen(u), Claims: claims}
	if ban != "" {
		var b policy.Ban
		if err := json.Unmarshal([]byte(ban), &b); err != nil {
			return q, err
		}
		q.Ban = &b
	}
	return q, nil
}

func (t *tx) Quota(ctx context.Context, k voucher.QuotaKey) (voucher.Quota, error) {
	q, err := scanQuota(k, t.q.QueryRowContext(ctx, t.s.rebind(`SELECT `+quotaCols+` FROM quotas
		WHERE enterprise_id = ? AND policy_id = ? AND year = ?`), k.EnterpriseID, k.PolicyID, k.Period))
	if errors.Is(err, sql.ErrNoRows) {
		return voucher.Quota{Key: k}, nil
	}
	return q, t.s.wrap(err)
}

// ChargeQuota reserves with one upsert: a new row is inserted only when the amount fits
// the cap, an existing one is updated only when its WHERE clause, which the database
// re-checks against the committed row under its row lock, still holds, so concurrent
// charges can never pass the cap together. No row back means the charge does not fit;
// only then is the row created (to record the cap, as a successful charge would) and
// read for the error.
func (t *tx) ChargeQuota(ctx context.Context, k voucher.QuotaKey, limit, amount cxq.Money) (voucher.Quota, error) {
	if amount.IsNegative() {
		return voucher.Quota{}, fmt.Errorf("sqlstore: negative quota charge: %w", cxq.ErrInvalid)
	}
	if !t.write {
		return voucher.Quota{}, errReadOnly
	}
	a, c := amount.Fen(), limit.Fen()
	q, err := scanQuota(k, t.q.QueryRowContext(ctx, t.s.rebind(`INSERT INTO quotas
		(enterprise_id, policy_id, year, cap_fen, reserved_fen, consumed_fen, claims)
		SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT), 0, 1
		WHERE CAST(? AS BIGINT) <= CAST(? AS BIGINT)
		ON CONFLICT (enterprise_id, policy_id, year) DO UPDATE
		SET cap_fen = excluded.cap_fen, reserved_fen = quotas.reserved_fen + excluded.reserved_fen, claims = quotas.claims + 1
		WHERE quotas.reserved_fen + quotas.consumed_fen + excluded.reserved_fen <= excluded.cap_fen
		RETURNING `+quotaCols), k.EnterpriseID, k.PolicyID, k.Period, c, a, a, c))
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := t.exec(ctx, `INSERT INTO quotas (enterprise_id, policy_id, year, cap_fen, reserved_fen, consumed_fen)
			VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING`, k.EnterpriseID, k.PolicyID, k.Period, c); err != nil {
			return voucher.Quota{}, err
		}
		cur, err := t.Quota(ctx, k)
		if err != nil {
			return cur, err
		}
		return cur, &voucher.QuotaError{Key: k, Cap: limit, Used: cur.Used(), Amount: amount}
	}
	return q, t.s.wrap(err)
}

func (t *tx) ReclaimQuota(ctx context.Context, k voucher.QuotaKey, amount cxq.Money) (voucher.Quota, error) {
	if !t.write {
		return voucher.Quota{}, errReadOnly
	}
	if amount.IsNegative() {
		return voucher.Quota{}, fmt.Errorf("sqlstore: negative reclaim: %w", cxq.ErrInvalid)
	}
	q, err := scanQuota(k, t.q.QueryRowContext(ctx, t.s.rebind(`UPDATE quotas SET consumed_fen = consumed_fen - ?
		WHERE enterprise_id = ? AND policy_id = ? AND year = ? AND consumed_fen >= ?
		RETURNING `+quotaCols), amount.Fen(), k.EnterpriseID, k.PolicyID, k.Period, amount.Fen()))
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("sqlstore: reclaim %s on %s: less was consumed: %w", amount, k, cxq.ErrConflict)
	}
	return q, t.s.wrap(err)
}

func (t *tx) ReleaseQuota(ctx context.Context, k voucher.QuotaKey, amount cxq.Money) (voucher.Quota, error) {
	return t.settle(ctx, k, amount, cxq.Money{}, 1)
}

func (t *tx) SettleQuota(ctx context.Context, k voucher.QuotaKey, reserved, paid cxq.Money) (voucher.Quota, error) {
	if paid.GreaterThan(reserved) || paid.IsNegative() {
		return voucher.Quota{}, fmt.Errorf("sqlstore: settle %s paid against %s reserved: %w", paid, reserved, cxq.ErrInvalid)
	}
	return t.settle(ctx, k, reserved, paid, 0)
}

// settle releases reserved, consumes paid and takes back drop claims in one
// conditional UPDATE.
func (t *tx) settle(ctx context.Context, k voucher.QuotaKey, reserved, paid cxq.Money, drop int) (voucher.Quota, error) {
	if !t.write {
		return voucher.Quota{}, errReadOnly
	}
	if reserved.IsNegative() {
		return voucher.Quota{}, fmt.Errorf("sqlstore: negative release: %w", cxq.ErrInvalid)
	}
	r, p := reserved.Fen(), paid.Fen()
	q, err := scanQuota(k, t.q.QueryRowContext(ctx, t.s.rebind(`UPDATE quotas
		SET reserved_fen = reserved_fen - ?, consumed_fen = consumed_fen + ?,
			claims = CASE WHEN claims >= ? THEN claims - ? ELSE 0 END
		WHERE enterprise_id = ? AND policy_id = ? AND year = ? AND reserved_fen >= ?
		RETURNING `+quotaCols), r, p, drop, drop, k.EnterpriseID, k.PolicyID, k.Period, r))
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("sqlstore: release %s on %s: less is reserved: %w", reserved, k, cxq.ErrConflict)
	}
	return q, t.s.wrap(err)
}

func (t *tx) BanQuota(ctx context.Context, k voucher.QuotaKey, ban policy.Ban) (voucher.Quota, error) {
	b, err := json.Marshal(ban)
	if err != nil {
		return voucher.Quota{}, err
	}
	if _, err := t.exec(ctx, `INSERT INTO quotas (enterprise_id, policy_id, year, cap_fen, reserved_fen, consumed_fen)
		VALUES (?, ?, ?, 0, 0, 0) ON CONFLICT DO NOTHING`, k.EnterpriseID, k.PolicyID, k.Period); err != nil {
		return voucher.Quota{}, err
	}
	if _, err := t.exec(ctx, `UPDATE quotas SET ban = ? WHERE enterprise_id = ? AND policy_id = ? AND year = ?`,
		string(b), k.EnterpriseID, k.PolicyID, k.Period); err != nil {
		return voucher.Quota{}, err
	}
	return t.Quota(ctx, k)
}

func (t *tx) Quotas(ctx context.Context) ([]voucher.Quota, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT enterprise_id, policy_id, year, `+quotaCols+` FROM quotas`)
	if err != nil {
		return nil, t.s.wrap(err)
	}
	defer rows.Close()
	var out []voucher.Quota
	for rows.Next() {
		var k voucher.QuotaKey
		var c, r, u int64
		var claims int
		var ban string
		if err := rows.Scan(&k.EnterpriseID, &k.PolicyID, &k.Period, &c, &r, &u, &claims, &ban); err != nil {
			return nil, err
		}
		q, err := quotaOf(k, c, r, u, claims, ban)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// AuditTail reads the tail row; on PostgreSQL FOR UPDATE holds it until the transaction
// ends, so concurrent appends queue in order (SQLite transactions already run one at a
// time).
func (t *tx) AuditTail(ctx context.Context) (voucher.AuditTail, error) {
	q := `SELECT pos, hash FROM audit_tail WHERE id = 1`
	if t.s.dialect == Postgres && t.write {
		q += ` FOR UPDATE`
	}
	var tail voucher.AuditTail
	err := t.q.QueryRowContext(ctx, q).Scan(&tail.Pos, &tail.Hash)
	return tail, t.s.wrap(err)
}

func (t *tx) AppendAudit(ctx context.Context, e voucher.AuditEntry) error {
	if t.s.dialect == Postgres {
		return t.appendAuditPG(ctx, e)
	}
	if _, err := t.exec(ctx, `INSERT INTO audit (pos, chain, stream, seq, at, actor, role, action, from_state, to_state,
		note, content, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Pos, e.Chain, e.Stream, e.Seq,
		e.At.UnixMicro(), e.Actor, string(e.Role), e.Action, e.From, e.To, e.Note, e.Content, e.Prev, e.Hash); err != nil {
		return err
	}
	res, err := t.exec(ctx, `UPDATE audit_tail SET pos = ?, hash = ? WHERE id = 1 AND pos = ?`, e.Pos, e.Hash, e.Pos-1)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("sqlstore: audit position %d is not the trail's next: %w", e.Pos, cxq.ErrConflict)
	}
	return nil
}

// auditCols are the columns of an audit entry, in scanEntry's order.
const auditCols = `pos, chain, stream, seq, at, actor, role, action, from_state, to_state, note, content, prev, hash`

// appendAuditPG moves the tail and inserts the entry in one statement, one round trip:
// the insert takes its row from the tail's update, so an entry that is not the tail's
// next inserts nothing.
func (t *tx) appendAuditPG(ctx context.Context, e voucher.AuditEntry) error {
	return t.writeLater(ctx, oneRow(func() error {
		return fmt.Errorf("sqlstore: audit position %d is not the trail's next: %w", e.Pos, cxq.ErrConflict)
	}),
		`WITH moved AS (UPDATE audit_tail SET pos = ?, hash = ? WHERE id = 1 AND pos = ? RETURNING pos)
		INSERT INTO audit (pos, chain, stream, seq, at, actor, role, action, from_state, to_state, note, content, prev, hash)
		SELECT moved.pos, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM moved`, e.Pos, e.Hash, e.Pos-1,
		e.Chain, e.Stream, e.Seq, e.At.UnixMicro(), e.Actor, string(e.Role), e.Action, e.From, e.To, e.Note, e.Content,
		e.Prev, e.Hash)
}

func (t *tx) Audit(ctx context.Context, stream string) ([]voucher.AuditEntry, error) {
	q := `SELECT ` + auditCols + ` FROM audit`
	var args []any
	order := ` ORDER BY pos`
	if stream != "" {
		q += ` WHERE stream = ?`
		args = append(args, stream)
		order = ` ORDER BY seq`
	}
	rows, err := t.q.QueryContext(ctx, t.s.rebind(q+order), args...)
	if err != nil {
		return nil, t.s.wrap(err)
	}
	defer rows.Close()
	var out []voucher.AuditEntry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditLast reads the stream's entry of the highest seq, through the (stream, seq) key.
func (t *tx) AuditLast(ctx context.Context, stream string) (voucher.AuditEntry, error) {
	e, err := scanEntry(t.q.QueryRowContext(ctx, t.s.rebind(`SELECT `+auditCols+` FROM audit WHERE stream = ?
		ORDER BY seq DESC LIMIT 1`), stream))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("sqlstore: audit stream %q: %w", stream, cxq.ErrNotFound)
	}
	return e, t.s.wrap(err)
}

// scanEntry scans the auditCols of one row.
func scanEntry(row interface{ Scan(...any) error }) (voucher.AuditEntry, error) {
	var e voucher.AuditEntry
	var at int64
	var role string
	if err := row.Scan(&e.Pos, &e.Chain, &e.Stream, &e.Seq, &at, &e.Actor, &role, &e.Action, &e.From, &e.To,
		&e.Note, &e.Content, &e.Prev, &e.Hash); err != nil {
		return e, err
	}
	e.At, e.Role = time.UnixMicro(at).UTC(), voucher.Role(role)
	return e, nil
}

func (t *tx) Idempotency(ctx context.Context, actorID, key string) (voucher.Idempotency, error) {
	rec := voucher.Idempotency{ActorID: actorID, Key: key}
	var result string
	var at int64
	err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT op, request, result, at FROM idempotency WHERE actor_id = ? AND key = ?`),
		actorID, key).Scan(&rec.Op, &rec.Request, &result, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, fmt.Errorf("sqlstore: idempotency key %q: %w", key, cxq.ErrNotFound)
	}
	if err != nil {
		return rec, t.s.wrap(err)
	}
	rec.Result, rec.At = []byte(result), time.UnixMicro(at).UTC()
	return rec, nil
}

func (t *tx) SaveIdempotency(ctx context.Context, rec voucher.Idempotency) error {
	return t.writeLater(ctx, oneRow(func() error { return fmt.Errorf("sqlstore: idempotency key %q exists: %w", rec.Key, cxq.ErrConflict) }),
		`INSERT INTO idempotency (actor_id, key, op, request, result, at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (actor_id, key) DO UPDATE SET op = excluded.op, request = excluded.request, result = excluded.result,
		at = excluded.at WHERE idempotency.result = '' AND idempotency.op = excluded.op AND idempotency.request = excluded.request`,
		rec.ActorID, rec.Key, rec.Op, rec.Request, string(rec.Result), rec.At.UnixMicro())
}

var _ voucher.Store = (*Store)(nil)

func (t *tx) Upload(ctx context.Context, id string) (voucher.Upload, error) {
	var u voucher.Upload
	err := t.getJSON(ctx, &u, "upload", id, `SELECT data FROM uploads WHERE id = ?`, id)
	return u, err
}

func (t *tx) SaveUpload(ctx context.Context, u voucher.Upload) error {
	data, err := encode(u)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO uploads (id, owner, data) VALUES (?, ?, ?)`, u.ID, u.Owner, data)
	return err
}

func (t *tx) Uploads(ctx context.Context) ([]voucher.Upload, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT data FROM uploads`)
	if err != nil {
		return nil, t.s.wrap(err)
	}
	defer rows.Close()
	var out []voucher.Upload
	for rows.Next() {
		var data string
		var u voucher.Upload
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(data), &u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
