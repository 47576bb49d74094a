package policy

import (
	"time"

	"github.com/cxqkit/cxq"
)

// ChinaTime returns t in China Standard Time, the kernel's [cxq.China] (a fixed UTC+8
// zone, so that no tzdata is needed).
func ChinaTime(t time.Time) time.Time { return t.In(cxq.China()) }

// ClaimYear returns the year a claim made at t is charged to: the calendar year in
// China Standard Time. 2025-12-31T23:59:59+08:00 is 2025, 2026-01-01T00:00:00+08:00 is
// 2026, whatever zone t is given in.
func ClaimYear(t time.Time) int {
	return ChinaTime(t).Year()
}

// addMonths returns t plus n calendar months in China Standard Time, clamped to the last
// day of a shorter month (issued 08-31 + 6 months = 02-28/29).
func addMonths(t time.Time, n int) time.Time {
	c := ChinaTime(t)
	y, m, d := c.Date()
	first := time.Date(y, m+time.Month(n), 1, c.Hour(), c.Minute(), c.Second(), c.Nanosecond(), c.Location())
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return first.AddDate(0, 0, d-1)
}
