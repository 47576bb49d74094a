package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Opener returns a new, empty Store for one test; the suite closes it.
type Opener func(t testing.TB) voucher.Store

// Run runs the whole suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	t.Run("Store", func(t *testing.T) { RunStore(t, open) })
	t.Run("Service", func(t *testing.T) { RunService(t, open) })
	t.Run("Rules", func(t *testing.T) { RunRules(t, open) })
	t.Run("Faults", func(t *testing.T) { RunFaults(t, open) })
	t.Run("StoreFailureIsNotNotFound", func(t *testing.T) { testStoreFailureIsNotNotFound(t, open) })
	t.Run("Model", func(t *testing.T) { RunModel(t, open) })
	t.Run("Notices", func(t *testing.T) { RunNotices(t, open) })
	t.Run("Statistics", func(t *testing.T) { RunStatistics(t, open) })
	t.Run("Budget", func(t *testing.T) { RunBudget(t, open) })
	t.Run("Delivery", func(t *testing.T) { RunDelivery(t, open) })
	t.Run("PublicNotice", func(t *testing.T) { RunPublicNotice(t, open) })
}

// RunStore checks the Store contract directly.
func RunStore(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, voucher.Store)
	}{
		{"OrderRoundTripAndCAS", testOrderCAS},
		{"LiveApplicationPerOrder", testLiveApplication},
		{"ConcurrentRedemptionsOneWins", testConcurrentRedemptions},
		{"ConcurrentCASOneWins", testConcurrentCAS},
		{"InvoiceOnce", testInvoiceOnce},
		{"QuotaInvariantUnderConcurrency", testQuotaConcurrency},
		{"QuotaReleaseAndSettle", testQuotaSettle},
		{"Idempotency", testIdempotencyRecords},
		{"AuditAppendOnly", testAudit},
		{"Rollback", testRollback},
		{"PanicLeavesNothing", testPanicLeavesNothing},
		{"ListFilterAndPage", testList},
		{"Docs", testDocs},
		{"ConcurrentDocCASOneWins", testConcurrentDocCAS},
		{"QuotaReclaim", testQuotaReclaim},
		{"RecordsShareNothing", testRecordsShareNothing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { _ = st.Close() })
			tc.fn(t, st)
		})
	}
}

var (
	ctx = context.Background()
	t0  = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
)

func update(t testing.TB, st voucher.Store, fn func(voucher.Tx) error) {
	t.Helper()
	require.NoError(t, st.Update(ctx, fn))
}

func app(id, order string, state voucher.State) voucher.Application {
	a := voucher.Application{Record: voucher.Record{
		ID: id, OrderID: order, EnterpriseID: "E1", Version: 1, Created: t0, Updated: t0, Since: t0,
		Product: voucher.ProductRef{ID: "P1", Name: "气相色谱仪", ProviderID: "V1", ProviderName: "天津大学"},
	}}
	if state != voucher.State("") && state != review.Draft {
		a.Case = review.Case{ID: id, State: state, District: "河西区"}
	}
	return a
}

func testOrderCAS(t *testing.T, st voucher.Store) {
	o := voucher.Order{ID: "IV1", EnterpriseID: "E1", Status: voucher.OrderPlaced, Version: 1, Created: t0, Updated: t0,
		Product: voucher.ProductRef{ID: "P1", Name: "气相色谱仪", ProviderID: "V1", Price: cxq.MustMoney("100.00")}}
	update(t, st, func(tx voucher.Tx) error { return tx.CreateOrder(ctx, o) })
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.CreateOrder(ctx, o) })
	require.ErrorIs(t, err, cxq.ErrConflict, "second create of one ID")

	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		got, err := tx.Order(ctx, "IV1")
		require.NoError(t, err)
		require.Equal(t, o, got)
		_, err = tx.Order(ctx, "IV2")
		require.ErrorIs(t, err, cxq.ErrNotFound)
		return nil
	}))

	o2 := o
	o2.Status, o2.Version = voucher.OrderConfirmed, 2
	update(t, st, func(tx voucher.Tx) error { return tx.UpdateOrder(ctx, o2) })
	err = st.Update(ctx, func(tx voucher.Tx) error { return tx.UpdateOrder(ctx, o2) })
	require.ErrorIs(t, err, cxq.ErrConflict, "stale version")
	o3 := o
	o3.ID, o3.Version = "IV9", 2
	err = st.Update(ctx, func(tx voucher.Tx) error { return tx.UpdateOrder(ctx, o3) })
	require.ErrorIs(t, err, cxq.ErrNotFound)
}

