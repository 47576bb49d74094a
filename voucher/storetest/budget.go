package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// RunBudget checks budgets on st: pools never overspent under concurrency, money going
// back exactly once, batch windows and carry-over.
func RunBudget(t *testing.T, open Opener) {
	carry := func(p *policy.Policy) { p.CarryOver = true }
	extend := func(p *policy.Policy) { p.Usage.ExtensionMonths = 3 }
	runWorlds(t, open, WorldPolicy(), []worldCase{
		{"PoolNeverOverspent", testPoolConcurrency, nil},
		{"PoolMoneyBackOnce", testPoolMoneyBack, nil},
		{"BatchWindows", testBatchWindows, nil},
		{"CarryOver", testCarryOver, carry},
		{"OnlyTheOfficeSetsBudgets", testBudgetAuthority, nil},
		{"ExtensionOnce", testExtension, extend},
		{"NoExtensionWithoutThePolicy", testNoExtension, nil},
		{"WaitingList", testWaitingList, nil},
		{"NoWaitingList", testNoWaitingList, nil},
	})
}

// SetBudget sets b as the office, replacing the year's budget at its current version if
// it has one, and fails the test on error.
func (w *World) SetBudget(b policy.Budget) voucher.Budget {
	w.T.Helper()
	var version int64
	if v, err := w.Svc.BudgetOf(bg, w.Office, b.Year); err == nil {
		version = v.Budget.Version
	} else {
		require.ErrorIs(w.T, err, cxq.ErrNotFound)
	}
	out, err := w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Version: version, Budget: b})
	require.NoError(w.T, err)
	return out
}

// poolRefused reports whether err refused a claim because a budget pool could not hold it.
func poolRefused(err error) bool {
	var ie *voucher.IneligibleError
	return errors.As(err, &ie) && len(ie.Reasons) == 1 && ie.Reasons[0].Code == policy.CodePoolExhausted
}

func (w *World) pool(year int, id string) voucher.PoolState {
	w.T.Helper()
	v, err := w.Svc.BudgetOf(bg, w.Office, year)
	require.NoError(w.T, err)
	for _, p := range v.Pools {
		if p.Pool == id {
			return p
		}
	}
	require.Failf(w.T, "no such pool", "budget %d has no pool %q", year, id)
	return voucher.PoolState{}
}

// testPoolConcurrency: 2025's budget is 100,000 with 30,000 for 河西区; E1 (河西区) and E2
// (南开区) each submit twelve 10,000 claims at once: E1 gets exactly three (its district's
// pool), E2 exactly seven (what the total has left), and no pool is overspent.
func testPoolConcurrency(t *testing.T, w *World) {
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(100000), Pools: []policy.Pool{
		{ID: "hexi", Label: cxq.T("河西区资金池", "Hexi's pool"), District: "河西区", Amount: cxq.Yuan(30000)}}})
	ents := []voucher.Actor{w.Enterprise, w.Other}
	drafts := make([]voucher.Application, 24)
	for i := range drafts {
		drafts[i] = w.Draft(ents[i%2], "20000.00")
	}
	errs := parallel(len(drafts), func(i int) error {
		_, err := w.Svc.SubmitApplication(bg, ents[i%2], voucher.SubmitParams{Key: w.Key(), ID: drafts[i].ID})
		if poolRefused(err) {
			return nil
		}
		if err == nil {
			return errGranted
		}
		return err
	})
	granted := map[string]int{}
	for i, err := range errs {
		if errors.Is(err, errGranted) {
			granted[ents[i%2].Org]++
			continue
		}
		require.NoError(t, err, "a submission failed for another reason than a pool")
	}
	require.Equal(t, 3, granted[w.Enterprise.Org], "河西区's pool holds three")
	require.Equal(t, 7, granted[w.Other.Org], "the total holds seven more")
	require.Equal(t, "0.00", w.pool(2025, policy.TotalPool).Left.String())
	require.Equal(t, "30000.00", w.pool(2025, "hexi").Reserved.String())
}

var errGranted = errors.New("granted")

