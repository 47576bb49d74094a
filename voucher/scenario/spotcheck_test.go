package scenario_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/scenario"
)

// TestSpotStepsChecked: a sample or finding step with a field out of place or malformed
// is refused at load time, naming the field.
func TestSpotStepsChecked(t *testing.T) {
	t.Parallel()
	for step, field := range map[string]string{
		`{"at": "2026-07-01T10:00:00+08:00", "sample": {"seed": "s"}}`:                                                     "steps[0].sample.period",
		`{"at": "2026-07-01T10:00:00+08:00", "sample": {"period": "2026H1", "share": "lots"}}`:                             "steps[0].sample.share",
		`{"at": "2026-07-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "1.00"}, "expect": {"drawn": [1]}}`: "steps[0].expect.drawn",
		`{"at": "2026-07-01T10:00:00+08:00", "enterprise": "E1", "finding": {"claim": 0, "result": "passed"}}`:             "steps[0].finding.claim",
		`{"at": "2026-07-01T10:00:00+08:00", "enterprise": "E1", "finding": {"claim": 1, "inspector": "boss"}}`:            "steps[0].finding.inspector",
		`{"at": "2026-07-01T10:00:00+08:00", "finding": {"claim": 1}}`:                                                     "steps[0].enterprise",
	} {
		_, err := scenario.Parse("f.json", []byte(`{"policy": "langfang", "enterprises": [{"id": "E1"}], "steps": [`+step+`]}`))
		var le *scenario.LoadError
		require.ErrorAs(t, err, &le, step)
		require.Equal(t, field, le.Field, step)
	}
}
