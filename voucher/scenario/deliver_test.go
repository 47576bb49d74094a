package scenario_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/scenario"
)

// TestDeliverEvaluateSteps: a wrong grade fails its step, the file's checks name the
// field of a misplaced grade or claim index, and policy changes must be policy fields
// that validate.
func TestDeliverEvaluateSteps(t *testing.T) {
	t.Parallel()
	f, err := scenario.Parse("grade.json", []byte(`{"policy": "tianjin", "enterprises": [{"id": "E1"}], "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "9099.00"}},
  {"at": "2026-03-02T10:00:00+08:00", "enterprise": "E1", "deliver": {"claim": 1}},
  {"at": "2026-03-03T10:00:00+08:00", "enterprise": "E1", "evaluate": {"claim": 1, "scores": {"quality": 0}}, "expect": {"grade": "A"}}
 ]}`))
	require.NoError(t, err)
	res, err := f.Run(context.Background(), mem())
	require.NoError(t, err)
	require.True(t, res[1].OK, res[1].Got)
	require.False(t, res[2].OK)
	require.Equal(t, "grade: B", res[2].Got, "80 points earn a B")

	for body, field := range map[string]string{
		`{"policy": "tianjin", "enterprises": [{"id": "E1"}], "steps": [{"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "deliver": {"claim": 1}, "expect": {"grade": "A"}}]}`: "steps[0].expect.grade",
		`{"policy": "tianjin", "enterprises": [{"id": "E1"}], "steps": [{"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "evaluate": {"claim": 0}}]}`:                          "steps[0].evaluate.claim",
		`{"policy": "tianjin", "enterprises": [{"id": "E1"}], "steps": [{"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "deliver": {"claim": 1}, "evaluate": {"claim": 1}}]}`: "steps[0]",
	} {
		_, err := scenario.Parse("bad.json", []byte(body))
		var le *scenario.LoadError
		require.True(t, errors.As(err, &le), body)
		require.Equal(t, field, le.Field, body)
	}
	for _, changes := range []string{`{"evaluation_requird": true}`, `{"rate": "0"}`} {
		f, err := scenario.Parse("changes.json", []byte(`{"policy": "tianjin", "policy_changes": `+changes+`, "enterprises": [{"id": "E1"}],
 "steps": [{"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "9099.00"}}]}`))
		require.NoError(t, err)
		_, err = f.Run(context.Background(), mem())
		var le *scenario.LoadError
		require.True(t, errors.As(err, &le), changes)
		require.Equal(t, "policy_changes", le.Field)
	}
}
