package policy_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

func TestSampleSize(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n     int
		share string
		want  int
	}{
		{0, "20%", 0}, {1, "5%", 1}, {5, "20%", 1}, {6, "20%", 2}, {10, "20%", 2}, {11, "20%", 3},
		{20, "5%", 1}, {21, "5%", 2}, {3, "100%", 3}, {7, "1/3", 3}, {9, "1/3", 3},
	} {
		require.Equal(t, c.want, policy.SampleSize(c.n, cxq.MustRate(c.share)), "%d at %s", c.n, c.share)
	}
}

// TestDrawSampleGolden fixes one draw: a change to the ranking would change what an
// office published seed reproduces, so it must show here.
func TestDrawSampleGolden(t *testing.T) {
	t.Parallel()
	var cases []policy.SampleCase
	for i := range 10 {
		cases = append(cases, policy.SampleCase{ID: fmt.Sprintf("R%02d", i), Stratum: []string{"安次区", "广阳区"}[i%2]})
	}
	got := policy.DrawSample(cases, "2026H1-廊坊", cxq.Percent(20))
	require.Equal(t, []policy.Stratum{
		{Name: "安次区", Size: 5, Drawn: []string{"R00"}},
		{Name: "广阳区", Size: 5, Drawn: []string{"R07"}},
	}, got)
	require.Equal(t, "c111be35", policy.SampleRank("s", "R01")[:8], "as an independent SHA-256 computes it")
}

// TestDrawSampleProperties: the same seed and the same set of cases give the same sample
// whatever their order; every stratum gives ⌈share × size⌉ of its own cases, so the
// sample's share is at least the share; another seed may give another sample.
func TestDrawSampleProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 60).Draw(rt, "n")
		strata := rapid.IntRange(1, 4).Draw(rt, "strata")
		cases := make([]policy.SampleCase, n)
		for i := range cases {
			cases[i] = policy.SampleCase{ID: "R" + strconv.Itoa(i), Stratum: "S" + strconv.Itoa(rapid.IntRange(0, strata-1).Draw(rt, "s"))}
		}
		share := cxq.Percent(int64(rapid.IntRange(1, 100).Draw(rt, "pct")))
		seed := rapid.StringN(0, 12, -1).Draw(rt, "seed")
		got := policy.DrawSample(cases, seed, share)
		perm := rapid.Permutation(cases).Draw(rt, "perm")
		require.Equal(rt, got, policy.DrawSample(append(perm, perm...), seed, share), "order and repeats change nothing")
		total, drawn := 0, 0
		for _, st := range got {
			require.Len(rt, st.Drawn, policy.SampleSize(st.Size, share))
			require.True(rt, slices.IsSorted(st.Drawn))
			for _, id := range st.Drawn {
				require.True(rt, slices.Contains(cases, policy.SampleCase{ID: id, Stratum: st.Name}), "%s drawn from its own stratum", id)
			}
			total, drawn = total+st.Size, drawn+len(st.Drawn)
		}
		require.Equal(rt, n, total)
		if total > 0 {
			require.GreaterOrEqual(rt, cxq.RatioRate(int64(drawn), int64(total)).Cmp(share), 0, "the sample's share is at least the share")
		}
	})
}

func TestSpotPeriods(t *testing.T) {
	t.Parallel()
	half := policy.SpotCheckRule{MinShare: cxq.Percent(5), Months: 6}
	at := time.Date(2026, 6, 30, 23, 59, 0, 0, cxq.China())
	p := half.PeriodAt(at)
	require.Equal(t, "2026H1", p.Key)
	require.True(t, p.Contains(at))
	require.False(t, p.Contains(p.Until))
	require.Equal(t, time.Date(2026, 7, 1, 0, 0, 0, 0, cxq.China()), p.Until)
	back, err := half.Period("2026H2")
	require.NoError(t, err)
	require.Equal(t, half.PeriodAt(p.Until), back)
	for _, bad := range []string{"", "2026", "2026H3", "2026Q1", "20x6H1", "2026H1x"} {
		_, err := half.Period(bad)
		require.ErrorIs(t, err, cxq.ErrInvalid, bad)
	}
	q, err := policy.SpotCheckRule{Months: 3}.Period("2026Q4")
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 10, 1, 0, 0, 0, 0, cxq.China()), q.From)
	y, err := policy.SpotCheckRule{Months: 12}.Period("2027")
	require.NoError(t, err)
	require.Equal(t, time.Date(2028, 1, 1, 0, 0, 0, 0, cxq.China()), y.Until)
}

func TestSpotCheckRuleValidate(t *testing.T) {
	t.Parallel()
	p := policy.Langfang()
	p.SpotCheck = &policy.SpotCheckRule{Months: 5, By: "city"}
	err := p.Validate()
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, e := range ve.Errors {
		fields = append(fields, e.Field)
	}
	require.Equal(t, []string{"spot_check.min_share", "spot_check.months", "spot_check.by"}, fields)
	p.SpotCheck = &policy.SpotCheckRule{MinShare: cxq.Percent(101), Months: 6}
	require.Error(t, p.Validate())
	require.Equal(t, cxq.Percent(20), policy.Langfang().SpotCheck.MinShare)
	require.Equal(t, cxq.Percent(5), policy.BeijingChangping().SpotCheck.MinShare)
	require.Nil(t, policy.Tianjin().SpotCheck)
}

// FuzzSpotPeriod: a key either is refused or names the period that holds its own start,
// under the rule's length of period.
func FuzzSpotPeriod(f *testing.F) {
	for _, k := range []string{"2026", "2026H1", "2026H2", "2026Q3", "0999H1", "2026H0", "２０２６H1"} {
		f.Add(k, 6)
	}
	f.Fuzz(func(t *testing.T, key string, months int) {
		r := policy.SpotCheckRule{MinShare: cxq.Percent(5), Months: []int{3, 6, 12}[(months%3+3)%3]}
		p, err := r.Period(key)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		require.Equal(t, key, p.Key)
		require.Equal(t, p, r.PeriodAt(p.From))
		require.True(t, p.Until.After(p.From))
	})
}
