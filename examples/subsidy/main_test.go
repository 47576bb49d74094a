package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// at is the claim time the tests pass with -at; clock is a different "now", so a test that
// forgot -at would compute another year and fail.
const at = "2026-03-01T10:00:00+08:00"

var clock = time.Date(2031, 7, 1, 9, 0, 0, 0, time.UTC)

// withAt puts -at first, as a reader would write it.
func withAt(args ...string) []string { return append([]string{"-at", at}, args...) }

func TestRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		code    int
		subsidy string
		errCode string
	}{
		{"manual", []string{"-policy", "tianjin", "-contract", "9099", "-json"}, 0, "4549.50", ""},
		{"used this year", []string{"-policy", "tianjin", "-contract", "300000", "-used", "20000", "-json"}, 0, "80000.00", ""},
		{"below minimum", []string{"-contract", "3999.99", "-json"}, 1, "", "below_minimum"},
		{"quota used up", []string{"-contract", "9099", "-used", "100000", "-json"}, 1, "", "quota_exhausted"},
		{"bad amount", []string{"-contract", "1e9", "-json"}, 1, "", "money_syntax"},
		{"unknown policy", []string{"-policy", "atlantis", "-contract", "9099", "-json"}, 1, "", "unknown_policy"},
		{"hebei re-claim", []string{"-policy", "hebei", "-request", "70000", "-used", "30000", "-spent", "15001", "-json"}, 0, "70000.00", ""},
		{"hebei half used", []string{"-policy", "hebei", "-request", "1000", "-used", "30000", "-spent", "15000", "-json"}, 1, "", "reclaim_usage"},
		{"changping bonus", []string{"-policy", "beijing-changping", "-contract", "100000", "-enterprise", "海淀",
			"-provider", "昌平", "-park", "未来科学城", "-central-soe", "-json"}, 0, "40000.00", ""},
		{"changping as written", []string{"-policy", "beijing-changping", "-contract", "100000", "-enterprise", "昌平区",
			"-provider", "海淀区", "-json"}, 0, "40000.00", ""},
		{"changping with city", []string{"-policy", "beijing-changping", "-contract", "100000", "-enterprise", "北京市昌平区",
			"-provider", "海淀区", "-json"}, 0, "40000.00", ""},
		{"changping unclassified", []string{"-policy", "beijing-changping", "-contract", "100000", "-enterprise", "北京",
			"-provider", "海淀区", "-json"}, 1, "", "place_unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			require.Equal(t, tt.code, run(withAt(tt.args...), clock, &out, &errOut), errOut.String())
			var v struct {
				Contract  string            `json:"contract"`
				Subsidy   string            `json:"subsidy"`
				Year      int               `json:"year"`
				Breakdown []json.RawMessage `json:"breakdown"`
				Error     *failure          `json:"error"`
			}
			require.NoError(t, json.Unmarshal(out.Bytes(), &v), out.String())
			if tt.errCode != "" {
				require.NotNil(t, v.Error)
				require.Equal(t, tt.errCode, v.Error.Code)
				require.NotEmpty(t, v.Error.MessageZH)
				require.NotEmpty(t, v.Error.MessageEN)
				return
			}
			require.Equal(t, 2026, v.Year)
			require.Equal(t, tt.subsidy, v.Subsidy)
			require.NotEmpty(t, v.Breakdown)
		})
	}
}

func TestRunText(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(withAt("-contract", "9099"), clock, &out, &errOut))
	require.Contains(t, out.String(), "2026 年")
	require.Contains(t, out.String(), "创新券金额 / voucher amount: 4549.50")
	require.Contains(t, out.String(), "* 按合同金额 50% 计算 4549.50 元")
	require.Contains(t, out.String(), "未超过年度剩余额度 100000.00 元")

	out.Reset()
	require.Equal(t, 1, run(withAt("-contract", "3999.99"), clock, &out, &errOut))
	require.Contains(t, errOut.String(), "below_minimum")
}

// Without -at the claim is made at the clock reading run is given, in China time.
func TestRunDefaultsToNow(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		now  time.Time
		year int
	}{
		{clock, 2031},
		{time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC), 2027}, // 00:30 on 1 January in Beijing
		{time.Date(2026, 12, 31, 15, 30, 0, 0, time.UTC), 2026},
	} {
		var out, errOut bytes.Buffer
		require.Equal(t, 0, run([]string{"-contract", "9099", "-json"}, tt.now, &out, &errOut), errOut.String())
		var v struct {
			Year int `json:"year"`
		}
		require.NoError(t, json.Unmarshal(out.Bytes(), &v))
		require.Equal(t, tt.year, v.Year, tt.now)
	}
}

// With -json every refusal is the JSON error on stdout and exit 1, bad flags included,
// wherever -json stands; without it a bad flag prints the usage text and exits 2.
func TestRunFlagErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		args []string
		code string
	}{
		{"bad int after -json", []string{"-json", "-claims", "abc"}, "flag_invalid"},
		{"bad int before -json", []string{"-claims", "abc", "-json"}, "flag_invalid"},
		{"unknown flag", []string{"-nope", "-json"}, "flag_invalid"},
		{"bad bool", []string{"--json", "-central-soe=maybe"}, "flag_invalid"},
		{"missing value", []string{"-json=true", "-contract"}, "flag_invalid"},
		{"claims below -1", []string{"-json", "-contract", "9099", "-claims", "-2"}, "claims_range"},
		{"bad time", []string{"-json", "-contract", "9099", "-at", "yesterday"}, "at_format"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			require.Equal(t, 1, run(tt.args, clock, &out, &errOut))
			require.Empty(t, errOut.String())
			var v struct {
				Error *failure `json:"error"`
			}
			require.NoError(t, json.Unmarshal(out.Bytes(), &v), out.String())
			require.NotNil(t, v.Error, out.String())
			require.Equal(t, tt.code, v.Error.Code)
			require.NotEmpty(t, v.Error.MessageZH)
			require.NotEmpty(t, v.Error.MessageEN)
		})
	}
	for _, args := range [][]string{{"-claims", "abc"}, {"-nope"}, {"-json=false", "-claims", "abc"}, {"-contract", "-json"}} {
		var out, errOut bytes.Buffer
		code := run(args, clock, &out, &errOut)
		if args[0] == "-contract" {
			// -json here is -contract's value, not a flag: a money error in text.
			require.Equal(t, 1, code)
			require.Contains(t, errOut.String(), "money_syntax")
			continue
		}
		require.Equal(t, 2, code, args)
		require.Empty(t, out.String(), args)
		require.Contains(t, errOut.String(), "Usage of subsidy", args)
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(withAt("-contract", "9099", "-claims", "-1", "-json"), clock, &out, &errOut), "-1 is the default and allowed")
}
