package cxq

import "math/bits"

// Rounding names how an amount is brought to whole fen.
type Rounding string

// The rounding modes. Subsidies round down unless a policy says otherwise, so that a
// subsidy is never paid above its rate. Each mode acts on the magnitude, so a negative
// amount rounds like its positive counterpart, negated.
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
// with a remainder in 128-bit integers and the remainder decides the rounding. An unknown
// mode panics, since modes come from validated policies; so does a result beyond int64
// fen (only possible with a rate far above 1; see Overflow at [Money]).
func (m Money) MulRate(r Rate, mode Rounding) Money {
	out, _ := m.MulRateRounded(r, mode)
	return out
}

// MulRateRounded is [Money.MulRate] that also reports whether the exact product was not
// a whole number of fen, so that rounding changed it.
func (m Money) MulRateRounded(r Rate, mode Rounding) (Money, bool) {
	if !mode.Valid() {
		panic("cxq: unknown rounding mode " + string(mode))
	}
	den := r.denom()
	hi, lo := bits.Mul64(abs64(m.fen), r.num)
	if hi >= den {
		overflow()
	}
	q, rem := bits.Div64(hi, lo, den) // |m| × num = q × den + rem, 0 ≤ rem < den
	if rem != 0 {
		var up bool
		switch mode {
		case RoundUp:
			up = true
		case RoundHalfUp:
			up = rem >= den-rem
		case RoundHalfEven:
			up = rem > den-rem || (rem == den-rem && q%2 == 1)
		}
		if up {
			q++
		}
	}
	return Money{fen: signed(0, q, m.fen < 0)}, rem != 0
}
