package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			require.Equal(t, tt.code, run(tt.args, &out, &errOut), errOut.String())
			var v struct {
				Contract  string            `json:"contract"`
				Subsidy   string            `json:"subsidy"`
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
			require.Equal(t, tt.subsidy, v.Subsidy)
			require.NotEmpty(t, v.Breakdown)
		})
	}
}

func TestRunText(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-contract", "9099"}, &out, &errOut))
	require.Contains(t, out.String(), "创新券金额 / voucher amount: 4549.50")
	require.Contains(t, out.String(), "* 按合同金额 50% 计算 4549.50 元")
	require.Contains(t, out.String(), "未超过年度剩余额度 100000.00 元")

	out.Reset()
	require.Equal(t, 1, run([]string{"-contract", "3999.99"}, &out, &errOut))
	require.Contains(t, errOut.String(), "below_minimum")
}
