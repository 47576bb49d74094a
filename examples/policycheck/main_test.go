package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const golden = "../../voucher/scenario/testdata/scenarios/hebei-reclaim.json"

func TestRunHolds(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{golden}, &out, &errb)
	require.Equal(t, 0, code, errb.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 5)
	var r struct {
		Name string `json:"name"`
		Step int    `json:"step"`
		OK   bool   `json:"ok"`
		Got  string `json:"got"`
		Want string `json:"want"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &r))
	require.Equal(t, 1, r.Step)
	require.True(t, r.OK)
	require.Equal(t, "30000.00", r.Got)
	require.Equal(t, "hebei: re-claim once more than half is used", r.Name)
	require.Equal(t, "4 of 4 steps hold", lines[4])
}

func TestRunFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "wrong.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"name": "wrong", "policy": "tianjin",
 "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "9099.00"}, "expect": {"amount": "4549.51"}},
  {"at": "2026-03-02T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "3999.99"}, "expect": {"refused": "below_minimum"}}
 ]}`), 0o644))
	var out, errb bytes.Buffer
	require.Equal(t, 1, run(context.Background(), []string{p}, &out, &errb))
	require.Contains(t, out.String(), `"ok":false,"got":"4549.50","want":"4549.51"`)
	require.Contains(t, out.String(), "1 of 2 steps hold\n")
}

func TestRunUnreadable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, tc := range map[string]struct{ body, want string }{
		"unknown field": {`{"policy": "tianjin", "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1",
   "claim": {"contract": "9099.00", "contrat": "1"}}
 ]}`, "unknown.json:3: steps[0]"},
		"bad amount": {`{"policy": "tianjin", "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "9099.00"}},
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "lots"}}
 ]}`, "amount.json:4: steps[1].claim.contract"},
		"no policy": {`{"policy": "atlantis.json", "enterprises": [], "steps": [{"at": "2026-03-01T10:00:00+08:00", "deadlines": true}]}`, "policy"},
	} {
		file := map[string]string{"unknown field": "unknown.json", "bad amount": "amount.json", "no policy": "nopolicy.json"}[name]
		p := filepath.Join(dir, file)
		require.NoError(t, os.WriteFile(p, []byte(tc.body), 0o644))
		var out, errb bytes.Buffer
		require.Equal(t, 2, run(context.Background(), []string{p}, &out, &errb), name)
		require.Contains(t, errb.String(), tc.want, name)
		require.Contains(t, out.String(), "0 of 0 steps hold", name)
	}
	var out, errb bytes.Buffer
	require.Equal(t, 2, run(context.Background(), []string{filepath.Join(dir, "missing.json")}, &out, &errb))
	require.Contains(t, errb.String(), "missing.json")
}
