package stats

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

func TestPercentile(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       []int64
		p50, p90 int64
	}{
		{nil, 0, 0},
		{[]int64{7}, 7, 7},
		{[]int64{1, 2}, 1, 2},
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, 9},
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 6, 10},
	} {
		require.Equal(t, tc.p50, Percentile(tc.in, 50), "%v", tc.in)
		require.Equal(t, tc.p90, Percentile(tc.in, 90), "%v", tc.in)
	}
}

func TestFromHistory(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
	h := []review.AuditEntry{
		{Action: review.Submit, From: review.Draft, To: review.DistrictReview, Time: at},
		{Action: review.Return, From: review.DistrictReview, To: review.Returned, Time: at.Add(time.Hour)},
		{Action: review.Resubmit, From: review.Returned, To: review.DistrictReview, Time: at.Add(2 * time.Hour)},
		{Action: review.Approve, From: review.DistrictReview, To: review.ProfessionalReview, Time: at.Add(3 * time.Hour)},
		{Action: review.Approve, From: review.ProfessionalReview, To: review.Approved, Time: at.Add(4 * time.Hour)},
	}
	sub, appr, refs := FromHistory(h)
	require.Equal(t, at, sub, "the first submission counts, not the resubmission")
	require.Equal(t, at.Add(4*time.Hour), appr)
	require.Equal(t, []Refusal{{Code: "return", Stage: review.DistrictReview, Time: at.Add(time.Hour)}}, refs)
}

func TestMonthIsChinaTime(t *testing.T) {
	t.Parallel()
	f := Fact{Submitted: time.Date(2025, 3, 31, 16, 30, 0, 0, time.UTC)} // 2025-04-01 00:30 in Beijing
	require.Equal(t, "2025-04", f.Month())
	f = Fact{Created: time.Date(2025, 3, 31, 15, 30, 0, 0, time.UTC)}
	require.Equal(t, "2025-03", f.Month(), "a draft counts in the month it was made")
}

func drawFact(t *rapid.T, i int) Fact {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.IntRange(0, 400*24).Draw(t, "hour")) * time.Hour)
	status := rapid.SampledFrom([]review.State{review.Draft, review.DistrictReview, review.Approved, review.Rejected, review.Returned}).Draw(t, "status")
	f := Fact{Kind: rapid.SampledFrom([]Kind{Applications, Redemptions}).Draw(t, "kind"), ID: fmt.Sprint("R", i),
		OrderID: fmt.Sprint("O", rapid.IntRange(0, 20).Draw(t, "order")), Status: status, Created: at,
		ProviderID:       rapid.SampledFrom([]string{"V1", "V2", "V3"}).Draw(t, "provider"),
		EnterpriseRegion: rapid.SampledFrom([]string{"北京", "天津", "河北", ""}).Draw(t, "ent"),
		ProviderRegion:   rapid.SampledFrom([]string{"北京", "天津", "河北", ""}).Draw(t, "prov")}
	if status == review.Draft {
		return f
	}
	f.Submitted, f.District, f.PolicyID = at, rapid.SampledFrom([]string{"河西区", "南开区"}).Draw(t, "district"), "tianjin"
	f.Claimed = cxq.Fen(rapid.Int64Range(0, 1e9).Draw(t, "claimed"))
	if status == review.Approved {
		f.Approved = at.Add(time.Duration(rapid.IntRange(1, 1e6).Draw(t, "secs")) * time.Second)
		f.Granted = f.Claimed
		f.Redeemed = cxq.Fen(rapid.Int64Range(0, f.Claimed.Fen()).Draw(t, "paid"))
	}
	for range rapid.IntRange(0, 3).Draw(t, "refusals") {
		f.Refusals = append(f.Refusals, Refusal{Code: rapid.SampledFrom([]string{"return", "reject"}).Draw(t, "code"), Stage: review.DistrictReview})
	}
	return f
}

// TestReportReconciles: for any records, every table adds up to its total, and each
// row's drill lists exactly the records it counts.
func TestReportReconciles(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		var facts []Fact
		for i := range rapid.IntRange(0, 60).Draw(t, "n") {
			facts = append(facts, drawFact(t, i))
		}
		r := Build(Input{Facts: facts})
		require.NoError(t, r.Check())
		for _, tb := range r.Tables {
			for _, row := range tb.Rows {
				got := Select(facts, row.Drill)
				if tb.Dim == ByRefusal {
					require.LessOrEqual(t, len(got), row.Count)
				} else {
					require.Len(t, got, row.Count, "%s %q", tb.ID, row.Key)
				}
				require.Equal(t, sumOf(got), [2]cxq.Money{row.Claimed, row.Redeemed}, "%s %q: each record's money once", tb.ID, row.Key)
			}
			all := Select(facts, tb.Total.Drill)
			require.Equal(t, sumOf(all), [2]cxq.Money{tb.Total.Claimed, tb.Total.Redeemed}, "%s: each record's money once", tb.ID)
			if tb.Dim != ByRefusal {
				require.Len(t, all, tb.Total.Count)
			}
		}
	})
}

// sumOf is what facts claimed and redeemed.
func sumOf(facts []Fact) [2]cxq.Money {
	var s [2]cxq.Money
	for _, f := range facts {
		s[0], s[1] = s[0].Add(f.Claimed), s[1].Add(f.Redeemed)
	}
	return s
}

func TestCheckFindsAMismatch(t *testing.T) {
	t.Parallel()
	r := Build(Input{Facts: []Fact{{Kind: Applications, ID: "A", Amounts: Amounts{Claimed: cxq.MustMoney("1.00")}}}})
	r.Tables[1].Rows[0].Claimed = cxq.MustMoney("1.01")
	require.ErrorIs(t, r.Check(), ErrUnreconciled)
}
