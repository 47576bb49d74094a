package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

func (t *tx) AppendNotice(ctx context.Context, n voucher.Notice) error {
	data, err := encode(n)
	if err != nil {
		return err
	}
	return t.writeLater(ctx, nil, `INSERT INTO notices (id, subject, state, next_try, data) VALUES (?, ?, ?, ?, ?)`,
		n.ID, n.Subject, string(n.State), n.NextTry.UnixMicro(), data)
}

func (t *tx) Notice(ctx context.Context, id string) (voucher.Notice, error) {
	var n voucher.Notice
	err := t.getJSON(ctx, &n, "notice", id, `SELECT data FROM notices WHERE id = ?`, id)
	return n, err
}

func (t *tx) UpdateNotice(ctx context.Context, n voucher.Notice) error {
	data, err := encode(n)
	if err != nil {
		return err
	}
	return t.writeLater(ctx, oneRow(func() error { return fmt.Errorf("sqlstore: notice %q: %w", n.ID, cxq.ErrNotFound) }),
		`UPDATE notices SET subject = ?, state = ?, next_try = ?, data = ? WHERE id = ?`,
		n.Subject, string(n.State), n.NextTry.UnixMicro(), data, n.ID)
}

func (t *tx) Notices(ctx context.Context, f voucher.NoticeFilter) ([]voucher.Notice, error) {
	var where []string
	var args []any
	if f.State != "" {
		where, args = append(where, `state = ?`), append(args, string(f.State))
	}
	if f.Subject != "" {
		where, args = append(where, `subject = ?`), append(args, f.Subject)
	}
	if !f.ReadyBy.IsZero() {
		where, args = append(where, `next_try <= ?`), append(args, f.ReadyBy.UnixMicro())
	}
	q := `SELECT data FROM notices`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY next_try, id`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	var out []voucher.Notice
	err := t.scanJSON(ctx, q, args, func(data string) error {
		var n voucher.Notice
		err := json.Unmarshal([]byte(data), &n)
		out = append(out, n)
		return err
	})
	return out, err
}

// scanJSON runs q and hands each row's single data column to each.
func (t *tx) scanJSON(ctx context.Context, q string, args []any, each func(string) error) error {
	rows, err := t.q.QueryContext(ctx, t.s.rebind(q), args...)
	if err != nil {
		return t.s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return t.s.wrap(err)
		}
		if err := each(data); err != nil {
			return err
		}
	}
	return t.s.wrap(rows.Err())
}

func (t *tx) DeliverMessage(ctx context.Context, m voucher.Message) (bool, error) {
	read := m.Read
	m.Read = time.Time{}
	data, err := encode(m)
	if err != nil {
		return false, err
	}
	res, err := t.exec(ctx, `INSERT INTO messages (id, recipient, at, read_at, data) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, m.ID, m.To, m.At.UnixMicro(), readMicros(read), data)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func readMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// inboxes is the condition "recipient is one of to", with its arguments.
func inboxes(to []string) (string, []any) {
	args := make([]any, len(to))
	for i, a := range to {
		args[i] = a
	}
	return `recipient IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(to)), ", ") + `)`, args
}

func (t *tx) Messages(ctx context.Context, f voucher.MessageFilter) ([]voucher.Message, int, error) {
	if len(f.To) == 0 {
		return nil, 0, nil
	}
	cond, args := inboxes(f.To)
	if f.Unread {
		cond += ` AND read_at = 0`
	}
	var total int
	if err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT COUNT(*) FROM messages WHERE `+cond), args...).Scan(&total); err != nil {
		return nil, 0, t.s.wrap(err)
	}
	q := `SELECT read_at, data FROM messages WHERE ` + cond + ` ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	if f.Offset > 0 {
		if f.Limit <= 0 && t.s.dialect == SQLite {
			q += ` LIMIT -1`
		}
		q += ` OFFSET ` + strconv.Itoa(f.Offset)
	}
	rows, err := t.q.QueryContext(ctx, t.s.rebind(q), args...)
	if err != nil {
		return nil, 0, t.s.wrap(err)
	}
	defer rows.Close()
	var out []voucher.Message
	for rows.Next() {
		var read int64
		var data string
		var m voucher.Message
		if err := rows.Scan(&read, &data); err != nil {
			return nil, 0, t.s.wrap(err)
		}
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			return nil, 0, err
		}
		if read != 0 {
			m.Read = time.UnixMicro(read).UTC()
		}
		out = append(out, m)
	}
	return out, total, t.s.wrap(rows.Err())
}

func (t *tx) UnreadMessages(ctx context.Context, to []string) (int, error) {
	if len(to) == 0 {
		return 0, nil
	}
	cond, args := inboxes(to)
	var n int
	err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT COUNT(*) FROM messages WHERE `+cond+` AND read_at = 0`), args...).Scan(&n)
	return n, t.s.wrap(err)
}

func (t *tx) ReadMessage(ctx context.Context, to []string, id string, at time.Time) error {
	if !t.write {
		return errReadOnly
	}
	if len(to) == 0 {
		return fmt.Errorf("sqlstore: message %q: %w", id, cxq.ErrNotFound)
	}
	cond, args := inboxes(to)
	var read int64
	err := t.q.QueryRowContext(ctx, t.s.rebind(`SELECT read_at FROM messages WHERE id = ? AND `+cond),
		append([]any{id}, args...)...).Scan(&read)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("sqlstore: message %q: %w", id, cxq.ErrNotFound)
	}
	if err != nil || read != 0 {
		return t.s.wrap(err)
	}
	_, err = t.exec(ctx, `UPDATE messages SET read_at = ? WHERE id = ? AND read_at = 0`, at.UnixMicro(), id)
	return err
}
