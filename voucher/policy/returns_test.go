package policy

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
)

func TestReturnOutcome(t *testing.T) {
	t.Parallel()
	issued := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
	ok := func(at time.Time) ReturnCase {
		return ReturnCase{Use: VoucherUse{Issued: issued, Amount: cxq.MustMoney("4000.00"), At: at}, Issued: true,
			Held: cxq.MustMoney("4000.00")}
	}
	codes := func(rs []Reason) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Code)
		}
		return out
	}
	early := issued.AddDate(0, 1, 0)
	for _, tc := range []struct {
		name   string
		p      Policy
		c      ReturnCase
		refuse []string
		ban    int
		review bool
	}{
		{"langfang: returned early, no ban though low usage bans next year", Langfang(), ok(early), nil, 0, false},
		{"hebei: returned before first use, no same-year ban", Hebei(), ok(early), nil, 0, false},
		{"hebei: first-use deadline passed", Hebei(), ok(issued.AddDate(0, 3, 0)), []string{CodeReturnTooLate}, 0, false},
		{"a policy whose returns cost next year", withReturn(Langfang(), ReturnRules{Ban: NextYear, Review: true}), ok(early), nil, 2026, true},
		{"same year", withReturn(Tianjin(), ReturnRules{Ban: SameYear}), ok(early), nil, 2025, false},
		{"not issued", Tianjin(), func() ReturnCase { c := ok(early); c.Issued = false; return c }(), []string{CodeReturnNotIssued}, 0, false},
		{"used", Tianjin(), func() ReturnCase { c := ok(early); c.Use.Used = cxq.MustMoney("1.00"); return c }(), []string{CodeReturnUsed}, 0, false},
		{"redeeming", Tianjin(), func() ReturnCase { c := ok(early); c.Redeeming = true; return c }(), []string{CodeReturnUsed}, 0, false},
		{"ended", Tianjin(), func() ReturnCase { c := ok(early); c.Ended, c.Held = "returned", cxq.Money{}; return c }(), []string{CodeReturnEnded}, 0, false},
		{"pending", Tianjin(), func() ReturnCase { c := ok(early); c.Pending = true; return c }(), []string{CodeReturnPending}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, refused := ReturnOutcome(tc.p, tc.c)
			require.Equal(t, tc.refuse, codes(refused))
			require.Equal(t, tc.review, e.Review)
			require.Equal(t, tc.c.Held, e.Released)
			if tc.ban == 0 {
				require.Nil(t, e.Ban)
				require.Equal(t, CodeReturnNoBan, e.Effect.Code)
				return
			}
			require.NotNil(t, e.Ban)
			require.Equal(t, tc.ban, e.Ban.Year)
			require.Equal(t, CodeVoucherReturned, e.Ban.Code)
			require.Equal(t, CodeReturnBan, e.Effect.Code)
			require.Contains(t, e.Effect.Text().ZH, "年不得申请创新券")
		})
	}
}

func withReturn(p Policy, r ReturnRules) Policy {
	p.Usage.Return = r
	return p
}

func TestReturnBanValidated(t *testing.T) {
	t.Parallel()
	p := withReturn(Tianjin(), ReturnRules{Ban: "forever"})
	require.ErrorIs(t, p.Validate(), cxq.ErrInvalid)
	require.NoError(t, withReturn(Tianjin(), ReturnRules{Ban: NextYear, Review: true}).Validate())
}
