package cxq_test

import (
	"math"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
)

var modes = []cxq.Rounding{cxq.RoundDown, cxq.RoundHalfUp, cxq.RoundHalfEven, cxq.RoundUp}

// roundRat is the reference: x rounded to an integer with mode, in big.Rat.
func roundRat(x *big.Rat, mode cxq.Rounding) int64 {
	neg := x.Sign() < 0
	a := new(big.Rat).Abs(x)
	q, rem := new(big.Int).QuoRem(a.Num(), a.Denom(), new(big.Int))
	twice := new(big.Int).Lsh(rem, 1)
	up := false
	switch c := twice.Cmp(a.Denom()); {
	case rem.Sign() == 0:
	case mode == cxq.RoundUp:
		up = true
	case mode == cxq.RoundHalfUp:
		up = c >= 0
	case mode == cxq.RoundHalfEven:
		up = c > 0 || (c == 0 && q.Bit(0) == 1)
	}
	if up {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q.Int64()
}

// TestMulRateMatchesBigRat checks MulRate and MulRateRounded against exact big.Rat
// arithmetic for every mode, percentages, ratios and amounts up to ten times MaxMoney.
func TestMulRateMatchesBigRat(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		var num, den int64
		switch rapid.IntRange(0, 2).Draw(rt, "kind") {
		case 0:
			den = rapid.Int64Range(1, 1000).Draw(rt, "den")
			num = rapid.Int64Range(0, den).Draw(rt, "num")
		case 1:
			num, den = rapid.Int64Range(0, 100).Draw(rt, "pct"), 100
		default:
			den = rapid.Int64Range(1, 1e18).Draw(rt, "bigden")
			num = rapid.Int64Range(0, den).Draw(rt, "bignum")
		}
		r := cxq.RatioRate(num, den)
		fen := rapid.Int64Range(-1e15, 1e15).Draw(rt, "fen")
		mode := rapid.SampledFrom(modes).Draw(rt, "mode")
		exact := new(big.Rat).Mul(big.NewRat(fen, 1), big.NewRat(num, den))
		got, rounded := cxq.Fen(fen).MulRateRounded(r, mode)
		require.Equal(rt, roundRat(exact, mode), got.Fen(), "%d fen × %s %s", fen, r, mode)
		require.Equal(rt, !exact.IsInt(), rounded)
		require.Equal(rt, got, cxq.Fen(fen).MulRate(r, mode))
		// The rate's text reads back as the same rate.
		back, err := cxq.ParseRate(r.String())
		require.NoError(rt, err, r.String())
		require.Equal(rt, r, back)
		require.Equal(rt, 0, r.Cmp(back))
	})
}

// TestRateExact pins the exact ratio each form of rate holds.
func TestRateExact(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rate     cxq.Rate
		str, pct string
	}{
		{cxq.Rate{}, "0", "0%"},
		{cxq.Percent(0), "0", "0%"},
		{cxq.Percent(50), "0.5", "50%"},
		{cxq.MustRate("60%"), "0.6", "60%"},
		{cxq.MustRate("12.5%"), "0.125", "12.5%"},
		{cxq.MustRate("66.67%"), "0.6667", "66.67%"},
		{cxq.RatioRate(2, 3), "2/3", "66.67%"},
		{cxq.RatioRate(4, 6), "2/3", "66.67%"},
		{cxq.RatioRate(1, 3), "1/3", "33.33%"},
		{cxq.MustRate("1.5/3"), "0.5", "50%"},
		{cxq.RatioRate(2, 3).Add(cxq.Percent(10)), "23/30", "76.67%"},
		{cxq.Percent(100), "1", "100%"},
		{cxq.MustRate("0.000000000001"), "0.000000000001", "0%"},
		{cxq.MustRate("0.0000000000001"), "1/10000000000000", "0%"},
		{cxq.MustRate("0.000000000000000001"), "1/1000000000000000000", "0%"},
	} {
		require.Equal(t, c.str, c.rate.String())
		require.Equal(t, c.pct, c.rate.Percent(), c.str)
	}
	require.Equal(t, cxq.Percent(50), cxq.MustRate("0.5"), "equal rates are ==")
	require.Equal(t, cxq.Rate{}, cxq.MustRate("0/7"))
	require.Equal(t, 0, cxq.Percent(50).Cmp(cxq.RatioRate(1, 2)))
	require.Equal(t, -1, cxq.MustRate("0.999999999999999999").Cmp(cxq.Percent(100)))
	require.True(t, cxq.Rate{}.IsZero())
}

