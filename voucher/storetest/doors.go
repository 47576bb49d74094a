package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// testContractAndInvoiceAtTheDoor: a contract whose name is only a kind of contract is
// refused when it is added (not first at submission), and an invoice typed with
// full-width digits is kept with its digits as printed.
func testContractAndInvoiceAtTheDoor(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.NoError(t, err)
	_, err = w.Svc.AddContract(bg, w.Enterprise, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Contract: voucher.Contract{
		Name: "合同", EffectiveAmount: cxq.MustMoney("9099.00"), Scan: w.Ref(w.Enterprise, voucher.SlotContractScan, "c.pdf")}})
	requireField(t, err, "contract.name")
	inv := w.NextInvoice(w.Enterprise, "4000.00")
	want := inv.Number
	inv.Number = toFullWidth(inv.Number)
	r, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Invoice: inv})
	require.NoError(t, err)
	require.Empty(t, r.Form.Contracts)
	require.Equal(t, want, r.Form.Invoices[0].Number)
}
