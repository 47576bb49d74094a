package scenario_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/scenario"
)

// TestGoldenScenarios runs every scenario file under testdata/scenarios on memstore
// (voucher/storetest runs the same files on every driver).
func TestGoldenScenarios(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob(filepath.Join("testdata", "scenarios", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t.Parallel()
			scenario.RunFiles(t, mem, p)
		})
	}
	golden, err := scenario.Golden()
	require.NoError(t, err)
	require.Len(t, golden, len(paths), "Golden embeds every file")
}

// recorder is a TB that keeps what it is told.
type recorder struct{ errs, fatals []string }

func (r *recorder) Helper()                      {}
func (r *recorder) Errorf(f string, args ...any) { r.errs = append(r.errs, fmt.Sprintf(f, args...)) }
func (r *recorder) Fatalf(f string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(f, args...))
}

// TestRunFilesReportsFailures: a step that does not hold is reported with file, line
// and both values; an unreadable file is fatal.
func TestRunFilesReportsFailures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "wrong.json")
	writeFile(t, p, `{"name": "tianjin off by a fen", "policy": "tianjin", "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "9099.00"}, "expect": {"amount": "4549.51"}}
 ]}`)
	var r recorder
	scenario.RunFiles(&r, mem, p)
	require.Empty(t, r.fatals)
	require.Len(t, r.errs, 1)
	require.Contains(t, r.errs[0], "wrong.json:3: tianjin off by a fen: step 1: got 4549.50, want 4549.51")
	r = recorder{}
	scenario.RunFiles(&r, mem, filepath.Join(dir, "missing.json"))
	require.Len(t, r.fatals, 1)
	require.True(t, strings.Contains(r.fatals[0], "missing.json"))
}

// TestPolicyFile: a scenario may name a policy JSON file, relative to itself.
func TestPolicyFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ireland.json"), `{"id": "ie-fast-track", "version": "1", "name": {"zh": "爱尔兰快速创新券", "en": "Ireland fast-track"},
 "from": "2020-01-01T00:00:00Z", "rate": "1/2", "max_project": "10000.00"}`)
	p := filepath.Join(dir, "s.json")
	writeFile(t, p, `{"policy": "ireland.json", "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "10000.00"}, "expect": {"amount": "5000.00"}},
  {"at": "2026-03-02T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "8000.00"}, "expect": {"amount": "4000.00"}}
 ]}`)
	scenario.RunFiles(t, mem, p)
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
}

func mem() voucher.Store { return memstore.New() }
