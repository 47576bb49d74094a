package storetest

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// voucherState requires err to be a *voucher.VoucherStateError with code, matching
// cxq.ErrConflict, that voucher.Explain shows as its own Chinese and English message.
func voucherState(t testing.TB, err error, code string, msgAndArgs ...any) {
	t.Helper()
	var se *voucher.VoucherStateError
	require.True(t, errors.As(err, &se), "want a VoucherStateError %s, got %v", code, err)
	require.Equal(t, code, se.Code, msgAndArgs...)
	require.ErrorIs(t, err, cxq.ErrConflict)
	ex := voucher.Explain(err)
	require.Len(t, ex.Errors, 1)
	require.Equal(t, code, ex.Errors[0].Code)
	require.NotEqual(t, se.Code, ex.Errors[0].Message(cxq.ZH), "a message of its own")
	require.NotEqual(t, se.Code, ex.Errors[0].Message(cxq.EN))
	require.NotContains(t, ex.Errors[0].Message(cxq.EN), se.Application, "no record IDs")
}

// testRedemptionRefusals: a redemption the voucher's state refuses says why, in words a
// person can act on (not "reload and try again"): not issued, used up, under way in
// another redemption, returned, revoked at its deadline.
func testRedemptionRefusals(t *testing.T, w *World) {
	start := func(id string) error {
		_, err := w.Svc.StartRedemption(bg, w.Redeemer, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: id})
		return err
	}
	pending := w.Submitted(w.Enterprise, "9099.00")
	voucherState(t, start(pending.ID), voucher.CodeVoucherNotIssued)

	open := w.Approve(pending.ID)
	w.Prepared(open.ID, "9099.00")
	voucherState(t, start(open.ID), voucher.CodeRedemptionOpen)

	used := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	w.Redeem(used.ID, "9099.00", "4549.50")
	voucherState(t, start(used.ID), voucher.CodeVoucherUsedUp, "评审通过 and paid in full")

	returned := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	_, err := w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: returned.ID, Reason: "项目取消"})
	require.NoError(t, err)
	voucherState(t, start(returned.ID), voucher.CodeVoucherReturned)

	late := w.Approve(w.Submitted(w.Enterprise, "8000.00").ID)
	ds, err := w.Svc.Deadlines(bg, w.Enterprise, late.ID)
	require.NoError(t, err)
	rep, err := w.Svc.ApplyDeadlines(bg, w.Office, ds[len(ds)-1].At.Add(1))
	require.NoError(t, err)
	require.Len(t, rep.Expired, 1)
	voucherState(t, start(late.ID), voucher.CodeVoucherExpired)
}

// testRedemptionWhileReturning: no redemption while a return awaits the office, and
// the refusal says so.
func testRedemptionWhileReturning(t *testing.T, w0 *World) {
	w := NewWorldFor(t, w0.Store, ReturnReviewPolicy())
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	_, err := w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "项目取消"})
	require.NoError(t, err)
	_, err = w.Svc.StartRedemption(bg, w.Redeemer, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	voucherState(t, err, voucher.CodeVoucherReturning)
}

// testDecisionRefusals: a decision naming an action no workflow has is a refusal of the
// input on "action", one the state does not offer a *review.TransitionError, and a
// value the transition does not set is named under "fields".
func testDecisionRefusals(t *testing.T, w *World) {
	app := w.Submitted(w.Enterprise, "9099.00")
	_, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: "bogus"})
	requireCode(t, err, "action", voucher.CodeUnknownAction)
	require.Equal(t, "无效的审核操作 bogus", voucher.Explain(err).Message(cxq.ZH))

	app = w.Approve(app.ID)
	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	var te *review.TransitionError
	require.ErrorAs(t, err, &te, "a known action the state does not offer")
	r := w.Prepared(app.ID, "9099.00")
	r, err = w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.NoError(t, err)
	_, err = w.Svc.ReviewRedemption(bg, w.District, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve,
		Fields: map[string]string{"bogus": "1"}})
	requireCode(t, err, "fields.bogus", "not_accepted")
	require.Contains(t, voucher.Explain(err).Message(cxq.ZH), "bogus")
	got, err := w.Svc.Redemption(bg, w.Redeemer, r.ID)
	require.NoError(t, err)
	require.Equal(t, r.Version, got.Version, "a refused decision changes nothing")
}
