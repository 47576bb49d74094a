package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/policy"
)

// TestDemoPolicy: -policy names a preset, or a policy JSON file; anything else is refused
// naming what was given.
func TestDemoPolicy(t *testing.T) {
	pr, err := demoPolicy("")
	require.NoError(t, err)
	require.Equal(t, policy.PresetTianjin, pr.Policy)
	pr, err = demoPolicy("langfang")
	require.NoError(t, err)
	require.Equal(t, policy.PresetLangfang, pr.Policy)

	p := policy.Tianjin()
	p.ID, p.Version = "tianjin-notice", "2026"
	p.Notice = policy.Notice{Days: 7, Columns: []policy.Column{"enterprise", "product", "amount"}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "p.json")
	require.NoError(t, os.WriteFile(file, b, 0o600))
	pr, err = demoPolicy(file)
	require.NoError(t, err)
	got, err := pr.Policies.Latest("tianjin-notice")
	require.NoError(t, err)
	require.Equal(t, 7, got.Notice.Days)

	_, err = demoPolicy("nowhere")
	require.ErrorContains(t, err, "-policy nowhere")
	require.NoError(t, os.WriteFile(file, []byte(`{"id": ""}`), 0o600))
	_, err = demoPolicy(file)
	require.ErrorContains(t, err, "-policy "+file)

	cfg, err := parseFlags([]string{"-policy", "hebei"}, os.Stderr)
	require.NoError(t, err)
	require.Equal(t, "hebei", cfg.policy)
}
