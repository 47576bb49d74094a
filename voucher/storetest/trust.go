package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// testAmountsAtTheDoor: an amount no record may hold (negative, zero where it must be
// positive, above cxq.MaxMoney) is refused where it enters, with a field and a code, and
// changes nothing: every list still reads.
func testAmountsAtTheDoor(t *testing.T, w *World) {
	o := w.Order(w.Enterprise, "P1")
	for _, bad := range []cxq.Money{cxq.Yuan(1).Neg(), cxq.MaxMoney().Add(cxq.Fen(1))} {
		_, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID,
			Form: voucher.ApplicationForm{Estimated: bad}})
		requireField(t, err, "form.estimated_amount")
		_, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID,
			Form: voucher.ApplicationForm{Requested: bad}})
		requireField(t, err, "form.requested_amount")
	}
	for _, at := range []time.Time{time.Date(1, 1, 1, 0, 0, 0, 0, cxq.China()), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1999, 12, 31, 15, 59, 0, 0, time.UTC)} { // the last: 1999-12-31 23:59 in China
		f := w.Form(w.Enterprise, "9099.00")
		f.ContractStart = at
		_, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: f})
		requireField(t, err, "form.contract_start")
	}
	f := w.Form(w.Enterprise, "9099.00")
	f.Activity = "检测\u202e服务" // a right-to-left override would reverse what a reviewer reads
	_, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: f})
	requireField(t, err, "form.activity")
	page, err := w.Svc.Applications(bg, w.Enterprise, voucher.Query{})
	require.NoError(t, err, "no unreadable record was stored")
	require.Zero(t, page.Total)

	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	for _, bad := range []cxq.Money{cxq.Yuan(5).Neg(), {}, cxq.MaxMoney().Add(cxq.Fen(1))} {
		inv := w.NextInvoice(w.Enterprise, "1.00")
		inv.Amount = bad
		_, err := w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Version: r.Version, Invoice: inv})
		requireField(t, err, "invoice.amount")
		_, err = w.Svc.AddContract(bg, w.Enterprise, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Version: r.Version,
			Contract: voucher.Contract{Name: "技术服务合同", EffectiveAmount: bad, Scan: w.Ref(w.Enterprise, voucher.SlotContractScan, "c.pdf")}})
		requireField(t, err, "contract.effective_amount")
	}
	got, err := w.Svc.Redemption(bg, w.Enterprise, r.ID)
	require.NoError(t, err)
	require.Equal(t, r.Version, got.Version, "nothing changed")
}

// requireField checks err is a validation error naming field.
func requireField(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, cxq.ErrInvalid)
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, field, fe.Field)
	require.NotEmpty(t, fe.Code)
	require.NotEmpty(t, fe.Message(cxq.ZH))
	require.NotEmpty(t, fe.Message(cxq.EN))
}

// testVerifyWhileWriting verifies the trail and lists pages while other goroutines
// submit and review: a read runs in one snapshot, so it never sees a broken trail or a
// page whose total disagrees with its items.
func testVerifyWhileWriting(t *testing.T, w *World) {
	drafts := make([]voucher.Application, 16)
	for i := range drafts {
		drafts[i] = w.Draft(w.Enterprise, "4000.00")
	}
	stop, done := make(chan struct{}), make(chan struct{})
	var reads int
	var readErr error
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				if reads > 0 { // a fast store may finish the writes before the first read
					return
				}
			default:
			}
			if readErr = w.Svc.VerifyAudit(bg); readErr != nil {
				return
			}
			page, err := w.Svc.Applications(bg, w.Office, voucher.Query{PerPage: 100})
			if err != nil {
				readErr = err
				return
			}
			if page.Total != len(page.Items) {
				readErr = fmt.Errorf("a page of %d items says %d in total", len(page.Items), page.Total)
				return
			}
			reads++
		}
	}()
	errs := parallel(4, func(g int) error {
		for i := range 4 {
			id := drafts[g*4+i].ID
			if _, err := w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: id}); err != nil {
				return err
			}
			if _, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: id, Action: review.Approve}); err != nil {
				return err
			}
		}
		return nil
	})
	close(stop)
	<-done
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.NoError(t, readErr, "a read during writes")
	require.Positive(t, reads)
}

