package attachment_test

import (
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

func TestCheckDuplicates(t *testing.T) {
	t.Parallel()
	const a, b = "aaaa", "bbbb"
	tests := []struct {
		name  string
		uses  []attachment.Use
		field []string
	}{
		{"none", nil, nil},
		{"distinct files", []attachment.Use{{"invoices[0].scan", "inv-1", a}, {"invoices[1].scan", "inv-2", b}}, nil},
		{"same file same invoice", []attachment.Use{{"invoices[0].scan", "inv-1", a}, {"invoices[0].scan2", "inv-1", a}}, nil},
		{"no hash", []attachment.Use{{"invoices[0].scan", "inv-1", ""}, {"invoices[1].scan", "inv-2", ""}}, nil},
		{"one scan for two invoices", []attachment.Use{{"invoices[0].scan", "inv-1", a}, {"invoices[1].scan", "inv-2", a}}, []string{"invoices[1].scan"}},
		{"invoice scan reused as contract", []attachment.Use{{"invoices[0].scan", "inv-1", a}, {"contracts[0].scan", "contract A", b}, {"contracts[1].scan", "contract B", a}, {"contracts[2].scan", "contract C", b}},
			[]string{"contracts[1].scan", "contracts[2].scan"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := attachment.CheckDuplicates(tc.uses)
			if tc.field == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, cxq.ErrInvalid)
			var ve *cxq.ValidationError
			require.ErrorAs(t, err, &ve)
			require.Len(t, ve.Errors, len(tc.field))
			for i, fe := range ve.Errors {
				require.Equal(t, tc.field[i], fe.Field)
				require.Equal(t, attachment.CodeDuplicate, fe.Code)
			}
		})
	}
	err := attachment.CheckDuplicates([]attachment.Use{{"invoices[0].scan", "发票 1234567890/12345678", a}, {"invoices[1].scan", "发票 1234567890/87654321", a}})
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, map[string]string{"sha256": a, "first": "发票 1234567890/12345678", "second": "发票 1234567890/87654321", "first_field": "invoices[0].scan"}, ve.Errors[0].Params)
	require.Equal(t, "同一文件已用于 发票 1234567890/12345678，不能再用于 发票 1234567890/87654321", ve.Errors[0].Message(cxq.ZH))
}
