package cxq

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Money is an amount in CNY (人民币元) with fen (分) precision. It is immutable; the zero
// value is 0.00. Arithmetic never passes through float64.
//
// Money × Money does not compile: scale an amount with a [Rate] through [Money.MulRate].
type Money struct {
	d decimal.Decimal // always exactly two decimal places of precision
}

// MaxMoney returns the largest amount ParseMoney accepts: 10^12 yuan. The bound is
// package state no caller can change; each call returns the same value.
func MaxMoney() Money { return Money{d: maxMoney} }

// maxMoney is the bound ParseMoney enforces (10^12 yuan). It is never reassigned.
var maxMoney = decimal.New(1, 12)

var hundred = decimal.NewFromInt(100)

// Fen returns the amount of n fen.
func Fen(n int64) Money { return Money{d: decimal.New(n, -2)} }

// Yuan returns the amount of n whole yuan.
func Yuan(n int64) Money { return Money{d: decimal.New(n, 0)} }

// MustMoney parses s with ParseMoney and panics on error; for constants in tests and
// examples only.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// Codes of the errors ParseMoney returns.
const (
	CodeMoneyEmpty     = "money_empty"
	CodeMoneySyntax    = "money_syntax"    // not a plain decimal number (NaN, exponent, letters)
	CodeMoneyPrecision = "money_precision" // more than two decimals
	CodeMoneyNegative  = "money_negative"
	CodeMoneyTooLarge  = "money_too_large" // params: max
)

// ParseMoney reads an amount such as "4549.5", "4549.50", "4,549.50", "¥4549.50", "4549.50元"
// or the same in full-width digits. It rejects empty input, NaN and infinities, exponents
// ("1e9"), more than two decimals ("4000.001"), negative amounts and amounts above
// [MaxMoney], each with its own code in a *FieldError (which matches ErrInvalid).
func ParseMoney(s string) (Money, error) {
	t := normalizeMoney(s)
	if t == "" {
		return Money{}, moneyErr(CodeMoneyEmpty, nil, T("金额不能为空", "amount is required"))
	}
	t, ok := ungroup(t)
	if !ok {
		return Money{}, moneyErr(CodeMoneySyntax, map[string]string{"value": clip(s, 40)},
			T("金额格式不正确：{value}", "amount is not a plain decimal number: {value}"))
	}
	if strings.HasPrefix(t, "-") {
		rest := strings.TrimPrefix(t, "-")
		if isPlainDecimal(rest) {
			return Money{}, moneyErr(CodeMoneyNegative, nil, T("金额不能为负数", "amount must not be negative"))
		}
	}
	t = strings.TrimPrefix(t, "+")
	if !isPlainDecimal(t) {
		return Money{}, moneyErr(CodeMoneySyntax, map[string]string{"value": clip(s, 40)},
			T("金额格式不正确：{value}", "amount is not a plain decimal number: {value}"))
	}
	if i := strings.IndexByte(t, '.'); i >= 0 && len(t)-i-1 > 2 {
		return Money{}, moneyErr(CodeMoneyPrecision, nil, T("金额最多保留两位小数", "amount must have at most two decimals"))
	}
	intPart := t
	if i := strings.IndexByte(t, '.'); i >= 0 {
		intPart = t[:i]
	}
	if len(strings.TrimLeft(intPart, "0")) > 13 {
		return Money{}, tooLarge()
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return Money{}, moneyErr(CodeMoneySyntax, map[string]string{"value": clip(s, 40)},
			T("金额格式不正确：{value}", "amount is not a plain decimal number: {value}"))
	}
	if d.GreaterThan(maxMoney) {
		return Money{}, tooLarge()
	}
	return Money{d: d.Round(2)}, nil
}

func tooLarge() error {
	return moneyErr(CodeMoneyTooLarge, map[string]string{"max": maxMoney.StringFixed(2)},
		T("金额不得超过 {max} 元", "amount must not exceed {max}"))
}

