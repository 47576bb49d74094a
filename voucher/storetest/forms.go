package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

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
