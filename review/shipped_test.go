package review_test

import (
	"testing"

	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

func TestShippedBuild(t *testing.T) {
	t.Parallel()
	for _, id := range review.ShippedIDs() {
		_, err := review.Shipped(id)
		require.NoError(t, err, id)
	}
	require.Equal(t, []string{review.HebeiRedemptionID, review.TianjinApplicationID, review.TianjinRedemptionID}, review.ShippedIDs())
}
