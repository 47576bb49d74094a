package cxq

import (
	"math"
	"math/bits"
)

// Money is an amount in CNY (人民币元) held as a whole number of fen (分) in an int64. It
// is immutable; the zero value is 0.00. Arithmetic is integer arithmetic and never passes
// through float64 or a decimal.
//
// Money × Money does not compile: scale an amount with a [Rate] through [Money.MulRate].
//
// # Overflow
//
// An int64 holds ±9.2×10^16 fen, 92,000 times [MaxMoney]. Amounts that came through
// [ParseMoney] can be added, subtracted and multiplied by any realistic count without
// coming near it. A result that would not fit (a programming error, such as multiplying by
// an unchecked quantity from outside) panics with "cxq: money overflow" rather than
// wrapping round to a wrong amount or saturating to a silently wrong one.
type Money struct {
	fen int64
}

// maxFen is the bound ParseMoney enforces: 10^12 yuan.
const maxFen = 1e14

// MaxMoney returns the largest amount ParseMoney accepts: 10^12 yuan.
func MaxMoney() Money { return Money{fen: maxFen} }

// Fen returns the amount of n fen.
func Fen(n int64) Money { return Money{fen: n} }

// Yuan returns the amount of n whole yuan. It panics when n × 100 does not fit an int64
// (|n| above 9.2×10^16); see Overflow at [Money].
func Yuan(n int64) Money { return Fen(n).MulInt(100) }

// MustMoney parses s with ParseMoney and panics on error; for constants in tests and
// examples only.
func MustMoney(s string) Money {
	m, err := ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func overflow() { panic("cxq: money overflow") }

// Fen returns the amount in fen.
func (m Money) Fen() int64 { return m.fen }

// Add returns m + o. It panics on overflow; see Overflow at [Money].
func (m Money) Add(o Money) Money {
	s := m.fen + o.fen
	if (s > m.fen) != (o.fen > 0) {
		overflow()
	}
	return Money{fen: s}
}

// Sub returns m − o, which may be negative. It panics on overflow.
func (m Money) Sub(o Money) Money {
	d := m.fen - o.fen
	if (d < m.fen) != (o.fen > 0) {
		overflow()
	}
	return Money{fen: d}
}

// Neg returns −m.
func (m Money) Neg() Money { return Money{}.Sub(m) }

// MulInt returns m × n, for quantities. It panics on overflow.
func (m Money) MulInt(n int64) Money {
	neg := (m.fen < 0) != (n < 0)
	hi, lo := bits.Mul64(abs64(m.fen), abs64(n))
	return Money{fen: signed(hi, lo, neg)}
}

// abs64 returns |x| as a uint64 (|MinInt64| fits).
func abs64(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// signed returns ±(hi·2^64 + lo) as an int64, panicking when it does not fit.
func signed(hi, lo uint64, neg bool) int64 {
	if hi != 0 || lo > math.MaxInt64 {
		overflow()
	}
	if neg {
		return -int64(lo)
	}
	return int64(lo)
}

// Cmp returns -1, 0 or +1 as m is less than, equal to or greater than o.
func (m Money) Cmp(o Money) int {
	switch {
	case m.fen < o.fen:
		return -1
	case m.fen > o.fen:
		return 1
	}
	return 0
}

// Equal reports m == o.
func (m Money) Equal(o Money) bool { return m.fen == o.fen }

// LessThan reports m < o.
func (m Money) LessThan(o Money) bool { return m.fen < o.fen }

// GreaterThan reports m > o.
func (m Money) GreaterThan(o Money) bool { return m.fen > o.fen }

// IsZero reports m == 0.
func (m Money) IsZero() bool { return m.fen == 0 }

// IsNegative reports m < 0.
func (m Money) IsNegative() bool { return m.fen < 0 }

// Sign returns -1, 0 or +1.
func (m Money) Sign() int { return m.Cmp(Money{}) }

// Min returns the smallest of m and others.
func (m Money) Min(others ...Money) Money {
	out := m
	for _, o := range others {
		out.fen = min(out.fen, o.fen)
	}
	return out
}

// Max returns the largest of m and others.
func (m Money) Max(others ...Money) Money {
	out := m
	for _, o := range others {
		out.fen = max(out.fen, o.fen)
	}
	return out
}

// ClampZero returns m, or zero when m is negative.
func (m Money) ClampZero() Money { return Money{fen: max(m.fen, 0)} }

// Sum adds amounts. It panics on overflow.
func Sum(amounts ...Money) Money {
	var t Money
	for _, a := range amounts {
		t = t.Add(a)
	}
	return t
}
