package policy_test

import (
	"testing"

	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/policy/policytest"
)

// TestGoldenCases runs every golden case of POLICY.md (and the redemption and tier cases
// around them) from testdata/golden.csv.
func TestGoldenCases(t *testing.T) {
	t.Parallel()
	policytest.Run(t, "testdata/golden.csv", policy.Presets())
}
