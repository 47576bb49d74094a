package policytest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/policy/policytest"
)

// recorder is a policytest.TB that records what a run reports.
type recorder struct {
	errors []string
	fatal  string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }

const table = `name,policy,contract,claimed,expect
# a comment line
manual,tianjin,9099.00,,4549.50
wrong amount,tianjin,9099.00,,4549.51

wrong refusal,tianjin,3999.99,,error:quota_exhausted
refused unexpectedly,tianjin,9099.00,100000.00,4549.50
bad money,tianjin,12.345,,6.17
unknown policy,atlantis,9099.00,,4549.50
`

func TestCheckReportsFailingRowsByLine(t *testing.T) {
	t.Parallel()
	cases, err := policytest.Load("t.csv", strings.NewReader(table))
	require.NoError(t, err)
	require.Len(t, cases, 6)
	var got []string
	for _, f := range policytest.Check(cases, policy.Presets()) {
		got = append(got, f.Error())
	}
	require.Equal(t, []string{
		"t.csv:4: wrong amount: got 4549.50, want 4549.51",
		"t.csv:6: wrong refusal: refusal: got below_minimum, want quota_exhausted",
		"t.csv:7: refused unexpectedly: got refusal quota_exhausted (policy: refused: the quota of 100000.00 for this year (cycle) is used up), want 4549.50",
		"t.csv:8: bad money: contract: amount must have at most two decimals",
		"t.csv:9: unknown policy: policy: policy: no policy \"atlantis\": cxq: not found",
	}, got)
}

func TestLoadJSONLines(t *testing.T) {
	t.Parallel()
	js := `[
  {"name": "manual", "policy": "tianjin", "contract": "9099.00", "expect": "4549.50"},

  {"name": "wrong", "policy": "tianjin", "contract": "9099.00",
   "expect": "1.00"},
  {"op": "year", "policy": "tianjin", "at": "2025-12-31T16:00:00Z", "expect": "2026"}
]`
	cases, err := policytest.Load("t.json", strings.NewReader(js))
	require.NoError(t, err)
	require.Equal(t, []int{2, 4, 6}, []int{cases[0].Line, cases[1].Line, cases[2].Line})
	fs := policytest.Check(cases, policy.Presets())
	require.Len(t, fs, 1)
	require.Equal(t, "t.json:4: wrong: got 4549.50, want 1.00", fs[0].Error())

	_, err = policytest.Load("t.json", strings.NewReader(`{"policy":"tianjin"}`))
	require.Error(t, err)
	_, err = policytest.Load("t.json", strings.NewReader("[\n{\"expect\": 1}]"))
	require.ErrorContains(t, err, "t.json:2:")
}

func TestRun(t *testing.T) {
	t.Parallel()
	var r recorder
	policytest.Run(&r, "../testdata/golden.csv", policy.Presets())
	require.Empty(t, r.fatal)
	require.Empty(t, r.errors)

	r = recorder{}
	policytest.Run(&r, "testdata/missing.csv", policy.Presets())
	require.Contains(t, r.fatal, "missing.csv")
}

func TestOpsAndRegistry(t *testing.T) {
	t.Parallel()
	custom := policy.Tianjin()
	custom.Version = "2099"
	custom.MinContract = custom.MinContract.Sub(custom.MinContract)
	reg, err := policy.NewRegistry(policy.Tianjin(), custom)
	require.NoError(t, err)
	tbl := `policy,version,op,contract,expect,amount,used,issued,at
tianjin,2017,,1000.00,error:below_minimum,,,,
tianjin,2099,apply,1000.00,500.00,,,,
tianjin,,apply,1000.00,500.00,,,,
tianjin,,teleport,,,,,,
hebei,,usage,,revoked=0.00;ban=none,100.00,1.00,2026-01-01T00:00:00+08:00,2026-02-01T00:00:00+08:00
`
	cases, err := policytest.Load("ops.csv", strings.NewReader(tbl))
	require.NoError(t, err)
	fs := policytest.Check(cases[:4], reg)
	require.Len(t, fs, 1)
	require.Equal(t, `ops.csv:5: line 5: unknown op "teleport"`, fs[0].Error())
	require.Empty(t, policytest.Check(cases[4:], policy.Presets()))

	_, err = policy.Presets().Get(policy.Ref{ID: "tianjin", Version: "1999"})
	require.Error(t, err)
}

func FuzzLoad(f *testing.F) {
	f.Add("t.csv", table)
	f.Add("t.json", `[{"policy":"tianjin","contract":"9099","expect":"4549.50"}]`)
	f.Fuzz(func(t *testing.T, name, data string) {
		cases, err := policytest.Load(name, strings.NewReader(data))
		if err != nil {
			return
		}
		for _, c := range cases {
			require.Positive(t, c.Line)
			_ = c.Run(policy.Presets())
		}
	})
}

func TestUnknownColumnFails(t *testing.T) {
	t.Parallel()
	tbl := "name,policy,contract,claimd,expect,note\n" +
		"typo,tianjin,300000.00,20000.00,150000.00,the cap would bind if claimed were read\n"
	cases, err := policytest.Load("t.csv", strings.NewReader(tbl))
	require.NoError(t, err)
	fs := policytest.Check(cases, policy.Presets())
	require.Len(t, fs, 1)
	require.Equal(t, `t.csv:2: typo: unknown column "claimd"`, fs[0].Error())

	tbl = "policy,contract,expect,provider_central_soe\ntianjin,9099.00,4549.50,yes\n"
	cases, err = policytest.Load("t.csv", strings.NewReader(tbl))
	require.NoError(t, err)
	fs = policytest.Check(cases, policy.Presets())
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Error(), "provider_central_soe")
}
