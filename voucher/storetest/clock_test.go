package storetest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/storetest"
)

func TestClockSteps(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := storetest.NewClock(start, time.Second)
	require.Equal(t, start.Add(time.Second), c.Now())
	require.Equal(t, start.Add(2*time.Second), c.Now(), "every reading moves it a step")
	c.Set(start)
	require.Equal(t, start.Add(time.Second), c.Now(), "Set moves it back too")

	still := storetest.NewClock(start, 0)
	require.Equal(t, start, still.Now())
	require.Equal(t, start, still.Now(), "without a step it stands still")
}