func testInvoiceAcross(t *testing.T, w *World) {
	a1 := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	a2 := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r1, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: a1.ID})
	require.NoError(t, err)
	r2, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: a2.ID})
	require.NoError(t, err)
	inv := w.NextInvoice(w.Enterprise, "9099.00")
	inv.Code = "120017132011" // a 12-digit code: code + number are 20 digits
	r1, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r1.ID, Version: r1.Version, Invoice: inv})
	require.NoError(t, err)
	requireDuplicate := func(err error, r voucher.Redemption, why string) {
		t.Helper()
		requireField(t, err, "invoice.number")
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, voucher.CodeDuplicateInvoice, fe.Code, why)
		for _, lang := range []cxq.Lang{cxq.ZH, cxq.EN} {
			require.NotContains(t, fe.Message(lang), r1.ID, "the refusal names nobody else's record")
		}
		require.NotContains(t, err.Error(), r1.ID)
	}
	_, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r1.ID, Version: r1.Version, Invoice: inv})
	requireDuplicate(err, r1, "twice on one redemption")
	_, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: inv})
	requireDuplicate(err, r2, "an invoice backs one redemption only")
	wide := inv
	wide.Code, wide.Number = toFullWidth(inv.Code), toFullWidth(inv.Number)
	_, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: wide})
	requireDuplicate(err, r2, "full-width digits are the same invoice")
	electronic := inv
	electronic.Code, electronic.Number = "", inv.Code+inv.Number
	_, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: electronic})
	requireDuplicate(err, r2, "the same 20 digits typed as one number are the same invoice")

	// Another enterprise cannot use it either.
	w.Clock.Set(w.Clock.Now().Add(time.Minute))
	other := w.Order(w.Other, "P1")
	oa, err := w.Svc.SaveApplication(bg, w.Other, voucher.ApplicationDraft{Key: w.Key(), OrderID: other.ID, Form: w.Form(w.Other, "9099.00")})
	require.NoError(t, err)
	_, err = w.Svc.SubmitApplication(bg, w.Other, voucher.SubmitParams{Key: w.Key(), ID: oa.ID})
	require.NoError(t, err)
	_, err = w.Svc.ReviewApplication(bg, w.OtherDistrict, voucher.Decision{Key: w.Key(), ID: oa.ID, Action: review.Approve})
	require.NoError(t, err)
	_, err = w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: oa.ID, Stage: review.ProfessionalReview, Reviewer: w.Professional.ID})
	require.NoError(t, err)
	_, err = w.Svc.ReviewApplication(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: oa.ID, Action: review.Approve})
	require.NoError(t, err)
	or, err := w.Svc.StartRedemption(bg, w.Other, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: oa.ID})
	require.NoError(t, err)
	theirs := inv
	theirs.Scan = w.Ref(w.Other, voucher.SlotInvoiceScan, "invoice.pdf") // their own scan of the same invoice
	_, err = w.Svc.AddInvoice(bg, w.Other, voucher.AddInvoiceParams{Key: w.Key(), ID: or.ID, Version: or.Version, Invoice: theirs})
	requireDuplicate(err, or, "across enterprises")

	bad := inv
	bad.Number = "123"
	_, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: bad})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	_, err = w.Svc.RemoveInvoice(bg, w.Enterprise, voucher.RemoveInvoiceParams{Key: w.Key(), ID: r1.ID, Version: r1.Version, InvoiceKey: inv.Key()})
	require.NoError(t, err)
	r2, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: inv})
	require.NoError(t, err, "a removed invoice is free again")
	require.Len(t, r2.Form.Invoices, 1)
}

// toFullWidth writes ASCII digits as full-width ones, as some input methods type them.
func toFullWidth(s string) string {
	out := []rune(s)
	for i, r := range out {
		if r >= '0' && r <= '9' {
			out[i] = '０' + (r - '0')
		}
	}
	return string(out)
}