func testLiveApplication(t *testing.T, st voucher.Store) {
	update(t, st, func(tx voucher.Tx) error {
		return tx.Applications().Create(ctx, app("A1", "IV1", review.DistrictReview))
	})
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.Applications().Create(ctx, app("A2", "IV1", review.Draft)) })
	require.ErrorIs(t, err, cxq.ErrConflict, "two live applications for one order")

	// A rejected application frees the order; the second may then live.
	a1 := app("A1", "IV1", review.Rejected)
	a1.Version = 2
	update(t, st, func(tx voucher.Tx) error { return tx.Applications().Update(ctx, a1) })
	update(t, st, func(tx voucher.Tx) error { return tx.Applications().Create(ctx, app("A2", "IV1", review.Draft)) })

	// and the first can no longer come back to life while the second lives.
	a1.Case.State, a1.Version = review.DistrictReview, 3
	err = st.Update(ctx, func(tx voucher.Tx) error { return tx.Applications().Update(ctx, a1) })
	require.ErrorIs(t, err, cxq.ErrConflict)
}

// parallel runs fn(i) in n goroutines started together and returns their errors.
func parallel(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

// tally counts successes and requires every failure to match want.
func tally(t testing.TB, errs []error, want error) int {
	t.Helper()
	return tallyBy(t, errs, func(err error) bool { return errors.Is(err, want) })
}

// tallyRaced is tally for a race whose losers are refused as a conflict or, having lost
// by a hair, as invalid with the validation code ("": any).
func tallyRaced(t testing.TB, errs []error, code string) int {
	t.Helper()
	return tallyBy(t, errs, func(err error) bool {
		var ve *cxq.ValidationError
		return errors.Is(err, cxq.ErrConflict) || errors.As(err, &ve) && (code == "" || ve.Errors[0].Code == code)
	})
}

// tallyBy counts successes and requires every failure to be one the race may lose by.
func tallyBy(t testing.TB, errs []error, lost func(error) bool) int {
	t.Helper()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		require.True(t, lost(err), "unexpected failure (busy database?): %v", err)
	}
	return ok
}

func testConcurrentRedemptions(t *testing.T, st voucher.Store) {
	update(t, st, func(tx voucher.Tx) error { return tx.Applications().Create(ctx, app("A1", "IV1", review.Approved)) })
	errs := parallel(32, func(i int) error {
		return st.Update(ctx, func(tx voucher.Tx) error {
			return tx.Redemptions().Create(ctx, voucher.Redemption{ApplicationID: "A1", Record: voucher.Record{
				ID: fmt.Sprintf("R%02d", i), OrderID: "IV1", EnterpriseID: "E1", Version: 1, Created: t0, Updated: t0, Since: t0}})
		})
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict), "exactly one redemption of one application")
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		rs, n, err := tx.Redemptions().List(ctx, voucher.ListFilter{ApplicationID: "A1"})
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Len(t, rs, 1)
		// a redemption stands where its review is
		_, n, err = tx.Redemptions().List(ctx, voucher.ListFilter{Standings: []voucher.State{review.Draft}})
		require.NoError(t, err)
		require.Equal(t, 1, n)
		_, n, err = tx.Redemptions().List(ctx, voucher.ListFilter{Standings: []voucher.State{review.Approved}})
		require.NoError(t, err)
		require.Zero(t, n)
		return nil
	}))
}

func testConcurrentCAS(t *testing.T, st voucher.Store) {
	update(t, st, func(tx voucher.Tx) error {
		return tx.Applications().Create(ctx, app("A1", "IV1", review.DistrictReview))
	})
	errs := parallel(2, func(i int) error {
		return st.Update(ctx, func(tx voucher.Tx) error {
			a, err := tx.Applications().Get(ctx, "A1")
			if err != nil {
				return err
			}
			a.Version++
			a.Ended = fmt.Sprintf("writer %d", i)
			return tx.Applications().Update(ctx, a)
		})
	})
	// Serialising stores let the second writer read the first one's version, so both may
	// succeed one after the other; what may never happen is a lost update.
	ok := tally(t, errs, cxq.ErrConflict)
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		a, err := tx.Applications().Get(ctx, "A1")
		require.NoError(t, err)
		require.Equal(t, int64(1+ok), a.Version, "every successful write bumped the version once")
		return nil
	}))

	// Two writers from the same read: exactly one wins.
	var read voucher.Application
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) (err error) { read, err = tx.Applications().Get(ctx, "A1"); return err }))
	errs = parallel(2, func(i int) error {
		return st.Update(ctx, func(tx voucher.Tx) error {
			a := read
			a.Version++
			a.Ended = fmt.Sprintf("stale writer %d", i)
			return tx.Applications().Update(ctx, a)
		})
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict), "one transition, one ErrConflict")
}

