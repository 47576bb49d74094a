package sqlstore_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/storetest"
)

// TestTailHeldOneTripBeforeCommit: each transaction of an application's submission and
// approval reads all it needs before it takes the trail's tail (SELECT … FOR UPDATE, held
// until the commit, so that every other writer waits meanwhile), and after it sends only
// its held writes before the COMMIT: one round trip.
func TestTailHeldOneTripBeforeCommit(t *testing.T) {
	st, tr := openTraced(t)
	w := storetest.NewWorld(t, st)
	jobs := storetest.LifecycleDrafts(w, 1)
	tr.reset()
	_, err := storetest.RunLifecycle(w, jobs, 1)
	require.NoError(t, err)

	locked := 0
	for i, trip := range tr.trips {
		if !strings.Contains(strings.Join(trip, "\n"), "FOR UPDATE") {
			continue
		}
		locked++
		between := 0
		for _, next := range tr.trips[i+1:] {
			if len(next) == 1 && next[0] == "COMMIT" {
				break
			}
			between++
		}
		require.LessOrEqual(t, between, 1, "round trips between the tail's lock and the commit: %q", tr.trips[i+1:i+1+between])
	}
	require.GreaterOrEqual(t, locked, 4, "each of the four transactions takes the tail")
}