func moneyErr(code string, params map[string]string, msg Text) error {
	return NewFieldError("", code, params, msg)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// normalizeMoney maps full-width characters to ASCII and drops spaces and a currency sign
// or unit; grouping commas are left for ungroup.
func normalizeMoney(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '．':
			b.WriteByte('.')
		case r == '－':
			b.WriteByte('-')
		case r == '＋':
			b.WriteByte('+')
		case r == '，':
			b.WriteByte(',')
		case r == ' ' || r == '\u3000' || r == '¥' || r == '￥':
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSuffix(b.String(), "元")
}

// ungroup drops thousands separators from t ("4,549.50" → "4549.50") and reports false
// when a comma is anywhere else: "4549,50" (a decimal comma) or "1,2,3" must not be read
// as 454950 or 123.
func ungroup(t string) (string, bool) {
	if !strings.Contains(t, ",") {
		return t, true
	}
	sign := ""
	if t[0] == '-' || t[0] == '+' {
		sign, t = t[:1], t[1:]
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if strings.Contains(frac, ",") {
		return "", false
	}
	groups := strings.Split(whole, ",")
	if n := len(groups[0]); n < 1 || n > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	out := sign + strings.Join(groups, "")
	if hasDot {
		out += "." + frac
	}
	return out, true
}

// isPlainDecimal reports digits with at most one dot and at least one digit.
func isPlainDecimal(s string) bool {
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// String prints the amount with exactly two decimals, e.g. "4549.50".
func (m Money) String() string { return m.d.StringFixed(2) }

// Format implements fmt.Formatter so %v and %s print String().
func (m Money) Format(f fmt.State, verb rune) {
	_, _ = f.Write([]byte(m.String()))
}

// Fen returns the amount in fen. Amounts within [MaxMoney] always fit.
func (m Money) Fen() int64 { return m.d.Mul(hundred).IntPart() }

// Decimal returns the amount as a decimal, for callers that need to compute outside cxq.
func (m Money) Decimal() decimal.Decimal { return m.d }

// Add returns m + o.
func (m Money) Add(o Money) Money { return Money{d: m.d.Add(o.d)} }

// Sub returns m − o, which may be negative.
func (m Money) Sub(o Money) Money { return Money{d: m.d.Sub(o.d)} }

// Neg returns −m.
func (m Money) Neg() Money { return Money{d: m.d.Neg()} }

// MulInt returns m × n, for quantities.
func (m Money) MulInt(n int64) Money { return Money{d: m.d.Mul(decimal.NewFromInt(n))} }

// Cmp returns -1, 0 or +1 as m is less than, equal to or greater than o.
func (m Money) Cmp(o Money) int { return m.d.Cmp(o.d) }

// Equal reports m == o.
func (m Money) Equal(o Money) bool { return m.d.Equal(o.d) }

// LessThan reports m < o.
func (m Money) LessThan(o Money) bool { return m.d.LessThan(o.d) }

// GreaterThan reports m > o.
func (m Money) GreaterThan(o Money) bool { return m.d.GreaterThan(o.d) }

// IsZero reports m == 0.
func (m Money) IsZero() bool { return m.d.IsZero() }

// IsNegative reports m < 0.
func (m Money) IsNegative() bool { return m.d.IsNegative() }

// Sign returns -1, 0 or +1.
func (m Money) Sign() int { return m.d.Sign() }

// Min returns the smallest of m and others.
func (m Money) Min(others ...Money) Money {
	out := m
	for _, o := range others {
		if o.d.LessThan(out.d) {
			out = o
		}
	}
	return out
}

// Max returns the largest of m and others.
func (m Money) Max(others ...Money) Money {
	out := m
	for _, o := range others {
		if o.d.GreaterThan(out.d) {
			out = o
		}
	}
	return out
}

// ClampZero returns m, or zero when m is negative.
func (m Money) ClampZero() Money {
	if m.d.IsNegative() {
		return Money{}
	}
	return m
}

// Sum adds amounts.
func Sum(amounts ...Money) Money {
	var t Money
	for _, a := range amounts {
		t = t.Add(a)
	}
	return t
}

// MarshalJSON writes the amount as a JSON string, "4549.50".
func (m Money) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON reads a JSON string (or a bare JSON number, read as text, never as a
// float) with ParseMoney's rules.
func (m *Money) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalText writes String(), so Money works as a map key and in encoding/xml and CSV.
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads with ParseMoney.
func (m *Money) UnmarshalText(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Value stores the amount as exact decimal text ("4549.50"): use a NUMERIC(14,2) column in
// PostgreSQL and a TEXT column in SQLite (SQLite's NUMERIC affinity would turn it into a
// float). To store integer fen instead, write [Money.Fen] and read with [Fen].
func (m Money) Value() (driver.Value, error) { return m.String(), nil }

// Scan reads decimal text (string or []byte, negative allowed as the database holds what
// was stored) or an integer number of yuan. A float64 is refused: it may already have lost
// precision.
func (m *Money) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return m.scanText(v)
	case []byte:
		return m.scanText(string(v))
	case int64:
		*m = Yuan(v)
		return nil
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
	if !d.Equal(d.Round(2)) {
		return fmt.Errorf("cxq: scan Money: %q has more than two decimals", s)
	}
	*m = Money{d: d.Round(2)}
	return nil
}
