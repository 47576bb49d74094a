package cxq

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Rate is a non-negative fraction such as 0.5 (50%) or 2/3, held exactly as a ratio of
// decimals so that a one-third own contribution (rate 2/3) computes without drift.
// The zero value is 0.
type Rate struct {
	num decimal.Decimal
	den decimal.Decimal // zero means 1
}

// Codes of the errors ParseRate returns.
const (
	CodeRateSyntax = "rate_syntax"
	CodeRateRange  = "rate_range" // below 0 or above 1
)

// Percent returns p percent, e.g. Percent(50) = 0.5.
func Percent(p int64) Rate { return Rate{num: decimal.New(p, -2)} }

// RatioRate returns num/den, e.g. RatioRate(2, 3). It panics if den is not positive.
func RatioRate(num, den int64) Rate {
	if den <= 0 {
		panic("cxq: RatioRate with non-positive denominator")
	}
	return Rate{num: decimal.NewFromInt(num), den: decimal.NewFromInt(den)}
}

// ParseRate reads "0.5", "50%", or a ratio "2/3". The result must lie in [0, 1].
func ParseRate(s string) (Rate, error) {
	t := strings.TrimSpace(s)
	var r Rate
	switch {
	case strings.HasSuffix(t, "%"):
		d, err := plainDecimal(strings.TrimSuffix(t, "%"))
		if err != nil {
			return Rate{}, rateSyntax(s)
		}
		r = Rate{num: d.Shift(-2)}
	case strings.Contains(t, "/"):
		a, b, _ := strings.Cut(t, "/")
		n, err1 := plainDecimal(a)
		d, err2 := plainDecimal(b)
		if err1 != nil || err2 != nil || d.IsZero() {
			return Rate{}, rateSyntax(s)
		}
		r = Rate{num: n, den: d}
	default:
		d, err := plainDecimal(t)
		if err != nil {
			return Rate{}, rateSyntax(s)
		}
		r = Rate{num: d}
	}
	if r.num.IsNegative() || r.num.GreaterThan(r.denom()) {
		return Rate{}, NewFieldError("", CodeRateRange, map[string]string{"value": clip(s, 40)},
			T("比例必须在 0 到 100% 之间：{value}", "rate must be between 0 and 1: {value}"))
	}
	return r, nil
}

// MustRate parses s with ParseRate and panics on error; for constants.
func MustRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

func plainDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if !isPlainDecimal(strings.TrimPrefix(s, "-")) {
		return decimal.Decimal{}, fmt.Errorf("not a decimal")
	}
	return decimal.NewFromString(s)
}

func rateSyntax(s string) error {
	return NewFieldError("", CodeRateSyntax, map[string]string{"value": clip(s, 40)},
		T("比例格式不正确：{value}", "rate is not a fraction, percentage or ratio: {value}"))
}

func (r Rate) denom() decimal.Decimal {
	if r.den.IsZero() {
		return decimal.NewFromInt(1)
	}
	return r.den
}

// Add returns r + o (for bonus percentage points); the result may exceed 1 only if the
// caller adds past it, which policies validate.
func (r Rate) Add(o Rate) Rate {
	if r.den.IsZero() && o.den.IsZero() {
		return Rate{num: r.num.Add(o.num)}
	}
	return Rate{num: r.num.Mul(o.denom()).Add(o.num.Mul(r.denom())), den: r.denom().Mul(o.denom())}
}

// Cmp compares two rates exactly.
func (r Rate) Cmp(o Rate) int { return r.num.Mul(o.denom()).Cmp(o.num.Mul(r.denom())) }

// IsZero reports r == 0.
func (r Rate) IsZero() bool { return r.num.IsZero() }

// Ratio returns the rate as an exact fraction num/den with den > 0, as it is held: 0.5 is
// 0.5/1 and RatioRate(2, 3) is 2/3. Neither part is reduced, so callers that need whole
// numbers scale both by the decimals they carry.
func (r Rate) Ratio() (num, den decimal.Decimal) { return r.num, r.denom() }

// String prints a decimal rate ("0.5") or a ratio ("2/3") when it has no finite decimal form
// of reasonable length.
func (r Rate) String() string {
	if r.den.IsZero() || r.den.Equal(decimal.NewFromInt(1)) {
		return r.num.String()
	}
	q, rem := r.num.QuoRem(r.den, 12)
	if rem.IsZero() {
		return q.String()
	}
	return r.num.String() + "/" + r.den.String()
}

// Percent prints the rate as a percentage, e.g. "50%" or "66.67%" (rounded for display only).
func (r Rate) Percent() string {
	return r.num.Mul(hundred).DivRound(r.denom(), 2).String() + "%"
}

// MarshalJSON writes the rate as a string, "0.5" or "2/3".
func (r Rate) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads what ParseRate reads, from a string or a bare number.
func (r *Rate) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, err := ParseRate(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Rounding names how an amount is brought to whole fen.
type Rounding string

// The rounding modes. Subsidies round down unless a policy says otherwise, so that a
// subsidy is never paid above its rate.
const (
	RoundDown     Rounding = "down"      // towards zero
	RoundHalfUp   Rounding = "half_up"   // 0.005 → 0.01
	RoundHalfEven Rounding = "half_even" // banker's rounding
	RoundUp       Rounding = "up"        // away from zero
)

// Valid reports whether m is one of the named modes.
func (m Rounding) Valid() bool {
	switch m {
	case RoundDown, RoundHalfUp, RoundHalfEven, RoundUp:
		return true
	}
	return false
}

// MulRate returns m × r rounded to the fen with mode. It is exact: the product is divided
// with a remainder and the remainder decides the rounding. An unknown mode panics, since
// modes come from validated policies.
func (m Money) MulRate(r Rate, mode Rounding) Money {
	if !mode.Valid() {
		panic("cxq: unknown rounding mode " + string(mode))
	}
	p := m.d.Mul(r.num)
	den := r.denom()
	neg := p.IsNegative() != den.IsNegative() && !p.IsZero()
	p, den = p.Abs(), den.Abs()
	q, rem := p.QuoRem(den, 2) // p = q·den + rem, 0 ≤ rem < den·0.01
	if !rem.IsZero() {
		half := den.Shift(-2) // den · 0.01
		twice := rem.Add(rem)
		up := false
		switch mode {
		case RoundUp:
			up = true
		case RoundHalfUp:
			up = twice.GreaterThanOrEqual(half)
		case RoundHalfEven:
			c := twice.Cmp(half)
			up = c > 0 || (c == 0 && q.Shift(2).IntPart()%2 == 1)
		}
		if up {
			q = q.Add(decimal.New(1, -2))
		}
	}
	if neg {
		q = q.Neg()
	}
	return Money{d: q}
}
