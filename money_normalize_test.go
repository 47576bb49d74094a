package cxq

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestNormalizeMoneyFastPath: an amount of plain ASCII digits, signs, points and commas
// normalizes to what the full path (full-width folding, spaces and currency signs
// dropped) makes of it, which is itself.
func TestNormalizeMoneyFastPath(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.StringOf(rapid.SampledFrom([]rune("0123456789.,-+ ¥元０１．，"))).Draw(t, "s")
		full := strings.TrimSuffix(moneyNoise.Replace(Narrow(strings.TrimSpace(s))), "元")
		if got := normalizeMoney(s); got != full {
			t.Fatalf("normalizeMoney(%q) = %q, the full path gives %q", s, got, full)
		}
		if plainAmount(s) && full != s {
			t.Fatalf("plain %q normalizes to %q", s, full)
		}
	})
}