// testPoolMoneyBack: a rejection, a withdrawal, a lower redeemed amount and an expiry
// give the pool back what they held exactly once; the refusal names the pool and what is left.
func testPoolMoneyBack(t *testing.T, w *World) {
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(12000)})
	a1 := w.Submitted(w.Enterprise, "20000.00") // 10,000
	d := w.Draft(w.Other, "9099.00")
	_, err := w.Svc.SubmitApplication(bg, w.Other, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	why := refusal(t, err, policy.CodePoolExhausted)
	require.Equal(t, "2000.00", why.Params["left"])
	require.Contains(t, why.Text().ZH, "年度预算余额 2000.00 元")
	require.True(t, errors.Is(err, cxq.ErrForbidden))

	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: a1.ID, Action: review.Reject, Opinion: "不符合"})
	require.NoError(t, err)
	require.Equal(t, "12000.00", w.pool(2025, policy.TotalPool).Left.String(), "a rejection gives it back")
	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: a1.ID, Action: review.Reject, Opinion: "again"})
	require.ErrorIs(t, err, cxq.ErrConflict)
	require.Equal(t, "12000.00", w.pool(2025, policy.TotalPool).Left.String(), "once")

	a2 := w.Submitted(w.Other, "9099.00") // 4,549.50
	_, err = w.Svc.WithdrawApplication(bg, w.Other, voucher.WithdrawParams{Key: w.Key(), ID: a2.ID, Reason: "不再需要"})
	require.NoError(t, err)
	require.Equal(t, "12000.00", w.pool(2025, policy.TotalPool).Left.String(), "a withdrawal gives it back")

	a3 := w.Approve(w.Submitted(w.Enterprise, "20000.00").ID)
	w.Redeem(a3.ID, "20000.00", "8000.00")
	p := w.pool(2025, policy.TotalPool)
	require.Equal(t, "8000.00", p.Consumed.String())
	require.Equal(t, "0.00", p.Reserved.String())
	require.Equal(t, "4000.00", p.Left.String(), "the 2,000 not redeemed went back")

	a4 := w.Approve(w.Submitted(w.Enterprise, "8000.00").ID) // 4,000, never used
	require.Equal(t, "0.00", w.pool(2025, policy.TotalPool).Left.String())
	ds, err := w.Svc.Deadlines(bg, w.Enterprise, a4.ID)
	require.NoError(t, err)
	rep, err := w.Svc.ApplyDeadlines(bg, w.Office, ds[len(ds)-1].At.Add(time.Hour))
	require.NoError(t, err)
	require.Len(t, rep.Expired, 1)
	require.Equal(t, "4000.00", w.pool(2025, policy.TotalPool).Left.String(), "an expiry gives it back")
	_, err = w.Svc.ApplyDeadlines(bg, w.Office, ds[len(ds)-1].At.Add(2*time.Hour))
	require.NoError(t, err)
	require.Equal(t, "4000.00", w.pool(2025, policy.TotalPool).Left.String(), "once")
}

// testBatchWindows: outside every batch a claim is refused with the next opening; a
// batch's own pool bounds the claims made in it.
func testBatchWindows(t *testing.T, w *World) {
	open1 := time.Date(2025, 3, 10, 0, 0, 0, 0, cxq.China())
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(100000),
		Batches: []policy.Batch{{ID: "b1", Name: cxq.T("第一批", "first batch"), Opens: open1, Closes: open1.AddDate(0, 0, 10)},
			{ID: "b2", Name: cxq.T("第二批", "second batch"), Opens: open1.AddDate(0, 1, 0), Closes: open1.AddDate(0, 2, 0)}},
		Pools: []policy.Pool{{ID: "b1", Label: cxq.T("第一批资金", "the first batch's money"), Batch: "b1", Amount: cxq.Yuan(10000)}}})
	d := w.Draft(w.Enterprise, "9099.00")
	_, err := w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	require.Equal(t, "2025-03-10 00:00", refusal(t, err, policy.CodeBatchClosed).Params["next"])

	w.Clock.Set(open1.Add(time.Hour))
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	require.NoError(t, err)
	d2 := w.Draft(w.Other, "20000.00")
	_, err = w.Svc.SubmitApplication(bg, w.Other, voucher.SubmitParams{Key: w.Key(), ID: d2.ID})
	require.True(t, poolRefused(err), "the first batch's pool holds 10,000: %v", err)

	w.Clock.Set(open1.AddDate(0, 1, 1))
	_, err = w.Svc.SubmitApplication(bg, w.Other, voucher.SubmitParams{Key: w.Key(), ID: d2.ID})
	require.NoError(t, err, "the second batch has no pool of its own")
}

