package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

const docCols = `kind, id, subject, state, version, created, audit_head, audit_seq, data`

func scanDoc(row interface{ Scan(...any) error }) (voucher.Doc, error) {
	var d voucher.Doc
	var created int64
	err := row.Scan(&d.Kind, &d.ID, &d.Subject, &d.State, &d.Version, &created, &d.AuditHead, &d.AuditSeq, &d.Data)
	d.Created = time.UnixMicro(created).UTC()
	return d, err
}

func (t *tx) Doc(ctx context.Context, kind, id string) (voucher.Doc, error) {
	d, err := scanDoc(t.q.QueryRowContext(ctx, t.s.rebind(`SELECT `+docCols+` FROM docs WHERE kind = ? AND id = ?`), kind, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("sqlstore: %s %q: %w", kind, id, cxq.ErrNotFound)
	}
	return d, t.s.wrap(err)
}

func (t *tx) CreateDoc(ctx context.Context, d voucher.Doc) error {
	if d.Version != 1 {
		return fmt.Errorf("sqlstore: %s %q created at version %d: %w", d.Kind, d.ID, d.Version, cxq.ErrConflict)
	}
	_, err := t.exec(ctx, `INSERT INTO docs (`+docCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Kind, d.ID, d.Subject, d.State, d.Version, d.Created.UnixMicro(), d.AuditHead, d.AuditSeq, d.Data)
	return err
}

func (t *tx) UpdateDoc(ctx context.Context, d voucher.Doc) error {
	res, err := t.exec(ctx, `UPDATE docs SET subject = ?, state = ?, version = ?, audit_head = ?, audit_seq = ?, data = ?
		WHERE kind = ? AND id = ? AND version = ?`,
		d.Subject, d.State, d.Version, d.AuditHead, d.AuditSeq, d.Data, d.Kind, d.ID, d.Version-1)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return t.s.wrap(err)
	}
	if _, err := t.Doc(ctx, d.Kind, d.ID); err != nil {
		return err
	}
	return fmt.Errorf("sqlstore: %s %q changed since it was read: %w", d.Kind, d.ID, cxq.ErrConflict)
}

func (t *tx) Docs(ctx context.Context, f voucher.DocFilter) ([]voucher.Doc, error) {
	var where []string
	var args []any
	for _, c := range []struct{ col, v string }{{"kind", f.Kind}, {"subject", f.Subject}, {"state", f.State}} {
		if c.v != "" {
			where, args = append(where, c.col+` = ?`), append(args, c.v)
		}
	}
	q := `SELECT ` + docCols + ` FROM docs`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	rows, err := t.q.QueryContext(ctx, t.s.rebind(q+` ORDER BY created, id`), args...)
	if err != nil {
		return nil, t.s.wrap(err)
	}
	defer rows.Close()
	var out []voucher.Doc
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, t.s.wrap(err)
		}
		out = append(out, d)
	}
	return out, t.s.wrap(rows.Err())
}
