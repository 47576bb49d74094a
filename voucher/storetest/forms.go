package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// testFilesKeepTheirSlot: every file a stored form names carries the upload slot it was
// uploaded under, set by the Service from the upload whether or not the caller named it,
// so that a reviewer tells a 银行打款回单 from a 项目实施情况总结; a reference naming
// another slot than its upload's is refused.
func testFilesKeepTheirSlot(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	require.Equal(t, voucher.SlotOrgCertificate, app.Form.OrgCertificate.Slot)
	require.Equal(t, voucher.SlotApplication, app.Form.Attachments[0].Slot)
	r := w.Prepared(app.ID, "9099.00")
	stored, err := w.Svc.Redemption(bg, w.Redeemer, r.ID)
	require.NoError(t, err)
	require.Equal(t, []string{voucher.SlotBankReceipt, voucher.SlotProjectSummary}, slotsOf(stored.Form.Files))
	require.Equal(t, voucher.SlotInvoiceScan, stored.Form.Invoices[0].Scan.Slot)
	require.Equal(t, voucher.SlotContractScan, stored.Form.Contracts[0].Scan.Slot)

	bare := []voucher.AttachmentRef{w.Ref(w.Redeemer, voucher.SlotServiceProof, "proof.pdf")}
	bare[0].Slot = ""
	files := append(bare, stored.Form.Files...)
	r, err = w.Svc.SaveRedemption(bg, w.Redeemer, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Version: stored.Version,
		Contact: stored.Form.Contact, Outcome: stored.Form.Outcome, Files: files})
	require.NoError(t, err)
	require.Empty(t, bare[0].Slot, "the caller's draft is left as it was")
	stored, err = w.Svc.Redemption(bg, w.Redeemer, r.ID)
	require.NoError(t, err)
	require.Equal(t, []string{voucher.SlotServiceProof, voucher.SlotBankReceipt, voucher.SlotProjectSummary}, slotsOf(stored.Form.Files),
		"a reference without its slot is stored with its upload's")

	relabelled := append([]voucher.AttachmentRef(nil), stored.Form.Files...)
	relabelled[1].Slot = voucher.SlotProjectSummary // a 银行打款回单 passed off as the summary
	_, err = w.Svc.SaveRedemption(bg, w.Redeemer, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Version: stored.Version,
		Contact: stored.Form.Contact, Outcome: stored.Form.Outcome, Files: relabelled})
	requireCode(t, err, "files[1]", voucher.CodeAttachmentRef)
}

func slotsOf(refs []voucher.AttachmentRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Slot
	}
	return out
}

// testPhonesStoredCanonical: a phone is stored in its one canonical spelling however it
// was typed (full-width digits, spaces, brackets), on an order, an application form and a
// redemption form, so that lists, exports and search show one spelling; a draft keeps a
// phone that does not parse as typed, for submission to refuse.
func testPhonesStoredCanonical(t *testing.T, w *World) {
	o, err := w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1",
		Client: voucher.Party{Name: "企业" + w.Enterprise.Org, Contact: "张三", Phone: "１３８ １２３４ ５６７８"}})
	require.NoError(t, err)
	require.Equal(t, "13812345678", o.Client.Phone)
	o, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Confirm: true})
	require.NoError(t, err)
	require.Equal(t, "13812345678", o.Client.Phone, "as stored")

	form := w.Form(w.Enterprise, "9099.00")
	form.Contact.Phone = "（０２２）２３５３ ２９００"
	app, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: form})
	require.NoError(t, err)
	stored, err := w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, "022-23532900", stored.Form.Contact.Phone)

	form.Contact.Phone = "022-2353" // not yet a phone: kept as typed in the draft
	app, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), ID: app.ID, Version: app.Version, Form: form})
	require.NoError(t, err)
	require.Equal(t, "022-2353", app.Form.Contact.Phone)
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: app.ID, Version: app.Version})
	requireCode(t, err, "contact.phone", cxq.CodePhone)

	approved := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(approved.ID, "9099.00")
	contact := r.Form.Contact
	contact.Phone = "０２２－２３５３２９００ 转 ８１５"
	r, err = w.Svc.SaveRedemption(bg, w.Redeemer, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Version: r.Version,
		Contact: contact, Outcome: r.Form.Outcome, Files: r.Form.Files})
	require.NoError(t, err)
	red, err := w.Svc.Redemption(bg, w.Redeemer, r.ID)
	require.NoError(t, err)
	require.Equal(t, "022-23532900转815", red.Form.Contact.Phone)
}