// testCarryOver: under a policy that carries over, the next year's first budget adds what
// the year before left; later changes keep it.
func testCarryOver(t *testing.T, w *World) {
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(50000)})
	a := w.Approve(w.Submitted(w.Enterprise, "20000.00").ID)
	w.Redeem(a.ID, "20000.00", "6000.00")
	w.Clock.Set(time.Date(2026, 1, 5, 9, 0, 0, 0, cxq.China()))
	b := w.SetBudget(policy.Budget{Year: 2026, Total: cxq.Yuan(30000)})
	require.Equal(t, "44000.00", b.Carried[policy.TotalPool].String())
	require.Equal(t, "74000.00", w.pool(2026, policy.TotalPool).Left.String())
	b, err := w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Version: b.Version,
		Budget: policy.Budget{Year: 2026, Total: cxq.Yuan(40000)}})
	require.NoError(t, err)
	require.Equal(t, "84000.00", w.pool(2026, policy.TotalPool).Left.String(), "the carry-over stays as set")
	_, err = w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Version: b.Version - 1,
		Budget: policy.Budget{Year: 2026, Total: cxq.Yuan(1)}})
	require.ErrorIs(t, err, cxq.ErrConflict, "a stale version")
	_, err = w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Budget: policy.Budget{Year: 2026, Total: cxq.Yuan(1)}})
	requireCode(t, err, "version", cxq.CodeRequired)
	_, err = w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Version: 1, Budget: policy.Budget{Year: 2027, Total: cxq.Yuan(1)}})
	require.ErrorIs(t, err, cxq.ErrConflict, "a version of a year without a budget")
	require.Equal(t, "84000.00", w.pool(2026, policy.TotalPool).Left.String(), "no edit without its version landed")
}

func testBudgetAuthority(t *testing.T, w *World) {
	_, err := w.Svc.SetBudget(bg, w.Enterprise, voucher.BudgetParams{Key: w.Key(), Budget: policy.Budget{Year: 2025, Total: cxq.Yuan(1)}})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	_, err = w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Budget: policy.Budget{Year: 2025, Total: cxq.Yuan(-1)}})
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "total", ve.Errors[0].Field)
	_, err = w.Svc.SetBudget(bg, w.Office, voucher.BudgetParams{Key: w.Key(), Budget: policy.Budget{Year: 2025, Total: cxq.Yuan(10),
		Pools: []policy.Pool{{ID: "t4", Tier: 4, Amount: cxq.Yuan(1)}}}})
	require.ErrorAs(t, err, &ve, "Tianjin has no tiers: a tier pool could never be charged")
	require.Equal(t, policy.CodeNoSuchTier, ve.Errors[0].Code)
	require.Equal(t, "pools[0].tier", ve.Errors[0].Field)
	_, err = w.Svc.BudgetOf(bg, w.Office, 2025)
	require.ErrorIs(t, err, cxq.ErrNotFound, "a refused budget left nothing")
}

// testExtension: under a policy with ExtensionMonths the office extends a voucher once,
// with a reason; its deadlines move by the extension and the voucher outlives the old one.
func testExtension(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	before, err := w.Svc.Deadlines(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	_, err = w.Svc.ExtendVoucher(bg, w.Enterprise, voucher.ExtendParams{Key: w.Key(), ID: app.ID, Reason: "设备延误"})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	_, err = w.Svc.ExtendVoucher(bg, w.Office, voucher.ExtendParams{Key: w.Key(), ID: app.ID})
	require.ErrorIs(t, err, cxq.ErrInvalid, "a reason is required")
	ext, err := w.Svc.ExtendVoucher(bg, w.Office, voucher.ExtendParams{Key: w.Key(), ID: app.ID, Reason: "设备延误"})
	require.NoError(t, err)
	require.Equal(t, 3, ext.Extension.Months)
	after, err := w.Svc.Deadlines(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, policy.ChinaTime(before[0].At).AddDate(0, 3, 0), policy.ChinaTime(after[0].At))
	_, err = w.Svc.ExtendVoucher(bg, w.Office, voucher.ExtendParams{Key: w.Key(), ID: app.ID, Reason: "again"})
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodeAlreadyExtended, fe.Code)

	rep, err := w.Svc.ApplyDeadlines(bg, w.Office, before[0].At.Add(time.Hour))
	require.NoError(t, err)
	require.Empty(t, rep.Expired, "the old deadline no longer ends it")
	rep, err = w.Svc.ApplyDeadlines(bg, w.Office, after[0].At.Add(time.Hour))
	require.NoError(t, err)
	require.Len(t, rep.Expired, 1, "the new one does")
}