func testInvoiceOnce(t *testing.T, st voucher.Store) {
	errs := parallel(8, func(i int) error {
		return st.Update(ctx, func(tx voucher.Tx) error { return tx.ClaimInvoice(ctx, "1200171320-01234567", fmt.Sprintf("R%d", i)) })
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict))
	holder := -1
	for i, err := range errs {
		if err == nil {
			holder = i
		}
	}
	r := fmt.Sprintf("R%d", holder)
	update(t, st, func(tx voucher.Tx) error { return tx.ClaimInvoice(ctx, "1200171320-01234567", r) }) // idempotent
	update(t, st, func(tx voucher.Tx) error { return tx.ReleaseInvoice(ctx, "1200171320-01234567", "R-other") })
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.ClaimInvoice(ctx, "1200171320-01234567", "R-other") })
	require.ErrorIs(t, err, cxq.ErrConflict, "a release by a non-holder frees nothing")
	update(t, st, func(tx voucher.Tx) error { return tx.ReleaseInvoice(ctx, "1200171320-01234567", r) })
	update(t, st, func(tx voucher.Tx) error { return tx.ClaimInvoice(ctx, "1200171320-01234567", "R-other") })
}

// QuotaRounds is how many rounds of 16×8 concurrent charges the quota test runs.
var QuotaRounds = 5

func testQuotaConcurrency(t *testing.T, st voucher.Store) {
	capital, each := cxq.MustMoney("100000.00"), cxq.MustMoney("10000.00")
	for round := range QuotaRounds {
		k := voucher.QuotaKey{EnterpriseID: fmt.Sprintf("E%d", round), PolicyID: "tianjin", Period: 2025}
		errs := parallel(16, func(w int) error {
			for i := range 8 {
				err := st.Update(ctx, func(tx voucher.Tx) error {
					if _, err := tx.ChargeQuota(ctx, k, capital, each); err != nil {
						return err
					}
					id := fmt.Sprintf("A-%d-%d-%d", round, w, i)
					a := app(id, "IV-"+id, review.DistrictReview)
					a.Quota, a.Reserved, a.Amount = k, each, each
					if err := tx.Applications().Create(ctx, a); err != nil {
						return err
					}
					_, err := appendEntry(tx, voucher.AuditEntry{Stream: "application/" + id, Actor: "E", Action: "submit", At: t0}, nil)
					return err
				})
				if err != nil && !errors.Is(err, voucher.ErrQuotaExhausted) {
					return err
				}
			}
			return nil
		})
		for _, err := range errs {
			require.NoError(t, err, "a charge failed for another reason than the cap (SQLITE_BUSY?)")
		}
		require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
			q, err := tx.Quota(ctx, k)
			require.NoError(t, err)
			require.Equal(t, "100000.00", q.Reserved.String(), "round %d", round)
			require.True(t, q.Valid())
			_, n, err := tx.Applications().List(ctx, voucher.ListFilter{EnterpriseID: "E1", Product: ""})
			require.NoError(t, err)
			require.Equal(t, 10*(round+1), n, "exactly 10 granted per round")
			return nil
		}))
	}
}

func testQuotaSettle(t *testing.T, st voucher.Store) {
	k := voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "tianjin", Period: 2025}
	update(t, st, func(tx voucher.Tx) error {
		q, err := tx.Quota(ctx, k)
		require.NoError(t, err)
		require.True(t, q.Cap.IsZero() && q.Used().IsZero())
		_, err = tx.ChargeQuota(ctx, k, cxq.MustMoney("100000.00"), cxq.MustMoney("4549.50"))
		return err
	})
	err := st.Update(ctx, func(tx voucher.Tx) error {
		_, err := tx.ChargeQuota(ctx, k, cxq.MustMoney("100000.00"), cxq.MustMoney("95450.51"))
		return err
	})
	require.ErrorIs(t, err, voucher.ErrQuotaExhausted)
	var qe *voucher.QuotaError
	require.ErrorAs(t, err, &qe)
	require.Equal(t, "4549.50", qe.Used.String())

	err = st.Update(ctx, func(tx voucher.Tx) error {
		_, err := tx.ReleaseQuota(ctx, k, cxq.MustMoney("4549.51"))
		return err
	})
	require.ErrorIs(t, err, cxq.ErrConflict, "releasing more than is reserved")
	update(t, st, func(tx voucher.Tx) error {
		q, err := tx.SettleQuota(ctx, k, cxq.MustMoney("4549.50"), cxq.MustMoney("4000.00"))
		require.NoError(t, err)
		require.Equal(t, "0.00", q.Reserved.String())
		require.Equal(t, "4000.00", q.Consumed.String())
		return nil
	})
	update(t, st, func(tx voucher.Tx) error {
		_, err := tx.ChargeQuota(ctx, k, cxq.MustMoney("100000.00"), cxq.MustMoney("96000.00"))
		return err
	})
	ban := policy.Ban{Year: 2026, Code: "low_usage", Reason: cxq.T("使用不足", "low usage")}
	next := voucher.QuotaKey{EnterpriseID: "E1", PolicyID: "tianjin", Period: 2026}
	update(t, st, func(tx voucher.Tx) error {
		q, err := tx.BanQuota(ctx, next, ban)
		require.NoError(t, err)
		require.Equal(t, &ban, q.Ban)
		return nil
	})
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		q, err := tx.Quota(ctx, k)
		require.NoError(t, err)
		require.Equal(t, voucher.Quota{Key: k, Cap: cxq.MustMoney("100000.00"), Reserved: cxq.MustMoney("96000.00"),
			Consumed: cxq.MustMoney("4000.00")}.Used().String(), q.Used().String())
		require.Equal(t, "0.00", q.Remaining().String())
		require.Equal(t, 2, q.Claims, "two charges; the settlement keeps its claim")
		require.Nil(t, q.Ban)
		nq, err := tx.Quota(ctx, next)
		require.NoError(t, err)
		require.Equal(t, []policy.Ban{ban}, nq.Usage().Bans)
		return nil
	}))
}

