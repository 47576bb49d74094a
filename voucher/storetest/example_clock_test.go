package storetest_test

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq/voucher/storetest"
)

// A World's clock moves a second on every reading; a clock without a step stands still
// until the test moves it.
func ExampleNewClock() {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := storetest.NewClock(start, time.Second)
	fmt.Println(c.Now().Format(time.TimeOnly), c.Now().Format(time.TimeOnly))
	c.Set(start)
	fmt.Println(c.Now().Format(time.TimeOnly), "after Set")

	still := storetest.NewClock(start, 0)
	fmt.Println(still.Now().Format(time.TimeOnly), still.Now().Format(time.TimeOnly))
	still.Set(start.AddDate(0, 0, 8))
	fmt.Println(still.Now().Format(time.DateOnly))
	// Output:
	// 09:00:01 09:00:02
	// 09:00:01 after Set
	// 09:00:00 09:00:00
	// 2026-03-10
}
