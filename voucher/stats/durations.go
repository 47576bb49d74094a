package stats

import (
	"fmt"
	"slices"
	"time"
)

// Duration is the time records of one kind took from their first submission to their
// final approval (复审通过 for applications, 评审通过 for redemptions), over the records
// that reached it. Median and P90 are nearest-rank percentiles, in whole seconds.
type Duration struct {
	Kind          Kind  `json:"kind"`
	Count         int   `json:"count"`
	MedianSeconds int64 `json:"median_seconds"`
	P90Seconds    int64 `json:"p90_seconds"`
	Drill         Drill `json:"drill"`
}

// Median returns the median as a time.Duration.
func (d Duration) Median() time.Duration { return time.Duration(d.MedianSeconds) * time.Second }

// P90 returns the 90th percentile as a time.Duration.
func (d Duration) P90() time.Duration { return time.Duration(d.P90Seconds) * time.Second }

// durations takes the times to approval of the facts of kind k.
func durations(facts []Fact, k Kind) Duration {
	d := Duration{Kind: k, Drill: Drill{Kind: k, Dim: ByDuration}}
	var secs []int64
	for _, f := range facts {
		if d.Drill.Match(f) {
			secs = append(secs, int64(f.Approved.Sub(f.Submitted)/time.Second))
		}
	}
	slices.Sort(secs)
	d.Count = len(secs)
	d.MedianSeconds, d.P90Seconds = Percentile(secs, 50), Percentile(secs, 90)
	return d
}

// Percentile returns the p-th (0 < p ≤ 100) nearest-rank percentile of sorted: the
// smallest value with at least p% of the values at or below it; 0 for no values.
func Percentile(sorted []int64, p int) int64 {
	n := len(sorted)
	if n == 0 || p <= 0 {
		return 0
	}
	rank := (p*n + 99) / 100 // ⌈p·n/100⌉, exact in integers
	return sorted[min(rank, n)-1]
}

// Days writes a number of seconds as days, hours and minutes: "3天4小时", "2小时5分", "0分".
func Days(secs int64) string {
	d, h, m := secs/86400, secs%86400/3600, secs%3600/60
	switch {
	case d > 0:
		return fmt.Sprintf("%d天%d小时", d, h)
	case h > 0:
		return fmt.Sprintf("%d小时%d分", h, m)
	}
	return fmt.Sprintf("%d分", m)
}
