package voucher

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
)

// TestFenPathMatchesKernel checks that the integer fast path gives exactly what the
// kernel's decimal arithmetic gives, for every rounding mode, percentages and ratios.
func TestFenPathMatchesKernel(t *testing.T) {
	t.Parallel()
	modes := []cxq.Rounding{cxq.RoundDown, cxq.RoundHalfUp, cxq.RoundHalfEven, cxq.RoundUp}
	rapid.Check(t, func(rt *rapid.T) {
		var r cxq.Rate
		if rapid.Bool().Draw(rt, "ratio") {
			den := rapid.Int64Range(1, 1000).Draw(rt, "den")
			r = cxq.RatioRate(rapid.Int64Range(0, den).Draw(rt, "num"), den)
		} else {
			r = cxq.Percent(rapid.Int64Range(0, 100).Draw(rt, "pct"))
		}
		fen := rapid.Int64Range(0, 1e14).Draw(rt, "fen")
		mode := rapid.SampledFrom(modes).Draw(rt, "mode")
		m := cxq.Fen(fen)
		require.Equal(rt, fen, fenOf(m))
		f := fracOf(r)
		require.Equal(rt, r.Percent(), percentOf(r, f))
		got, inexact, ok := mulFen(fen, f, mode)
		want := m.MulRate(r, mode)
		if ok {
			require.Equal(rt, want.Fen(), got, "%s × %s %s", m, r, mode)
			require.Equal(rt, !m.MulRate(r, cxq.RoundDown).Equal(m.MulRate(r, cxq.RoundUp)), inexact)
		}
		require.Equal(rt, m.String(), yuan(fen))
	})
}

func TestFenOfShapes(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "0.5", "4549.50", "100000", "999999999999.99", "1000000000000"} {
		m := cxq.MustMoney(s)
		require.Equal(t, m.Fen(), fenOf(m), s)
		require.Equal(t, m.Fen(), fenOf(m.Add(cxq.Yuan(0))), s)
	}
	require.Equal(t, cxq.Yuan(7).Neg().Fen(), fenOf(cxq.Yuan(7).Neg()))
	require.Equal(t, "-7.05", yuan(-705))
	for _, s := range []string{"0.125", "1/3", "2/3", "0.3333"} {
		r := cxq.MustRate(s)
		require.Equal(t, r.Percent(), percentOf(r, fracOf(r)), s)
	}
}

func TestFracOfShapes(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rate     cxq.Rate
		num, den uint64
		ok       bool
	}{
		{cxq.Rate{}, 0, 1, true},
		{cxq.Percent(50), 5, 10, true},
		{cxq.RatioRate(2, 3), 2, 3, true},
		{cxq.MustRate("1.5/3"), 15, 30, true},
		{cxq.MustRate("0.0000000000001"), 0, 0, false}, // 13 decimals: decimal path
	} {
		f := fracOf(c.rate)
		require.Equal(t, c.ok, f.ok, c.rate.String())
		if c.ok {
			require.Equal(t, c.num*f.den, f.num*c.den, "%s: %d/%d", c.rate, f.num, f.den)
		}
	}
}
