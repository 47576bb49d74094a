package policy_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

func TestClaimYear(t *testing.T) {
	t.Parallel()
	ny := time.FixedZone("EST", -5*3600)
	tests := []struct {
		at   time.Time
		want int
	}{
		{time.Date(2025, 12, 31, 23, 59, 59, 0, time.FixedZone("", 8*3600)), 2025},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 8*3600)), 2026},
		{time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC), 2026},
		{time.Date(2025, 12, 31, 15, 59, 59, 999999999, time.UTC), 2025},
		{time.Date(2025, 12, 31, 11, 0, 0, 0, ny), 2026}, // 2026-01-01 00:00 in Beijing
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, policy.ClaimYear(tt.at), tt.at.String())
	}
	require.Equal(t, "2026-01-01 00:00:00 +0800 CST", policy.ChinaTime(time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC)).String())
}

func TestUsageDeadlinesClampMonthEnds(t *testing.T) {
	t.Parallel()
	issued := time.Date(2025, 8, 31, 10, 0, 0, 0, time.FixedZone("", 8*3600))
	ds := policy.Hebei().UsageDeadlines(issued)
	require.Len(t, ds, 2)
	require.Equal(t, "2025-11-30T10:00:00+08:00", ds[0].At.Format(time.RFC3339))
	require.Equal(t, "2026-02-28T10:00:00+08:00", ds[1].At.Format(time.RFC3339))
	require.Equal(t, "2025-11-30 10:00 前未使用的，创新券全额收回", ds[0].Text.ZH)
	require.Equal(t, "有效期至 2026-02-28 10:00，届时未使用部分收回", ds[1].Text.ZH, "the minute it passes, not a day read as valid through")
	d, ok := policy.Hebei().RedemptionDeadline(issued)
	require.True(t, ok)
	require.Equal(t, ds[1].At, d)
	_, ok = policy.Tianjin().RedemptionDeadline(issued)
	require.False(t, ok)
}

func TestUsageOutcome(t *testing.T) {
	t.Parallel()
	issued := time.Date(2026, 1, 10, 9, 0, 0, 0, time.FixedZone("", 8*3600))
	h := policy.Hebei()
	// Before any deadline: nothing happens and the next deadline is shown.
	o := policy.UsageOutcome(h, policy.VoucherUse{Issued: issued, Amount: cxq.Yuan(50000), At: issued.Add(24 * time.Hour)})
	require.True(t, o.Revoked.IsZero())
	require.Nil(t, o.Ban)
	require.NotNil(t, o.Next)
	require.Equal(t, policy.CodeFirstUseMissed, o.Next.Code)

	// Used something by 3 months: no revocation; the validity deadline is next.
	o = policy.UsageOutcome(h, policy.VoucherUse{Issued: issued, Amount: cxq.Yuan(50000), Used: cxq.Yuan(1), At: issued.AddDate(0, 4, 0)})
	require.True(t, o.Revoked.IsZero())
	require.Equal(t, policy.CodeUnusedExpired, o.Next.Code)

	// Fully used by 6 months: expired, nothing revoked, no ban.
	o = policy.UsageOutcome(h, policy.VoucherUse{Issued: issued, Amount: cxq.Yuan(50000), Used: cxq.Yuan(50000), At: issued.AddDate(0, 6, 0)})
	require.True(t, o.Expired)
	require.True(t, o.Revoked.IsZero())
	require.Nil(t, o.Ban)

	// Nothing used at 3 months: all revoked, banned that year, with a reason.
	o = policy.UsageOutcome(h, policy.VoucherUse{Issued: issued, Amount: cxq.Yuan(50000), At: issued.AddDate(0, 3, 0)})
	require.Equal(t, "50000.00", o.Revoked.String())
	require.Equal(t, 2026, o.Ban.Year)
	require.Equal(t, policy.CodeFirstUseMissed, o.Ban.Code)
	require.Equal(t, "2026-04-10 09:00 前未使用，创新券全额收回", o.Ban.Reason.ZH)
}
