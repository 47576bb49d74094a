package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

func doc(kind, id, subject, state string, v int64, at time.Time) voucher.Doc {
	return voucher.Doc{Kind: kind, ID: id, Subject: subject, State: state, Version: v, Created: at,
		AuditHead: "h" + id, AuditSeq: v, Data: fmt.Sprintf(`{"id":%q,"v":%d}`, id, v)}
}

// testDocs: a doc round-trips byte for byte, compare-and-set on its version, one ID per
// kind, lists by kind, subject and state in creation order, and a failed transaction
// leaves nothing.
func testDocs(t *testing.T, st voucher.Store) {
	update(t, st, func(tx voucher.Tx) error {
		for i, d := range []voucher.Doc{doc("sanction", "S2", "E1", "active", 1, t0.Add(time.Minute)),
			doc("sanction", "S1", "E1", "lifted", 1, t0), doc("sanction", "S3", "E2", "active", 1, t0.Add(2*time.Minute)),
			doc("budget", "S1", "", "open", 1, t0)} {
			require.NoError(t, tx.CreateDoc(ctx, d), i)
		}
		return nil
	})
	// A failed statement ends a PostgreSQL transaction: each refusal runs in its own.
	refused := func(want error, fn func(tx voucher.Tx) error) {
		t.Helper()
		require.ErrorIs(t, st.Update(ctx, fn), want)
	}
	refused(cxq.ErrConflict, func(tx voucher.Tx) error { return tx.CreateDoc(ctx, doc("sanction", "S1", "E9", "x", 1, t0)) })
	refused(cxq.ErrConflict, func(tx voucher.Tx) error { return tx.CreateDoc(ctx, doc("sanction", "S9", "E9", "x", 2, t0)) })
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		d, err := tx.Doc(ctx, "sanction", "S1")
		require.NoError(t, err)
		require.Equal(t, `{"id":"S1","v":1}`, d.Data)
		require.Equal(t, "E1", d.Subject)
		require.Equal(t, "hS1", d.AuditHead)
		_, err = tx.Doc(ctx, "sanction", "S404")
		require.ErrorIs(t, err, cxq.ErrNotFound)
		for _, tc := range []struct {
			f   voucher.DocFilter
			ids []string
		}{
			{voucher.DocFilter{Kind: "sanction"}, []string{"S1", "S2", "S3"}},
			{voucher.DocFilter{Kind: "sanction", Subject: "E1"}, []string{"S1", "S2"}},
			{voucher.DocFilter{Kind: "sanction", State: "active"}, []string{"S2", "S3"}},
			{voucher.DocFilter{Kind: "budget"}, []string{"S1"}},
			{voucher.DocFilter{}, []string{"S1", "S1", "S2", "S3"}},
		} {
			docs, err := tx.Docs(ctx, tc.f)
			require.NoError(t, err)
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			require.Equal(t, tc.ids, ids, "%+v", tc.f)
		}
		return nil
	}))
	update(t, st, func(tx voucher.Tx) error { return tx.UpdateDoc(ctx, doc("sanction", "S1", "E1", "active", 2, t0)) })
	refused(cxq.ErrConflict, func(tx voucher.Tx) error { return tx.UpdateDoc(ctx, doc("sanction", "S1", "E1", "active", 2, t0)) })
	refused(cxq.ErrNotFound, func(tx voucher.Tx) error { return tx.UpdateDoc(ctx, doc("sanction", "S404", "E1", "active", 2, t0)) })
	boom := errors.New("boom")
	require.ErrorIs(t, st.Update(ctx, func(tx voucher.Tx) error {
		require.NoError(t, tx.UpdateDoc(ctx, doc("sanction", "S1", "E1", "lifted", 3, t0)))
		require.NoError(t, tx.CreateDoc(ctx, doc("sanction", "S4", "E1", "active", 1, t0)))
		return boom
	}), boom)
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		d, err := tx.Doc(ctx, "sanction", "S1")
		require.NoError(t, err)
		require.Equal(t, int64(2), d.Version)
		require.Equal(t, "active", d.State)
		_, err = tx.Doc(ctx, "sanction", "S4")
		require.ErrorIs(t, err, cxq.ErrNotFound)
		return nil
	}))
}

// testConcurrentDocCAS: of concurrent updates of one doc from the same version,
// exactly one commits.
func testConcurrentDocCAS(t *testing.T, st voucher.Store) {
	update(t, st, func(tx voucher.Tx) error { return tx.CreateDoc(ctx, doc("notice", "N1", "", "open", 1, t0)) })
	errs := parallel(8, func(i int) error {
		return st.Update(ctx, func(tx voucher.Tx) error {
			if _, err := tx.Doc(ctx, "notice", "N1"); err != nil {
				return err
			}
			return tx.UpdateDoc(ctx, doc("notice", "N1", "", fmt.Sprint("by", i), 2, t0))
		})
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict))
}

// testQuotaReclaim: a reclaim takes paid money back, never below zero.
func testQuotaReclaim(t *testing.T, st voucher.Store) {
	k := voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "p", Period: 2026}
	update(t, st, func(tx voucher.Tx) error {
		if _, err := tx.ChargeQuota(ctx, k, cxq.Yuan(1000), cxq.Yuan(600)); err != nil {
			return err
		}
		_, err := tx.SettleQuota(ctx, k, cxq.Yuan(600), cxq.Yuan(500))
		return err
	})
	update(t, st, func(tx voucher.Tx) error {
		q, err := tx.ReclaimQuota(ctx, k, cxq.Yuan(200))
		require.NoError(t, err)
		require.Equal(t, cxq.Yuan(300).String(), q.Consumed.String())
		require.Equal(t, 1, q.Claims)
		return nil
	})
	require.ErrorIs(t, st.Update(ctx, func(tx voucher.Tx) error {
		_, err := tx.ReclaimQuota(ctx, k, cxq.Yuan(301))
		return err
	}), cxq.ErrConflict)
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		q, err := tx.Quota(ctx, k)
		require.NoError(t, err)
		require.Equal(t, cxq.Yuan(300).String(), q.Consumed.String())
		return nil
	}))
}
