package scenario_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/scenario"
)

// TestGoldenScenarios runs every scenario file under testdata/scenarios on memstore.
func TestGoldenScenarios(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			f, err := scenario.ReadFile(p)
			require.NoError(t, err)
			res, err := f.Run(context.Background(), nil)
			require.NoError(t, err)
			for _, r := range res {
				if !r.OK {
					t.Errorf("%s:%d: step %d: got %s, want %s", p, r.Line, r.Step, r.Got, r.Want)
				}
			}
		})
	}
}
