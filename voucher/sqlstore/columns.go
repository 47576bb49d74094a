package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// CheckColumns reports a record row whose columns (state, district, assignee, the live
// marker, amounts and names that lists filter and sort on) do not say what its JSON says:
// the JSON is what the audit trail covers, the columns are what lists read, so an edit of
// a column alone would mislead every list while the trail verified. It fails as
// VerifyAudit does, with a *cxq.TamperError (voucher.ColumnChecker).
func (t *tx) CheckColumns(ctx context.Context) error {
	if err := checkColumns(ctx, t, applications, voucher.StreamApplication); err != nil {
		return err
	}
	return checkColumns(ctx, t, redemptions, voucher.StreamRedemption)
}

func checkColumns[T any](ctx context.Context, t *tx, r *recordTable[T], stream string) error {
	var zero T
	cols, _ := r.columns(&zero, "")
	rows, err := t.q.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+r.table)
	if err != nil {
		return t.s.wrap(err)
	}
	defer rows.Close()
	for rows.Next() {
		got := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range got {
			ptrs[i] = &got[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return t.s.wrap(err)
		}
		if err := rowMatches(r, cols, got, stream); err != nil {
			return err
		}
	}
	return t.s.wrap(rows.Err())
}

// rowMatches compares the scanned columns of one row with those its JSON gives.
func rowMatches[T any](r *recordTable[T], cols []string, got []any, stream string) error {
	var data string
	for i, c := range cols {
		if c == "data" {
			data = text(got[i])
		}
	}
	var v T
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		return &cxq.TamperError{Stream: stream, Reason: "a row's JSON does not decode"}
	}
	_, want := r.columns(&v, data)
	id := r.core(&v).ID
	for i, c := range cols {
		if text(got[i]) != text(want[i]) {
			return &cxq.TamperError{Stream: voucher.StreamOf(stream, id), Seq: r.core(&v).AuditSeq,
				Reason: "column " + c + " does not match the record"}
		}
	}
	return nil
}

// text is a column value as text, whatever type the driver scanned it as.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "\x00NULL"
	case []byte:
		return string(x)
	case sql.NullString:
		if !x.Valid {
			return "\x00NULL"
		}
		return x.String
	}
	return fmt.Sprint(v)
}
