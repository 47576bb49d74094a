package voucher

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/cxqkit/cxq"
)

// The computations run in whole fen on int64, exactly, and fall back to the kernel's
// decimal arithmetic for a rate that has no small integer ratio or a product that would
// overflow. Both paths give the same results; the fast one keeps a computation with its
// breakdown in the low microseconds.

// frac is a rate as num/den in integers.
type frac struct {
	num, den uint64
	ok       bool // false: use the decimal path
}

// fracOf reads a rate's exact ratio (0.5 is 5/10, 2/3 is 2/3) into integers.
func fracOf(r cxq.Rate) frac {
	a, b := r.Ratio()
	n, ns, ok1 := decimalInt(a)
	d, ds, ok2 := decimalInt(b)
	if !ok1 || !ok2 || d == 0 {
		return frac{}
	}
	hi1, num := bits.Mul64(n, ds)
	hi2, den := bits.Mul64(d, ns)
	return frac{num: num, den: den, ok: hi1 == 0 && hi2 == 0}
}

// decimalInt reads 12.345 as 12345 and its scale 1000, for a non-negative decimal of at
// most 15 digits and 12 decimals.
func decimalInt(x decimal.Decimal) (uint64, uint64, bool) {
	if x.IsNegative() || x.NumDigits() > 15 {
		return 0, 0, false
	}
	c, e := x.CoefficientInt64(), x.Exponent()
	if e < -12 || (e > 0 && x.NumDigits()+int(e) > 15) {
		return 0, 0, false
	}
	n, scale := uint64(c), uint64(1)
	for ; e > 0; e-- {
		n *= 10
	}
	for ; e < 0; e++ {
		scale *= 10
	}
	return n, scale, true
}

// mulFen returns fen × f rounded with mode and whether it was inexact, or ok false when
// the product would overflow.
func mulFen(fen int64, f frac, mode cxq.Rounding) (q int64, inexact, ok bool) {
	if fen < 0 || !f.ok || f.den == 0 {
		return 0, false, false
	}
	hi, lo := bits.Mul64(uint64(fen), f.num)
	if hi >= f.den {
		return 0, false, false
	}
	uq, rem := bits.Div64(hi, lo, f.den)
	if uq > 1<<62 {
		return 0, false, false
	}
	if rem != 0 {
		up := false
		switch mode {
		case cxq.RoundUp:
			up = true
		case cxq.RoundHalfUp:
			up = rem >= f.den-rem
		case cxq.RoundHalfEven:
			up = rem > f.den-rem || (rem == f.den-rem && uq%2 == 1)
		}
		if up {
			uq++
		}
	}
	return int64(uq), rem != 0, true
}

// percentOf prints the rate as Rate.Percent does ("50%", "66.67%").
func percentOf(r cxq.Rate, f frac) string {
	if !f.ok || f.num > 1<<40 {
		return r.Percent()
	}
	h := f.num * 10000 / f.den // hundredths of a percent
	if rem := f.num * 10000 % f.den; rem*2 >= f.den {
		h++
	}
	s := strconv.FormatUint(h/100, 10)
	if c := h % 100; c != 0 {
		d := strconv.FormatUint(c+100, 10)[1:]
		s += "." + strings.TrimRight(d, "0")
	}
	return s + "%"
}

// yuan prints an amount of fen as "4549.50".
func yuan(fen int64) string {
	var buf [24]byte
	return string(appendYuan(buf[:0], fen))
}

// yuanText returns pre + yuan(fen) + post with a single allocation.
func yuanText(pre string, fen int64, post string) string {
	var buf [128]byte
	b := append(buf[:0], pre...)
	b = appendYuan(b, fen)
	return string(append(b, post...))
}

func appendYuan(b []byte, fen int64) []byte {
	if fen < 0 {
		b = append(b, '-')
		fen = -fen
	}
	b = strconv.AppendInt(b, fen/100, 10)
	c := fen % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// fenOf returns the amount in fen, reading the decimal's coefficient directly when it
// is small (the usual case) and asking the kernel otherwise.
func fenOf(m cxq.Money) int64 {
	d := m.Decimal()
	e, c := d.Exponent(), d.CoefficientInt64()
	if e < -2 || e > 4 || c > 1e12 || c < -1e12 || d.NumDigits() > 13 {
		return m.Fen()
	}
	for ; e > -2; e-- {
		c *= 10
	}
	return c
}
