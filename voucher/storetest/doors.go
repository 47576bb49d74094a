package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// testContractAndInvoiceAtTheDoor: a contract whose name is only a kind of contract is
// refused when it is added (not first at submission), and an invoice typed with
// full-width digits is kept with its digits as printed.
func testContractAndInvoiceAtTheDoor(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.NoError(t, err)
	_, err = w.Svc.AddContract(bg, w.Enterprise, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Version: r.Version, Contract: voucher.Contract{
		Name: "合同", EffectiveAmount: cxq.MustMoney("9099.00"), Scan: w.Ref(w.Enterprise, voucher.SlotContractScan, "c.pdf")}})
	requireField(t, err, "contract.name")
	inv := w.NextInvoice(w.Enterprise, "4000.00")
	want := inv.Number
	inv.Number = toFullWidth(inv.Number)
	r, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Version: r.Version, Invoice: inv})
	require.NoError(t, err)
	require.Empty(t, r.Form.Contracts)
	require.Equal(t, want, r.Form.Invoices[0].Number)
	trail, err := w.Svc.Audit(bg, w.Enterprise, voucher.StreamRedemption, r.ID)
	require.NoError(t, err)
	require.Equal(t, "add_invoice", trail[len(trail)-1].Action, "the trail speaks its own words, not method names")
}

// testPreviewRedemption: the 兑现创新券金额合计 previewed while the form is filled in is
// what submission then stores; the preview changes nothing and is the redeemer's only.
func testPreviewRedemption(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	total, breakdown, err := w.Svc.PreviewRedemption(bg, w.Enterprise, r.ID)
	require.NoError(t, err)
	require.NotEmpty(t, breakdown)
	again, err := w.Svc.Redemption(bg, w.Enterprise, r.ID)
	require.NoError(t, err)
	require.Equal(t, r.Version, again.Version, "a preview changes nothing")
	_, _, err = w.Svc.PreviewRedemption(bg, w.Other, r.ID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	r, err = w.Svc.SubmitRedemption(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.NoError(t, err)
	require.Equal(t, total, r.Total)
	require.Equal(t, "4549.50", total.String())
}

// testDraftNeedsAVoucherOrder: no application is drafted for an order its provider has
// not confirmed, or whose product carried no 创新券 badge; the refusal gives the reasons
// the order's list shows, and nothing is written.
func testDraftNeedsAVoucherOrder(t *testing.T, w *World) {
	for _, tc := range []struct {
		order voucher.Order
		code  string
	}{
		{w.Placed(w.Enterprise, "P1"), policy.CodeOrderUnconfirm},
		{w.Order(w.Enterprise, "P2"), policy.CodeNoVoucherBadge},
	} {
		_, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: tc.order.ID,
			Form: w.Form(w.Enterprise, "9099.00")})
		require.ErrorIs(t, err, cxq.ErrForbidden, tc.code)
		require.Equal(t, []string{tc.code}, reasonCodes(err))
	}
	page, err := w.Svc.Applications(bg, w.Enterprise, voucher.Query{})
	require.NoError(t, err)
	require.Zero(t, page.Total, "nothing was drafted")
}
