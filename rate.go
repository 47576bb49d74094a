package cxq

import (
	"encoding/json"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Rate is a non-negative fraction such as 0.5 (50%) or 2/3, held exactly as a reduced
// ratio of integers so that a one-third own contribution (rate 2/3) computes without
// drift. The zero value is 0. Two rates of the same value are ==.
//
// The denominator is at most [MaxRateDen] (10^18): every rate of up to 18 decimals fits,
// and so does every ratio of whole numbers up to it. ParseRate refuses a rate that does
// not fit with [CodeRatePrecision].
type Rate struct {
	num uint64
	den uint64 // reduced; 0 stands for 1, so that whole numbers and zero compare equal
}

// MaxRateDen is the largest denominator a Rate holds, 10^18.
const MaxRateDen = 1e18

// Codes of the errors ParseRate returns.
const (
	CodeRateSyntax    = "rate_syntax"
	CodeRateRange     = "rate_range"     // below 0 or above 1
	CodeRatePrecision = "rate_precision" // the reduced denominator exceeds MaxRateDen
)

// Percent returns p percent, e.g. Percent(50) = 0.5. It panics if p is negative.
func Percent(p int64) Rate { return RatioRate(p, 100) }

// RatioRate returns num/den, e.g. RatioRate(2, 3). It panics if den is not positive, if
// num is negative or if the reduced denominator exceeds MaxRateDen.
func RatioRate(num, den int64) Rate {
	if den <= 0 || num < 0 {
		panic("cxq: RatioRate needs num ≥ 0 and den > 0")
	}
	r, ok := reduce(uint64(num), uint64(den))
	if !ok {
		panic("cxq: RatioRate denominator above MaxRateDen")
	}
	return r
}

// reduce returns num/den in lowest terms, false when the denominator is above MaxRateDen.
func reduce(num, den uint64) (Rate, bool) {
	if num == 0 {
		return Rate{}, true
	}
	g := gcd(num, den)
	num, den = num/g, den/g
	if den > MaxRateDen {
		return Rate{}, false
	}
	if den == 1 {
		den = 0
	}
	return Rate{num: num, den: den}, true
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (r Rate) denom() uint64 {
	if r.den == 0 {
		return 1
	}
	return r.den
}

// ParseRate reads "0.5", "50%", "66.67%" or a ratio "2/3" (whose parts may be decimals,
// "1.5/3"). The result must lie in [0, 1] and its reduced denominator must not exceed
// [MaxRateDen]. Errors are *FieldError with CodeRateSyntax, CodeRateRange or
// CodeRatePrecision.
func ParseRate(s string) (Rate, error) {
	t := strings.TrimSpace(s)
	var n, d decimal.Decimal
	switch {
	case strings.HasSuffix(t, "%"):
		p, ok := plainDecimal(strings.TrimSuffix(t, "%"))
		if !ok {
			return Rate{}, rateSyntax(s)
		}
		n, d = p, decimal.New(100, 0)
	case strings.Contains(t, "/"):
		a, b, _ := strings.Cut(t, "/")
		var ok1, ok2 bool
		n, ok1 = plainDecimal(a)
		d, ok2 = plainDecimal(b)
		if !ok1 || !ok2 || d.IsZero() {
			return Rate{}, rateSyntax(s)
		}
	default:
		p, ok := plainDecimal(t)
		if !ok {
			return Rate{}, rateSyntax(s)
		}
		n, d = p, decimal.New(1, 0)
	}
	if n.IsNegative() || d.IsNegative() || n.GreaterThan(d) {
		return Rate{}, NewFieldError("", CodeRateRange, map[string]string{"value": Clip(s, 40)},
			T("比例必须在 0 到 100% 之间：{value}", "rate must be between 0 and 1: {value}"))
	}
	r, ok := ratioOf(n, d)
	if !ok {
		return Rate{}, NewFieldError("", CodeRatePrecision, map[string]string{"value": Clip(s, 40)},
			T("比例的位数过多（分母不得超过 10^18）：{value}", "rate has too many digits (denominator above 10^18): {value}"))
	}
	return r, nil
}

// ratioOf returns n/d exactly, for 0 ≤ n ≤ d, d > 0.
func ratioOf(n, d decimal.Decimal) (Rate, bool) {
	e := min(n.Exponent(), d.Exponent())
	num, den := n.Shift(-e).BigInt(), d.Shift(-e).BigInt()
	g := new(big.Int).GCD(nil, nil, num, den)
	if g.Sign() != 0 {
		num.Quo(num, g)
		den.Quo(den, g)
	}
	if !den.IsUint64() || den.Uint64() > MaxRateDen {
		return Rate{}, false
	}
	return reduce(num.Uint64(), den.Uint64())
}

// MustRate parses s with ParseRate and panics on error; for constants.
func MustRate(s string) Rate {
	r, err := ParseRate(s)
	if err != nil {
		panic(err)
	}
	return r
}

// plainDecimal reads an optionally negative plain decimal ("0.5", "-2"), no exponent.
func plainDecimal(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(s)
	if !isPlainDecimal(strings.TrimPrefix(s, "-")) {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

func rateSyntax(s string) error {
	return NewFieldError("", CodeRateSyntax, map[string]string{"value": Clip(s, 40)},
		T("比例格式不正确：{value}", "rate is not a fraction, percentage or ratio: {value}"))
}

// Add returns r + o (for bonus percentage points); the result may exceed 1 only if the
// caller adds past it, which policies validate. It panics if the exact sum needs a
// denominator above MaxRateDen (two rates with large coprime denominators; sums of
// percentages and of ratios of small numbers never come near it).
func (r Rate) Add(o Rate) Rate {
	rd, od := r.denom(), o.denom()
	g := gcd(rd, od)
	h1, a := bits.Mul64(r.num, od/g)
	h2, b := bits.Mul64(o.num, rd/g)
	h3, den := bits.Mul64(rd/g, od)
	num, carry := bits.Add64(a, b, 0)
	if h1 == 0 && h2 == 0 && h3 == 0 && carry == 0 {
		if s, ok := reduce(num, den); ok {
			return s
		}
	}
	panic("cxq: rate sum denominator above MaxRateDen")
}

// Cmp compares two rates exactly.
func (r Rate) Cmp(o Rate) int {
	h1, l1 := bits.Mul64(r.num, o.denom())
	h2, l2 := bits.Mul64(o.num, r.denom())
	switch {
	case h1 < h2 || (h1 == h2 && l1 < l2):
		return -1
	case h1 > h2 || (h1 == h2 && l1 > l2):
		return 1
	}
	return 0
}

// IsZero reports r == 0.
func (r Rate) IsZero() bool { return r.num == 0 }

// String prints a decimal rate ("0.5", "0.125") or, when it has no decimal form of at
// most 12 decimals, the reduced ratio ("2/3").
func (r Rate) String() string {
	const scale = 1e12
	den := r.denom()
	if hi, lo := bits.Mul64(r.num, scale); hi < den {
		if q, rem := bits.Div64(hi, lo, den); rem == 0 {
			s := strconv.FormatUint(q/scale, 10)
			if f := q % scale; f != 0 {
				d := strconv.FormatUint(f+scale, 10)[1:]
				s += "." + strings.TrimRight(d, "0")
			}
			return s
		}
	}
	return strconv.FormatUint(r.num, 10) + "/" + strconv.FormatUint(den, 10)
}

// Percent prints the rate as a percentage with at most two decimals, rounded half up for
// display only: "50%", "12.5%", "66.67%".
func (r Rate) Percent() string {
	den := r.denom()
	hi, lo := bits.Mul64(r.num, 10000)
	if hi >= den { // above 1.8×10^15 %, which no policy validates: the slow exact way
		n := new(big.Int).Mul(new(big.Int).SetUint64(r.num), big.NewInt(100))
		p := new(big.Rat).SetFrac(n, new(big.Int).SetUint64(den)).FloatString(2)
		return strings.TrimSuffix(strings.TrimRight(p, "0"), ".") + "%"
	}
	h, rem := bits.Div64(hi, lo, den) // hundredths of a percent
	if rem >= den-rem {
		h++
	}
	var buf [32]byte
	b := strconv.AppendUint(buf[:0], h/100, 10)
	if c := h % 100; c != 0 {
		b = append(b, '.', byte('0'+c/10))
		if c%10 != 0 {
			b = append(b, byte('0'+c%10))
		}
	}
	return string(append(b, '%'))
}

// MarshalJSON writes the rate as a string, "0.5" or "2/3".
func (r Rate) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads what ParseRate reads, from a string or a bare number.
func (r *Rate) UnmarshalJSON(b []byte) error { return unmarshalJSONText(b, r, ParseRate) }
