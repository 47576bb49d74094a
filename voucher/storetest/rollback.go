package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

func testRollback(t *testing.T, st voucher.Store) {
	k := voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "tianjin", Period: 2025}
	boom := errors.New("boom")
	err := st.Update(ctx, func(tx voucher.Tx) error {
		require.NoError(t, tx.Applications().Create(ctx, app("A1", "IV1", review.DistrictReview)))
		_, err := tx.ChargeQuota(ctx, k, cxq.MustMoney("100000.00"), cxq.MustMoney("5000.00"))
		require.NoError(t, err)
		require.NoError(t, tx.ClaimInvoice(ctx, "x", "R1"))
		_, err = appendEntry(tx, voucher.AuditEntry{Stream: "application/A1", At: t0}, nil)
		require.NoError(t, err)
		require.NoError(t, tx.SaveIdempotency(ctx, voucher.Idempotency{Key: "k", ActorID: "u", At: t0}))
		return boom
	})
	require.ErrorIs(t, err, boom, "fn's error comes back as it is")
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		_, err := tx.Applications().Get(ctx, "A1")
		require.ErrorIs(t, err, cxq.ErrNotFound)
		q, err := tx.Quota(ctx, k)
		require.NoError(t, err)
		require.True(t, q.Used().IsZero())
		all, err := tx.Audit(ctx, "")
		require.NoError(t, err)
		require.Empty(t, all)
		_, err = tx.Idempotency(ctx, "u", "k")
		require.ErrorIs(t, err, cxq.ErrNotFound)
		return nil
	}))
	update(t, st, func(tx voucher.Tx) error { return tx.ClaimInvoice(ctx, "x", "R2") })

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	err = st.Update(cancelled, func(tx voucher.Tx) error { return tx.Applications().Create(cancelled, app("A1", "IV1", review.Draft)) })
	require.ErrorIs(t, err, context.Canceled)
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		_, err := tx.Applications().Get(ctx, "A1")
		require.ErrorIs(t, err, cxq.ErrNotFound, "a cancelled transaction commits nothing")
		return nil
	}))
}

// testPanicLeavesNothing: a function that panics in Update after writing leaves none of
// its writes, and the store goes on working.
func testPanicLeavesNothing(t *testing.T, st voucher.Store) {
	n := voucher.Notice{ID: "n-panic", To: voucher.OrgAddress("E1"), Kind: voucher.NoticeStatus, Subject: "application/A1",
		Text: cxq.T("已提交", "submitted"), Created: t0, NextTry: t0, State: voucher.NoticePending}
	func() {
		defer func() { _ = recover() }()
		_ = st.Update(ctx, func(tx voucher.Tx) error {
			if err := tx.AppendNotice(ctx, n); err != nil {
				return err
			}
			if _, err := tx.Notices(ctx, voucher.NoticeFilter{}); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		_, err := tx.Notice(ctx, n.ID)
		require.ErrorIs(t, err, cxq.ErrNotFound, "the panicking Update left its write behind")
		return nil
	}))
	update(t, st, func(tx voucher.Tx) error { return tx.AppendNotice(ctx, n) })
}
