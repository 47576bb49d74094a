package scenario_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/scenario"
)

// TestExtendStep: under a policy file allowing a 3-month extension, the extended Hebei
// voucher outlives its first-use deadline; a second extension is refused, and under the
// preset (no extension) the step is refused with no_extension.
func TestExtendStep(t *testing.T) {
	dir := t.TempDir()
	p := policy.Hebei()
	p.Version = "2016-extend"
	p.Usage.ExtensionMonths = 3
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "hebei-extend.json"), b, 0o600))
	file := filepath.Join(dir, "extend.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"name": "hebei with extensions", "policy": "hebei-extend.json",
 "enterprises": [{"id": "E1", "district": "石家庄"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "80000.00"}, "expect": {"amount": "30000.00"}},
  {"at": "2026-05-20T10:00:00+08:00", "enterprise": "E1", "extend": {"claim": 1, "reason": "设备到货延误"}},
  {"at": "2026-05-21T10:00:00+08:00", "enterprise": "E1", "extend": {"claim": 1, "reason": "again"}, "expect": {"refused": "already_extended"}},
  {"at": "2026-06-02T10:00:00+08:00", "deadlines": true, "expect": {"revoked": []}},
  {"at": "2026-09-02T10:00:00+08:00", "deadlines": true, "expect": {"revoked": [1]}}
 ]}`), 0o600))
	scenario.RunFiles(t, mem, file)

	preset := filepath.Join(dir, "preset.json")
	require.NoError(t, os.WriteFile(preset, []byte(`{"name": "hebei preset", "policy": "hebei",
 "enterprises": [{"id": "E1", "district": "石家庄"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "80000.00"}, "expect": {"amount": "30000.00"}},
  {"at": "2026-05-20T10:00:00+08:00", "enterprise": "E1", "extend": {"claim": 1, "reason": "x"}, "expect": {"refused": "no_extension"}}
 ]}`), 0o600))
	scenario.RunFiles(t, mem, preset)
}