func testIdempotency(t *testing.T, w *World) {
	app := w.Draft(w.Enterprise, "9099.00")
	first, err := w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: "submit-1", ID: app.ID})
	require.NoError(t, err)
	again, err := w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: "submit-1", ID: app.ID})
	require.NoError(t, err, "a retry with the same key and input returns the first result")
	require.Equal(t, first.Version, again.Version)
	require.Equal(t, first.AuditHead, again.AuditHead)
	require.Equal(t, "4549.50", w.Quota(2025).Reserved.String(), "one effect")

	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: "submit-1", ID: app.ID, Version: 7})
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodeKeyReused, fe.Code)
	_, err = w.Svc.WithdrawApplication(bg, w.Enterprise, voucher.WithdrawParams{Key: "submit-1", ID: app.ID})
	require.ErrorAs(t, err, &fe, "the same key for another call")

	// Concurrent requests with one key: one effect, every caller gets the same result.
	o := w.Order(w.Enterprise, "P1")
	results := make([]voucher.Application, 8)
	form := w.Form(w.Enterprise, "5000.00")
	errs := parallel(8, func(i int) error {
		var err error
		results[i], err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: "draft-1", OrderID: o.ID, Form: form})
		return err
	})
	for _, err := range errs {
		require.NoError(t, err)
	}
	for _, r := range results {
		require.Equal(t, results[0].ID, r.ID)
	}
	page, err := w.Svc.Applications(bg, w.Enterprise, voucher.Query{PerPage: 100})
	require.NoError(t, err)
	require.Equal(t, 2, page.Total)

	// Keys belong to their actor: another person's identical key is another request.
	_, err = w.Svc.PlaceOrder(bg, w.Other, voucher.PlaceOrder{Key: "draft-1", ProductID: "P1",
		Client: voucher.Party{Name: "企业E2", Contact: "李四", Phone: "13912345678"}})
	require.NoError(t, err)

	// A key whose first call was refused stays bound to that input: the same input is
	// refused again (it runs again), another input is a reused key.
	o2 := w.Order(w.Enterprise, "P1")
	bad := voucher.ApplicationDraft{Key: "draft-bad", OrderID: o2.ID, Form: voucher.ApplicationForm{Estimated: cxq.Yuan(1).Neg()}}
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, bad)
	requireField(t, err, "form.estimated_amount")
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, bad)
	requireField(t, err, "form.estimated_amount")
	good := bad
	good.Form = w.Form(w.Enterprise, "5000.00")
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, good)
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodeKeyReused, fe.Code, "a refused key cannot be reused with another input")
	good.Key = "draft-good"
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, good)
	require.NoError(t, err, "a fresh key does it")

	// Keys are bounded.
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: strings.Repeat("k", voucher.MaxKeyLen+1),
		OrderID: o2.ID, Form: w.Form(w.Enterprise, "5000.00")})
	require.ErrorAs(t, err, &fe)
	require.Equal(t, voucher.CodeKeyTooLong, fe.Code)
}

// testStoreFailureIsNotNotFound: a read that fails in the store is answered with that
// failure, never as a missing record.
func testStoreFailureIsNotNotFound(t *testing.T, open Opener) {
	st := open(t)
	t.Cleanup(func() { _ = st.Close() })
	f := &Faulty{Store: st}
	w := NewWorld(t, f)
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	for name, call := range map[string]func() error{
		"Application": func() error { _, err := w.Svc.Application(bg, w.Enterprise, app.ID); return err },
		"Redemption":  func() error { _, err := w.Svc.Redemption(bg, w.Enterprise, r.ID); return err },
		"Order":       func() error { _, err := w.Svc.Order(bg, w.Enterprise, app.OrderID); return err },
		"Deadlines":   func() error { _, err := w.Svc.Deadlines(bg, w.Enterprise, app.ID); return err },
		"Audit": func() error {
			_, err := w.Svc.Audit(bg, w.Enterprise, voucher.StreamApplication, app.ID)
			return err
		},
		"SubmitRedemption": func() error {
			_, err := w.Svc.SubmitRedemption(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
			return err
		},
		"ReviewApplication": func() error {
			_, err := w.Svc.ReviewApplication(bg, w.Office, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Reject, Opinion: "x"})
			return err
		},
		"AssignRedemption": func() error {
			_, err := w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: r.ID, Stage: review.FormalReview, Reviewer: w.Professional.ID})
			return err
		},
		"ConfirmOrder": func() error {
			_, err := w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: app.OrderID, Confirm: true})
			return err
		},
		"StartRedemption": func() error {
			_, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
			return err
		},
		"Messages":       func() error { _, err := w.Svc.Messages(bg, w.Enterprise, voucher.MessageQuery{}); return err },
		"UnreadMessages": func() error { _, err := w.Svc.UnreadMessages(bg, w.Enterprise); return err },
		"ReadMessage": func() error {
			return w.Svc.ReadMessage(bg, w.Enterprise, voucher.ReadMessageParams{Key: w.Key(), ID: "NT000000000000000000000000"})
		},
	} {
		f.Inject(ReadFails)
		err := call()
		require.ErrorIs(t, err, ErrInjected, name)
		require.NotErrorIs(t, err, cxq.ErrNotFound, "%s: a storage failure answered as not found", name)
	}
}

