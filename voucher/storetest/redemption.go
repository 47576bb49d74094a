package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// requireCode checks that err is a refusal of the input holding a problem of field
// with code, in Chinese and English.
func requireCode(t *testing.T, err error, field, code string) {
	t.Helper()
	require.ErrorIs(t, err, cxq.ErrInvalid)
	var ve *cxq.ValidationError
	var fes []*cxq.FieldError
	if errors.As(err, &ve) {
		fes = ve.Errors
	} else {
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe)
		fes = []*cxq.FieldError{fe}
	}
	for _, fe := range fes {
		if fe.Field == field && fe.Code == code {
			require.NotEmpty(t, fe.Message(cxq.ZH))
			require.NotEmpty(t, fe.Message(cxq.EN))
			return
		}
	}
	require.Failf(t, "no such problem", "want %s on %s in %v", code, field, err)
}

// testUnpaidRedemptionFreesInvoices: a redemption rejected (不予支持) or withdrawn paid
// nothing, so its invoices back the voucher's next redemption; a paid one keeps its own.
func testUnpaidRedemptionFreesInvoices(t *testing.T, w *World) {
	paid := w.Redeem(w.Approve(w.Submitted(w.Enterprise, "9099.00").ID).ID, "9099.00", "4000.00")
	for _, end := range []string{"reject", "withdraw"} {
		app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
		r := w.Prepared(app.ID, "9099.00")
		r, err := w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID, Version: r.Version})
		require.NoError(t, err)
		if end == "reject" {
			r, err = w.Svc.ReviewRedemption(bg, w.District, voucher.Decision{Key: w.Key(), ID: r.ID, Version: r.Version,
				Action: review.Reject, Opinion: "发票与合同不符"})
		} else {
			r, err = w.Svc.WithdrawRedemption(bg, w.Redeemer, voucher.WithdrawParams{Key: w.Key(), ID: r.ID, Version: r.Version})
		}
		require.NoError(t, err, end)
		acts, err := w.Svc.ApplicationActions(bg, w.Redeemer, app)
		require.NoError(t, err)
		require.True(t, slices.ContainsFunc(acts, func(a voucher.Action) bool { return a.Name == voucher.ActionRedeem }),
			"%s: 申请兑现 is offered again", end)
		next, err := w.Svc.StartRedemption(bg, w.Redeemer, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
		require.NoError(t, err, end)
		next, err = w.Svc.AddInvoice(bg, w.Redeemer, voucher.AddInvoiceParams{Key: w.Key(), ID: next.ID, Version: next.Version,
			Invoice: r.Form.Invoices[0]})
		require.NoError(t, err, "%s: the invoice the redemption claimed is free again", end)
		_, err = w.Svc.AddInvoice(bg, w.Redeemer, voucher.AddInvoiceParams{Key: w.Key(), ID: next.ID, Version: next.Version,
			Invoice: paid.Form.Invoices[0]})
		requireCode(t, err, "invoice.number", voucher.CodeDuplicateInvoice)
	}
}

// testRedemptionEditsNameTheirVersion: every edit of a redemption's form names the
// version it changes; zero is refused, not a skipped check, and changes nothing.
func testRedemptionEditsNameTheirVersion(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	edits := map[string]func() error{
		"SaveRedemption": func() error {
			_, err := w.Svc.SaveRedemption(bg, w.Redeemer, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Contact: r.Form.Contact, Outcome: "x"})
			return err
		},
		"AddInvoice": func() error {
			_, err := w.Svc.AddInvoice(bg, w.Redeemer, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Invoice: w.NextInvoice(w.Redeemer, "1.00")})
			return err
		},
		"RemoveInvoice": func() error {
			_, err := w.Svc.RemoveInvoice(bg, w.Redeemer, voucher.RemoveInvoiceParams{Key: w.Key(), ID: r.ID, InvoiceKey: r.Form.Invoices[0].Key()})
			return err
		},
		"AddContract": func() error {
			_, err := w.Svc.AddContract(bg, w.Redeemer, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Contract: r.Form.Contracts[0]})
			return err
		},
		"RemoveContract": func() error {
			_, err := w.Svc.RemoveContract(bg, w.Redeemer, voucher.RemoveContractParams{Key: w.Key(), ID: r.ID})
			return err
		},
	}
	for name, edit := range edits {
		requireCode(t, edit(), "version", cxq.CodeRequired)
		got, err := w.Svc.Redemption(bg, w.Redeemer, r.ID)
		require.NoError(t, err)
		require.Equal(t, r.Version, got.Version, "%s without a version changes nothing", name)
	}
}