// testNoExtension: under a policy without extensions, the office is told so.
func testNoExtension(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	_, err := w.Svc.ExtendVoucher(bg, w.Office, voucher.ExtendParams{Key: w.Key(), ID: app.ID, Reason: "x"})
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodeNoExtension, fe.Code)
}

// testWaitingList: under a budget that keeps a waiting list, a claim the pool cannot
// hold joins it and sees its position (past claims whose applications no longer wait);
// money that comes back goes to the claims ahead first; a claim leaves the list when
// admitted or taken off.
func testWaitingList(t *testing.T, w *World) {
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(12000), WaitingList: true})
	first := w.Submitted(w.Enterprise, "20000.00") // 10,000 of 12,000
	big := w.Draft(w.Other, "20000.00")            // waits for 10,000
	small := w.Draft(w.Enterprise, "9099.00")      // waits for 4,549.50
	join := func(a voucher.Actor, id string) int {
		t.Helper()
		pos, err := w.Svc.JoinWaitingList(bg, a, voucher.WaitParams{Key: w.Key(), ID: id})
		require.NoError(t, err)
		return pos
	}
	gone := w.Draft(w.Other, "20000.00")
	require.Equal(t, 1, join(w.Other, gone.ID))
	require.Equal(t, 2, join(w.Other, big.ID))
	require.Equal(t, 3, join(w.Enterprise, small.ID))
	_, err := w.Svc.WithdrawApplication(bg, w.Other, voucher.WithdrawParams{Key: w.Key(), ID: gone.ID, Reason: "不再需要"})
	require.NoError(t, err)
	require.Equal(t, 2, join(w.Enterprise, small.ID), "joining again answers the position, past a claim that no longer waits")
	pos, err := w.Svc.WaitingPosition(bg, w.Enterprise, small.ID)
	require.NoError(t, err)
	require.Equal(t, 2, pos)

	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: first.ID, Action: review.Reject, Opinion: "不符合"})
	require.NoError(t, err)
	submit := func(a voucher.Actor, id string) error {
		_, err := w.Svc.SubmitApplication(bg, a, voucher.SubmitParams{Key: w.Key(), ID: id})
		return err
	}
	why := refusal(t, submit(w.Enterprise, small.ID), policy.CodeWaiting, "12,000 is free, but 10,000 of it waits ahead")
	require.Equal(t, "2", why.Params["position"])
	require.Equal(t, "2000.00", why.Params["left"])
	require.NoError(t, submit(w.Other, big.ID), "the first in line is admitted")
	pos, err = w.Svc.WaitingPosition(bg, w.Other, big.ID)
	require.NoError(t, err)
	require.Zero(t, pos, "and leaves the list")
	require.Equal(t, "1", refusal(t, submit(w.Enterprise, small.ID), policy.CodeWaiting).Params["position"], "now first in line")

	_, err = w.Svc.LeaveWaitingList(bg, w.Other, voucher.WaitParams{Key: w.Key(), ID: small.ID})
	require.ErrorIs(t, err, cxq.ErrNotFound, "another enterprise's application")
	_, err = w.Svc.LeaveWaitingList(bg, w.Enterprise, voucher.WaitParams{Key: w.Key(), ID: small.ID})
	require.NoError(t, err)
	pos, err = w.Svc.WaitingPosition(bg, w.Enterprise, small.ID)
	require.NoError(t, err)
	require.Zero(t, pos)

	roomy := w.Draft(w.Enterprise, "4000.00") // 2,000: the pool holds it
	_, err = w.Svc.JoinWaitingList(bg, w.Enterprise, voucher.WaitParams{Key: w.Key(), ID: roomy.ID})
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodePoolHasRoom, fe.Code)
}

// testNoWaitingList: a budget without a waiting list refuses to keep one.
func testNoWaitingList(t *testing.T, w *World) {
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(1000)})
	d := w.Draft(w.Enterprise, "9099.00")
	_, err := w.Svc.JoinWaitingList(bg, w.Enterprise, voucher.WaitParams{Key: w.Key(), ID: d.ID})
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodeNoWaitingList, fe.Code)
}
