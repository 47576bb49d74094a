package voucher_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestFilingDateRequiredWithRedeemDeadline: under a policy with a redemption deadline
// (hebei) a contract without its filing date is refused, since the deadline counts from
// it; under one without (tianjin) the date is optional.
func TestFilingDateRequiredWithRedeemDeadline(t *testing.T) {
	t.Parallel()
	f := goodRedemption()
	require.NoError(t, f.Validate(policy.Tianjin()))
	err := f.Validate(policy.Hebei())
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "contracts[0].filed", ve.Errors[0].Field)
	require.Equal(t, cxq.CodeRequired, ve.Errors[0].Code)
	filed := time.Date(2026, 3, 5, 0, 0, 0, 0, cxq.China())
	f.Contracts[0].Filed = filed
	f.Contracts = append(f.Contracts, voucher.Contract{Name: "补充协议检测合同", EffectiveAmount: cxq.Yuan(1), Scan: att("c2"),
		Filed: filed.AddDate(0, 1, 0)})
	require.NoError(t, f.Validate(policy.Hebei()))
	require.Equal(t, filed, f.Filed(), "the deadline counts from the earliest filing")
}
