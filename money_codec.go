package cxq

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// String prints the amount with exactly two decimals, e.g. "4549.50" or "-7.05".
func (m Money) String() string {
	var buf [24]byte
	return string(m.AppendString(buf[:0]))
}

// AppendString appends String() to b and returns the extended slice, without allocating
// when b has room: texts that embed an amount are built with one allocation.
func (m Money) AppendString(b []byte) []byte {
	u := abs64(m.fen)
	if m.fen < 0 {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, u/100, 10)
	c := u % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// AppendText implements encoding.TextAppender with AppendString; it never fails.
func (m Money) AppendText(b []byte) ([]byte, error) { return m.AppendString(b), nil }

// Format implements fmt.Formatter so %v and %s print String().
func (m Money) Format(f fmt.State, verb rune) {
	var buf [24]byte
	_, _ = f.Write(m.AppendString(buf[:0]))
}

// MarshalJSON writes the amount as a JSON string, "4549.50".
func (m Money) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24)
	b = append(b, '"')
	return append(m.AppendString(b), '"'), nil
}

// UnmarshalJSON reads a JSON string (or a bare JSON number, read as text, never as a
// float) with ParseMoney's rules, except that a negative amount is read too: whatever
// MarshalJSON writes reads back, so a stored record that holds a negative amount (a
// claw-back, a correction) stays readable. Use cases refuse negative input themselves.
func (m *Money) UnmarshalJSON(b []byte) error { return unmarshalJSONText(b, m, parseSigned) }

// parseSigned is ParseMoney for an amount that may carry a minus sign.
func parseSigned(s string) (Money, error) {
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		v, err := ParseMoney(rest)
		return v.Neg(), err
	}
	return ParseMoney(t)
}

// unmarshalJSONText decodes a JSON string, or a bare JSON number taken as its text (never
// as a float), with parse, and stores the result in *dst only when parse succeeds. Money
// and Rate read their JSON this way.
func unmarshalJSONText[T any](b []byte, dst *T, parse func(string) (T, error)) error {
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, err := parse(s)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// MarshalText writes String(), so Money works as a map key and in encoding/xml and CSV.
func (m Money) MarshalText() ([]byte, error) { return m.AppendString(nil), nil }

// UnmarshalText reads what MarshalText writes, negative amounts included (see
// UnmarshalJSON).
func (m *Money) UnmarshalText(b []byte) error {
	v, err := parseSigned(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Value stores the amount as an int64 number of fen, the unit of every money column of
// the stores (BIGINT in PostgreSQL, INTEGER in SQLite).
func (m Money) Value() (driver.Value, error) { return m.fen, nil }

// Scan reads what Value writes, an int64 number of fen, and also exact decimal text in
// yuan (string or []byte such as "4549.50", as a NUMERIC column returns it); negative
// amounts are allowed, as the database holds what was stored. NULL reads as zero. A
// float64 is refused, since it may already have lost precision, and so is text with
// more than two decimals or beyond the range of int64 fen.
func (m *Money) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*m = Fen(v)
		return nil
	case string:
		return m.scanText(v)
	case []byte:
		return m.scanText(string(v))
	case nil:
		*m = Money{}
		return nil
	default:
		return fmt.Errorf("cxq: cannot scan %T into Money without losing precision", src)
	}
}

func (m *Money) scanText(s string) error {
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("cxq: scan Money: %w", err)
	}
	fen := d.Shift(2)
	if !fen.IsInteger() {
		return fmt.Errorf("cxq: scan Money: %q has more than two decimals", s)
	}
	if i := fen.BigInt(); i.IsInt64() {
		*m = Fen(i.Int64())
		return nil
	}
	return fmt.Errorf("cxq: scan Money: %q is out of range", s)
}
