package main

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/export"
)

// upload stores one attachment: POST /api/attachments?slot=org_certificate with the file
// as the body and its name in ?name=. It answers the voucher.AttachmentRef to put in a
// form.
func (a *voucherAPI) upload(w http.ResponseWriter, r *http.Request) {
	who, err := a.actor(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	slot, ok := a.slots.Get(attachment.SlotName(r.URL.Query().Get("slot")))
	if !ok {
		a.fail(w, r, cxq.NewFieldError("slot", cxq.CodeInvalid, map[string]string{"reason": "unknown slot"},
			cxq.T("未知的附件类别", "unknown attachment slot")))
		return
	}
	att, err := a.checker.Store(r.Context(), a.blobs, slot, r.URL.Query().Get("name"), r.Body)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	flags := make([]string, len(att.Flags))
	for i, f := range att.Flags {
		flags[i] = f.Code
	}
	// Recorded, the upload is what the forms of who's organisation may name.
	if _, err := a.svc.RecordUpload(r.Context(), who, voucher.RecordUploadParams{Key: r.Header.Get("Idempotency-Key"),
		ID: att.ID, Slot: string(slot.Name), Name: att.Name, SHA256: att.SHA256, Size: att.Size, Type: string(att.Type),
		Flags: flags}); err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPI(w, http.StatusOK, struct {
		voucher.AttachmentRef
		Type  attachment.Type   `json:"type"`
		Flags []attachment.Flag `json:"flags,omitempty"`
	}{voucher.AttachmentRef{ID: att.ID, Name: att.Name, SHA256: att.SHA256, Size: att.Size}, att.Type, att.Flags})
}

func (a *voucherAPI) applicationPDF(w http.ResponseWriter, r *http.Request) {
	servePDF(a, w, r, a.svc.Application, a.appFlow, func(app voucher.Application, src export.Sources, buf *bytes.Buffer) (string, error) {
		return "application-" + app.ID + ".pdf", export.RenderApplication(buf, export.ApplicationFrom(app, src), nil)
	}, func(app voucher.Application) string { return app.EnterpriseID })
}

func (a *voucherAPI) redemptionPDF(w http.ResponseWriter, r *http.Request) {
	servePDF(a, w, r, a.svc.Redemption, a.redFlow, func(red voucher.Redemption, src export.Sources, buf *bytes.Buffer) (string, error) {
		return "redemption-" + red.ID + ".pdf", export.RenderRedemption(buf, export.RedemptionFrom(red, src), nil)
	}, func(red voucher.Redemption) string { return red.EnterpriseID })
}

// servePDF answers the printable form of a record the asking actor may see.
func servePDF[T any](a *voucherAPI, w http.ResponseWriter, r *http.Request,
	get func(context.Context, voucher.Actor, string) (T, error), flow *review.Workflow,
	render func(T, export.Sources, *bytes.Buffer) (string, error), owner func(T) string) {
	who, err := a.actor(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rec, err := get(r.Context(), who, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	src, err := a.sources(r.Context(), owner(rec), flow)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	name, err := render(rec, src, &buf)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writePDF(w, name, buf.Bytes())
}

func (a *voucherAPI) sources(ctx context.Context, enterpriseID string, flow *review.Workflow) (export.Sources, error) {
	ent, err := a.ents.Enterprise(ctx, enterpriseID)
	if err != nil {
		return export.Sources{}, err
	}
	names := map[string]string{}
	for _, p := range a.actors {
		names[p.ID] = p.Name
	}
	return export.Sources{
		Enterprise: ent, Workflow: flow, Programme: "天津市科技创新券（示例）", Exported: time.Now(),
		Reviewer: func(id string) string {
			if n, ok := names[id]; ok {
				return n
			}
			return id
		},
	}, nil
}

func writePDF(w http.ResponseWriter, name string, b []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}
