package policy

import "time"

// A quota period is an int: the claim year (2026) for a policy with a yearly cap, or for
// a policy with a cycle the day its cycle started as YYYYMMDD in China Standard Time
// (20260301). The two never collide, so a ban, which is always on a calendar year, is
// kept under the year's period even for a policy with cycles.

// QuotaPeriod returns the quota period a claim at at is charged to. For PerYear it is
// ClaimYear(at). For PerCycle, starts are the periods of the enterprise's earlier
// claims under the policy; the latest cycle still running at at is the one charged,
// and when none is, a new cycle starts with this claim, on at's day.
func (p Policy) QuotaPeriod(at time.Time, starts []int) int {
	if p.Period != PerCycle {
		return ClaimYear(at)
	}
	best := 0
	for _, s := range starts {
		if s > best && IsCycle(s) && !at.Before(CycleStart(s)) && at.Before(p.PeriodEnd(s)) {
			best = s
		}
	}
	if best != 0 {
		return best
	}
	c := ChinaTime(at)
	return c.Year()*10000 + int(c.Month())*100 + c.Day()
}

// IsCycle reports whether a quota period is a cycle's start day rather than a year.
func IsCycle(period int) bool { return period > 99999 }

// CycleStart returns the first instant of the cycle that started on the day period
// (YYYYMMDD), midnight China Standard Time.
func CycleStart(period int) time.Time {
	return cst(period/10000, time.Month(period/100%100), period%100)
}

// PeriodEnd returns the first instant after a quota period: the next New Year for a
// year, the cycle's start plus CycleMonths for a cycle.
func (p Policy) PeriodEnd(period int) time.Time {
	if !IsCycle(period) {
		return cst(period+1, time.January, 1)
	}
	return addMonths(CycleStart(period), p.CycleMonths)
}
