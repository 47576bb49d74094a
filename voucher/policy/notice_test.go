package policy_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestNoticePresets: hebei, langfang and beijing-changping hold approved redemptions in a
// 7-day public notice listing only the allow-listed columns; tianjin pays at approval.
func TestNoticePresets(t *testing.T) {
	t.Parallel()
	for _, p := range []policy.Policy{policy.Hebei(), policy.Langfang(), policy.BeijingChangping()} {
		require.Equal(t, 7, p.Notice.Days, p.ID)
		require.True(t, p.Notice.Held(), p.ID)
		require.Equal(t, policy.PublicColumns(), p.Notice.Columns, p.ID)
	}
	require.False(t, policy.Tianjin().Notice.Held())
	b, err := json.Marshal(policy.Tianjin())
	require.NoError(t, err)
	require.NotContains(t, string(b), `"notice"`, "a policy without a notice encodes as before")
}

// TestNoticeValidate: days within 0–60, columns only from the allow-list and once each,
// days without columns and columns without days refused as inert.
func TestNoticeValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		notice policy.Notice
		field  string
		code   string
	}{
		{"negative days", policy.Notice{Days: -1, Columns: policy.PublicColumns()}, "notice.days", policy.CodePolicyValue},
		{"too long", policy.Notice{Days: policy.MaxNoticeDays + 1, Columns: policy.PublicColumns()}, "notice.days", policy.CodePolicyValue},
		{"a phone column", policy.Notice{Days: 7, Columns: []policy.Column{"phone"}}, "notice.columns[0]", policy.CodePolicyValue},
		{"a column twice", policy.Notice{Days: 7, Columns: []policy.Column{"amount", "amount"}}, "notice.columns[1]", policy.CodePolicyValue},
		{"days without columns", policy.Notice{Days: 7}, "notice.days", policy.CodePolicyInert},
		{"columns without days", policy.Notice{Columns: policy.PublicColumns()}, "notice.columns", policy.CodePolicyInert},
	} {
		p := policy.Tianjin()
		p.Notice = tc.notice
		var ve *cxq.ValidationError
		require.ErrorAs(t, p.Validate(), &ve, tc.name)
		require.Equal(t, tc.field, ve.Errors[0].Field, tc.name)
		require.Equal(t, tc.code, ve.Errors[0].Code, tc.name)
	}
	p := policy.Tianjin()
	p.Notice = policy.Notice{Days: 5, Columns: []policy.Column{policy.ColumnEnterprise, policy.ColumnAmount}}
	require.NoError(t, p.Validate())
	require.True(t, p.Notice.Shows(policy.ColumnAmount))
	require.False(t, p.Notice.Shows(policy.ColumnProvider))
}
