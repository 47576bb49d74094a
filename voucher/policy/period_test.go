package policy_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

func TestQuotaPeriod(t *testing.T) {
	t.Parallel()
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return v
	}
	ti := policy.Tianjin()
	require.Equal(t, 2025, ti.QuotaPeriod(at("2025-12-31T23:59:59+08:00"), []int{20250101}))
	require.Equal(t, 2026, ti.QuotaPeriod(at("2026-01-01T00:00:00+08:00"), nil))
	h := policy.Hebei()
	require.Equal(t, 20260301, h.QuotaPeriod(at("2026-03-01T10:00:00+08:00"), nil), "the first claim starts a cycle")
	require.Equal(t, 20260301, h.QuotaPeriod(at("2027-02-28T23:59:59+08:00"), []int{20260301, 2026}), "the cycle spans New Year")
	require.Equal(t, 20270301, h.QuotaPeriod(at("2027-03-01T00:00:00+08:00"), []int{20260301}), "at most 12 months")
	require.True(t, policy.IsCycle(20260301))
	require.False(t, policy.IsCycle(2026))
	require.Equal(t, time.Date(2027, 3, 1, 0, 0, 0, 0, cxq.China()), h.PeriodEnd(20260301))
	require.Equal(t, time.Date(2027, 1, 1, 0, 0, 0, 0, cxq.China()), h.PeriodEnd(2026))
}