func TestParseRateBounds(t *testing.T) {
	t.Parallel()
	for in, code := range map[string]string{
		"0.0000000000000000001":     cxq.CodeRatePrecision, // 19 decimals: denominator 10^19
		"1/1000000000000000001":     cxq.CodeRatePrecision,
		"-1/-2":                     cxq.CodeRateRange,
		"1/-2":                      cxq.CodeRateRange,
		"101%":                      cxq.CodeRateRange,
		"50 %x":                     cxq.CodeRateSyntax,
		"2/3/4":                     cxq.CodeRateSyntax,
		"1000000000000000000000/2e": cxq.CodeRateSyntax,
	} {
		_, err := cxq.ParseRate(in)
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe, in)
		require.Equal(t, code, fe.Code, in)
		require.NotEmpty(t, fe.Message(cxq.ZH), in)
		require.ErrorIs(t, err, cxq.ErrInvalid)
	}
	r, err := cxq.ParseRate("1000000000000000000000/2000000000000000000000")
	require.NoError(t, err, "large parts reduce")
	require.Equal(t, cxq.Percent(50), r)
	require.Panics(t, func() { cxq.RatioRate(1, 0) })
	require.Panics(t, func() { cxq.Percent(-1) })
	require.Panics(t, func() { cxq.RatioRate(1, 999999999999999989).Add(cxq.RatioRate(1, 999999999999999967)) })
}

// TestMoneyOverflow pins the documented choice: a result beyond int64 fen panics.
func TestMoneyOverflow(t *testing.T) {
	t.Parallel()
	top := cxq.Fen(math.MaxInt64)
	require.Panics(t, func() { top.Add(cxq.Fen(1)) })
	require.Panics(t, func() { cxq.Fen(math.MinInt64).Sub(cxq.Fen(1)) })
	require.Panics(t, func() { cxq.Fen(math.MinInt64).Neg() })
	require.Panics(t, func() { cxq.MaxMoney().MulInt(1e6) })
	require.Panics(t, func() { cxq.Yuan(math.MaxInt64 / 10) })
	require.Panics(t, func() { cxq.Sum(top, top) })
	require.Panics(t, func() { top.MulRate(cxq.Percent(100).Add(cxq.Percent(100)), cxq.RoundDown) })
	require.Equal(t, top, top.MulRate(cxq.Percent(100), cxq.RoundDown))
	require.Equal(t, "-92233720368547758.07", top.Neg().String())
	require.Equal(t, cxq.Fen(-5), cxq.Fen(-10).MulRate(cxq.Percent(50), cxq.RoundDown))
	require.Equal(t, "-1.00", cxq.Fen(-300).MulRate(cxq.RatioRate(1, 3), cxq.RoundDown).String())
	require.Equal(t, "-0.02", cxq.Fen(-3).MulRate(cxq.Percent(50), cxq.RoundHalfUp).String())
	require.Equal(t, cxq.MaxMoney().Fen()*1e2, cxq.MaxMoney().MulInt(100).Fen())
	require.Equal(t, int64(-1e14), cxq.MaxMoney().MulInt(-1).Fen())
}

// TestMoneyText checks the allocation-free printing every breakdown text uses.
func TestMoneyText(t *testing.T) { // not parallel: AllocsPerRun
	for fen, want := range map[int64]string{0: "0.00", 5: "0.05", -5: "-0.05", 454950: "4549.50", -705: "-7.05", 1e14: "1000000000000.00"} {
		m := cxq.Fen(fen)
		require.Equal(t, want, m.String())
		require.Equal(t, "¥"+want+"元", string(append(m.AppendString([]byte("¥")), "元"...)))
		b, err := m.AppendText(nil)
		require.NoError(t, err)
		require.Equal(t, want, string(b))
	}
	buf := make([]byte, 0, 64)
	m := cxq.MustMoney("4549.50")
	require.Zero(t, testing.AllocsPerRun(100, func() { _ = m.AppendString(buf[:0]) }))
}
