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
	if _, err := a.actor(r); err != nil {
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
	writeAPI(w, http.StatusOK, struct {
		voucher.AttachmentRef
		Type  attachment.Type   `json:"type"`
		Flags []attachment.Flag `json:"flags,omitempty"`
	}{voucher.AttachmentRef{ID: att.ID, Name: att.Name, SHA256: att.SHA256, Size: att.Size}, att.Type, att.Flags})
}

func (a *voucherAPI) applicationPDF(w http.ResponseWriter, r *http.Request) {
	who, err := a.actor(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	app, err := a.svc.Application(r.Context(), who, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	src, err := a.sources(r.Context(), app.EnterpriseID, a.appFlow)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := export.RenderApplication(&buf, export.ApplicationFrom(app, src), nil); err != nil {
		a.fail(w, r, err)
		return
	}
	writePDF(w, "application-"+app.ID+".pdf", buf.Bytes())
}

func (a *voucherAPI) redemptionPDF(w http.ResponseWriter, r *http.Request) {
	who, err := a.actor(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	red, err := a.svc.Redemption(r.Context(), who, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	src, err := a.sources(r.Context(), red.EnterpriseID, a.redFlow)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := export.RenderRedemption(&buf, export.RedemptionFrom(red, src), nil); err != nil {
		a.fail(w, r, err)
		return
	}
	writePDF(w, "redemption-"+red.ID+".pdf", buf.Bytes())
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