// testAttachmentRefs: a form names a file only by the reference of an upload of the same
// organisation into the matching slot; a fabricated reference, another enterprise's file,
// a file of another slot or another digest is refused on its field. One scan for two
// invoices is accepted and flagged.
func testAttachmentRefs(t *testing.T, w *World) {
	o := w.Order(w.Enterprise, "P1")
	good := w.Form(w.Enterprise, "9099.00")
	theirs := w.Ref(w.Other, voucher.SlotOrgCertificate, "cert.pdf")
	wrongSlot := w.Ref(w.Enterprise, voucher.SlotInvoiceScan, "cert.pdf")
	forged := voucher.AttachmentRef{ID: "evil.exe", Name: "evil.exe", SHA256: strings.Repeat("00", 32), Size: 99999999}
	otherDigest := good.OrgCertificate
	otherDigest.SHA256 = strings.Repeat("11", 32)
	renamed := good.OrgCertificate
	renamed.Name = "../../x\u202egpj.exe"
	for name, ref := range map[string]voucher.AttachmentRef{"forged": forged, "another enterprise's": theirs,
		"another slot's": wrongSlot, "another digest": otherDigest, "renamed after upload": renamed} {
		f := good
		f.OrgCertificate = ref
		_, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: f})
		requireField(t, err, "form.org_certificate")
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, voucher.CodeAttachmentRef, fe.Code, name)
	}
	_, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: good})
	require.NoError(t, err, "the references of its own uploads")
	_, err = w.Svc.RecordUpload(bg, w.Office, voucher.RecordUploadParams{Key: w.Key(), ID: "x", Slot: voucher.SlotInvoiceScan,
		SHA256: strings.Repeat("22", 32), Size: 10})
	require.ErrorIs(t, err, cxq.ErrForbidden, "only an enterprise or a provider uploads")

	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.NoError(t, err)
	first := w.NextInvoice(w.Enterprise, "4000.00")
	r, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Version: r.Version, Invoice: first})
	require.NoError(t, err)
	second := w.NextInvoice(w.Enterprise, "5099.00")
	second.Scan = first.Scan
	r, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Version: r.Version, Invoice: second})
	require.NoError(t, err)
	require.Equal(t, []string{voucher.FlagDuplicateScan}, r.Form.Invoices[1].Flags, "one scan for two invoices is flagged")
	bad := w.NextInvoice(w.Enterprise, "1.00")
	bad.Scan = w.Ref(w.Enterprise, voucher.SlotContractScan, "invoice.pdf")
	_, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Version: r.Version, Invoice: bad})
	requireField(t, err, "invoice.scan")
	_, err = w.Svc.SaveRedemption(bg, w.Enterprise, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Version: r.Version, Files: []voucher.AttachmentRef{forged}})
	requireField(t, err, "files[0]")
	require.NoError(t, w.Svc.VerifyAudit(bg), "uploads are in the audit trail")

	// The same scan for an invoice of another redemption of the enterprise is flagged
	// too, also when it is uploaded again (the same bytes, another upload).
	other := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r2, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: other.ID})
	require.NoError(t, err)
	third := w.NextInvoice(w.Enterprise, "3000.00")
	third.Scan = first.Scan
	r2, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: third})
	require.NoError(t, err)
	require.Equal(t, []string{voucher.FlagDuplicateScan}, r2.Form.Invoices[0].Flags, "a scan of another redemption's invoice")
	fourth := w.NextInvoice(w.Enterprise, "100.00")
	up, err := w.Svc.RecordUpload(bg, w.Enterprise, voucher.RecordUploadParams{Key: w.Key(), ID: "again", Slot: voucher.SlotInvoiceScan,
		Name: "again.pdf", SHA256: first.Scan.SHA256, Size: first.Scan.Size})
	require.NoError(t, err)
	fourth.Scan = up.Ref()
	r2, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: fourth})
	require.NoError(t, err)
	require.Equal(t, []string{voucher.FlagDuplicateScan}, r2.Form.Invoices[1].Flags, "the same bytes uploaded again")
	fifth := w.NextInvoice(w.Enterprise, "100.00")
	r2, err = w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: w.Key(), ID: r2.ID, Version: r2.Version, Invoice: fifth})
	require.NoError(t, err)
	require.Empty(t, r2.Form.Invoices[2].Flags, "a scan of its own is not flagged")
}
