package voucher_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Whatever the Service returns, Explain gives every problem a code and both messages
// and shows none of the error's own text: no driver or package prefix, no SQL, no other
// party's record ID, no Go type.
func TestExplainShowsNoInternals(t *testing.T) {
	t.Parallel()
	secret := "RD000777"
	for name, err := range map[string]error{
		"driver conflict": fmt.Errorf("sqlstore: invoice %q backs redemption %q: %w", "x", secret, cxq.ErrConflict),
		"stale version":   fmt.Errorf("voucher: application %s is at version 3, not 2: %w", secret, cxq.ErrConflict),
		"not found":       fmt.Errorf("sqlstore: SELECT data FROM applications WHERE id = %s: %w", secret, cxq.ErrNotFound),
		"denied":          &voucher.DeniedError{Actor: secret, Action: "assign", Reason: "only the office"},
		"transition":      &review.TransitionError{Workflow: "tianjin-application", From: review.Approved, Action: review.Submit},
		"quota":           &voucher.QuotaError{Cap: cxq.Yuan(100000), Used: cxq.Yuan(100000), Amount: cxq.Yuan(1)},
		"ineligible":      &voucher.IneligibleError{Reasons: []policy.Reason{{Code: policy.CodeNotCertified}}},
		"tampered":        &cxq.TamperError{Stream: "redemption/" + secret, Seq: 2, Reason: "entry was altered"},
		"unknown":         errors.New("pq: connection reset by peer " + secret),
	} {
		ve := voucher.Explain(err)
		require.NotEmpty(t, ve.Errors, name)
		for _, fe := range ve.Errors {
			require.NotEmpty(t, fe.Code, name)
			for _, lang := range []cxq.Lang{cxq.ZH, cxq.EN} {
				msg := fe.Message(lang)
				require.NotEmpty(t, msg, name)
				for _, bad := range []string{secret, "sqlstore", "voucher:", "SELECT", "*voucher", "{", "%!"} {
					require.False(t, strings.Contains(msg, bad), "%s: %q shows %q", name, msg, bad)
				}
			}
		}
	}
	require.Equal(t, voucher.CodeInternal, voucher.Explain(errors.New("boom")).Errors[0].Code)
	require.Equal(t, policy.CodeQuotaExhausted, voucher.Explain(&voucher.QuotaError{Cap: cxq.Yuan(1)}).Errors[0].Code)
	require.Nil(t, voucher.Explain(nil))
}