// appendEntry links e after prev in its stream and after the trail's tail, unkeyed, and
// appends it.
func appendEntry(tx voucher.Tx, e voucher.AuditEntry, prev *voucher.AuditEntry) (voucher.AuditEntry, error) {
	tail, err := tx.AuditTail(ctx)
	if err != nil {
		return e, err
	}
	e = e.Link(prev, tail, nil)
	return e, tx.AppendAudit(ctx, e)
}

func testAudit(t *testing.T, st voucher.Store) {
	var e1, e2, o1 voucher.AuditEntry
	update(t, st, func(tx voucher.Tx) error {
		var err error
		e1, err = appendEntry(tx, voucher.AuditEntry{Stream: "application/A1", At: t0, Actor: "u1", Role: voucher.RoleEnterprise,
			Action: "submit", From: "draft", To: "district_review", Note: "amount=4549.50"}, nil)
		require.NoError(t, err)
		e2, err = appendEntry(tx, voucher.AuditEntry{At: t0.Add(time.Hour), Actor: "r1", Role: voucher.RoleDistrict,
			Action: "approve", From: "district_review", To: "professional_review"}, &e1)
		return err
	})
	err := st.Update(ctx, func(tx voucher.Tx) error { return tx.AppendAudit(ctx, e2) })
	require.ErrorIs(t, err, cxq.ErrConflict, "an entry cannot be written twice")
	stale := voucher.AuditEntry{Stream: "order/IV9", At: t0, Actor: "u1", Action: "place"}.Link(nil, e1.Tail(), nil)
	err = st.Update(ctx, func(tx voucher.Tx) error { return tx.AppendAudit(ctx, stale) })
	require.ErrorIs(t, err, cxq.ErrConflict, "an entry must join the trail at its tail")

	update(t, st, func(tx voucher.Tx) error {
		o1, err = appendEntry(tx, voucher.AuditEntry{Stream: "order/IV1", At: t0, Actor: "u1", Action: "place"}, nil)
		return err
	})
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		got, err := tx.Audit(ctx, "application/A1")
		require.NoError(t, err)
		require.Equal(t, []voucher.AuditEntry{e1, e2}, got)
		all, err := tx.Audit(ctx, "")
		require.NoError(t, err)
		require.Equal(t, []voucher.AuditEntry{e1, e2, o1}, all, "the whole trail comes in position order")
		last, err := tx.AuditLast(ctx, "application/A1")
		require.NoError(t, err)
		require.Equal(t, e2, last, "a stream's last entry")
		_, err = tx.AuditLast(ctx, "order/IV9")
		require.ErrorIs(t, err, cxq.ErrNotFound, "a stream with no entry")
		tail, err := tx.AuditTail(ctx)
		require.NoError(t, err)
		require.Equal(t, o1.Tail(), tail)
		records := map[string]voucher.RecordState{"application/A1": {Head: e2.Hash}, "order/IV1": {Head: o1.Hash}}
		got2, err := voucher.VerifyTrail(all, records, nil)
		require.NoError(t, err)
		require.Equal(t, tail, got2)
		records["application/A1"] = voucher.RecordState{Head: e1.Hash}
		_, err = voucher.VerifyTrail(all, records, nil)
		require.ErrorIs(t, err, cxq.ErrTampered, "a record whose head is not the chain's end has lost entries")
		return nil
	}))
}
