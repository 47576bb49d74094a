package voucher_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

func TestQuotaRules(t *testing.T) {
	t.Parallel()
	k := voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "tianjin", Period: 2025}
	m := cxq.MustMoney
	for _, tc := range []struct {
		name                   string
		cap, reserved, used    string
		op                     func(voucher.Quota) (voucher.Quota, error)
		wantReserved, wantUsed string
		wantErr                error
	}{
		{"charge within cap", "100000.00", "95000.00", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Charge(m("5000.00")) }, "100000.00", "0.00", nil},
		{"charge one fen over", "100000.00", "95000.00", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Charge(m("5000.01")) }, "95000.00", "0.00", voucher.ErrQuotaExhausted},
		{"consumed counts against the cap", "100000.00", "0.00", "99999.99",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Charge(m("0.02")) }, "0.00", "99999.99", cxq.ErrConflict},
		{"release", "100000.00", "4549.50", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Release(m("4549.50")) }, "0.00", "0.00", nil},
		{"release more than reserved", "100000.00", "4549.50", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Release(m("4549.51")) }, "4549.50", "0.00", cxq.ErrConflict},
		{"settle pays part, frees the rest", "100000.00", "4549.50", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Settle(m("4549.50"), m("4000.00")) }, "0.00", "4000.00", nil},
		{"settle above the reservation", "100000.00", "4549.50", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Settle(m("4549.50"), m("4549.51")) }, "4549.50", "0.00", cxq.ErrInvalid},
		{"negative charge", "100000.00", "0.00", "0.00",
			func(q voucher.Quota) (voucher.Quota, error) { return q.Charge(m("1.00").Neg()) }, "0.00", "0.00", cxq.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := voucher.Quota{Key: k, Cap: m(tc.cap), Reserved: m(tc.reserved), Consumed: m(tc.used)}
			got, err := tc.op(q)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tc.wantReserved, got.Reserved.String())
			require.Equal(t, tc.wantUsed, got.Consumed.String())
			require.True(t, got.Valid())
		})
	}
}

func TestQuotaErrorAndRefusal(t *testing.T) {
	t.Parallel()
	q := voucher.Quota{Key: voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "tianjin", Period: 2025},
		Cap: cxq.MustMoney("100000.00"), Reserved: cxq.MustMoney("95000.00")}
	_, err := q.Charge(cxq.MustMoney("40000.00"))
	var qe *voucher.QuotaError
	require.ErrorAs(t, err, &qe)
	require.Equal(t, "95000.00", qe.Used.String())
	require.True(t, voucher.QuotaRefused(err))
	require.Equal(t, "5000.00", q.Remaining().String())
	require.False(t, voucher.QuotaRefused(cxq.ErrConflict))
}

func TestSequenceIDs(t *testing.T) {
	t.Parallel()
	s := &voucher.Sequence{}
	require.Equal(t, "IV000001", s.NewID(voucher.StreamOrder))
	require.Equal(t, "AP000001", s.NewID(voucher.StreamApplication))
	require.Equal(t, "IV000002", s.NewID(voucher.StreamOrder))
	r := voucher.RandomIDs()
	require.NotEqual(t, r.NewID(voucher.StreamRedemption), r.NewID(voucher.StreamRedemption))
}
