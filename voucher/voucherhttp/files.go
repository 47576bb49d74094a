package voucherhttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/web"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// Uploaded is the answer to an upload: the reference to put in a form (its fields, the
// slot among them, and again as Ref, to pass back in a form as it is: a form's
// references take no other fields), the checked type and the checker's flags.
type Uploaded struct {
	voucher.AttachmentRef
	Ref   voucher.AttachmentRef `json:"ref"`
	Type  attachment.Type       `json:"type"`
	Flags []attachment.Flag     `json:"flags,omitempty"`
}

// upload checks one file for slot, keeps it and records it for who's organisation. At
// most Options.MaxUploads run at once; the body is read no further than the slot's limit
// and one byte.
func (h *Handler) upload(ctx context.Context, who voucher.Actor, key, slotName, name string, body io.Reader) (Uploaded, error) {
	slot, ok := h.opts.Slots.Get(attachment.SlotName(slotName))
	if !ok {
		return Uploaded{}, cxq.NewFieldError("slot", cxq.CodeInvalid, map[string]string{"reason": "unknown slot"},
			cxq.T("未知的附件类别", "unknown attachment slot"))
	}
	if who.Org == "" || (who.Role != voucher.RoleEnterprise && who.Role != voucher.RoleProvider) {
		return Uploaded{}, &voucher.DeniedError{Action: "upload", Reason: "only enterprises and providers upload"}
	}
	release, err := h.acquireUpload(ctx)
	if err != nil {
		return Uploaded{}, err
	}
	defer release()
	att, err := h.opts.Checker.Store(ctx, h.opts.Blobs, slot, name, io.LimitReader(body, slot.Limit+1))
	if err != nil {
		return Uploaded{}, err
	}
	flags := make([]string, len(att.Flags))
	for i, f := range att.Flags {
		flags[i] = f.Code
	}
	u, err := h.svc.RecordUpload(ctx, who, voucher.RecordUploadParams{Key: key, ID: att.ID, Slot: string(slot.Name),
		Name: att.Name, SHA256: att.SHA256, Size: att.Size, Type: string(att.Type), Flags: flags})
	if err != nil {
		return Uploaded{}, err
	}
	if u.ID != att.ID { // a retry: the first upload stands, this copy of its bytes is not kept
		_ = h.opts.Blobs.Delete(ctx, att.ID)
	}
	return Uploaded{AttachmentRef: u.Ref(), Ref: u.Ref(), Type: att.Type, Flags: att.Flags}, nil
}

// apiUpload is POST /api/attachments?slot=org_certificate&name=营业执照.pdf with the file
// as the body.
func (h *Handler) apiUpload(w http.ResponseWriter, r *http.Request) {
	who, err := h.actor(r)
	if err != nil {
		h.failAPI(w, r, err)
		return
	}
	q := r.URL.Query()
	up, err := h.upload(r.Context(), who, r.Header.Get("Idempotency-Key"), q.Get("slot"), q.Get("name"), r.Body)
	if err != nil {
		h.failAPI(w, r, uploadField(err))
		return
	}
	web.WriteJSON(w, r, http.StatusOK, "no-store", up)
}

// uploadField names the part of an upload request a file problem is about (attachment's
// problems name none): ?name for a bad file name, the body (the file) for the rest.
func uploadField(err error) error {
	var fe *cxq.FieldError
	if !errors.As(err, &fe) || fe.Field != "" {
		return err
	}
	if fe.Code == attachment.CodeBadName {
		return fe.WithField("name")
	}
	return fe.WithField("body")
}

// refsOf lists the files a record's form names.
func refsOf(rec any) []voucher.AttachmentRef {
	switch v := rec.(type) {
	case voucher.Order:
		if v.Delivery != nil {
			return v.Delivery.Files
		}
	case voucher.Application:
		return append([]voucher.AttachmentRef{v.Form.OrgCertificate}, v.Form.Attachments...)
	case voucher.Redemption:
		out := append([]voucher.AttachmentRef(nil), v.Form.Files...)
		for _, inv := range v.Form.Invoices {
			out = append(out, inv.Scan)
		}
		for _, c := range v.Form.Contracts {
			out = append(out, c.Scan)
		}
		return out
	}
	return nil
}

// record loads order, application or redemption id as who may see it.
func (h *Handler) record(ctx context.Context, who voucher.Actor, kind, id string) (any, error) {
	if kind == "orders" {
		return h.svc.Order(ctx, who, id)
	}
	if kind == "applications" {
		return h.svc.Application(ctx, who, id)
	}
	return h.svc.Redemption(ctx, who, id)
}

// download serves a file a record names, to whoever may see the record: always as an
// attachment, with the checked type and nosniff, never inline.
func (h *Handler) download(kind string) http.HandlerFunc {
	return h.pageOrAPI(func(w http.ResponseWriter, r *http.Request, who voucher.Actor) error {
		rec, err := h.record(r.Context(), who, kind, r.PathValue("id"))
		if err != nil {
			return err
		}
		var ref voucher.AttachmentRef
		for _, f := range refsOf(rec) {
			if f.ID != "" && f.ID == r.PathValue("file") {
				ref = f
			}
		}
		if ref.ID == "" {
			return fmt.Errorf("voucherhttp: %s %s names no file %q: %w", kind, r.PathValue("id"), r.PathValue("file"), cxq.ErrNotFound)
		}
		return h.serveBlob(w, r, ref)
	})
}

// pageOrAPI adapts serve, a route of both the API and the pages, to a handler: it is
// given the asking actor, and an error before it writes is answered as a page when
// linked from one (?page=1), else as JSON.
func (h *Handler) pageOrAPI(serve func(w http.ResponseWriter, r *http.Request, who voucher.Actor) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := h.actor(r)
		if err == nil {
			err = serve(w, r, who)
		}
		if err == nil {
			return
		}
		if r.URL.Query().Get("page") == "1" {
			h.failPage(w, r, err)
			return
		}
		h.failAPI(w, r, err)
	}
}

// serveBlob streams the stored file of ref; it writes nothing when it cannot open it.
func (h *Handler) serveBlob(w http.ResponseWriter, r *http.Request, ref voucher.AttachmentRef) error {
	rc, err := h.opts.Blobs.Open(r.Context(), ref.ID)
	if err != nil {
		return err
	}
	defer rc.Close()
	typ, _, _ := attachment.TypeOfName(ref.Name)
	ctype := "application/octet-stream"
	if typ.Valid() {
		ctype = typ.MediaType()
	}
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": ref.Name}))
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Cache-Control", "private, no-store")
	if ref.Size > 0 {
		hd.Set("Content-Length", strconv.FormatInt(ref.Size, 10))
	}
	_, _ = io.Copy(w, rc)
	return nil
}
