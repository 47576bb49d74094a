package voucherhttp

import (
	"context"
	"errors"
	"net/http"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/policy"
)

// uploadBudget bounds a multipart post of a form with the given upload slots: the sum of
// their limits and the body limit for the fields.
func (h *Handler) uploadBudget(slots ...string) int64 {
	n := h.opts.MaxBodyBytes
	for _, name := range slots {
		if s, ok := h.opts.Slots.Get(attachment.SlotName(name)); ok {
			n += s.Limit + 4<<10
		}
	}
	return n
}

// applicationPost is POST /user/applications/{id}: the 申请表 with op 计算 (calc: the
// amount, nothing stored), 保存 (save, also 删除 of a file with drop=its ID) or 提交
// (submit). New files in cert_file and attachment_file are uploaded first. A submission
// is checked with PreviewApplication before anything is saved, so that a refused one
// changes nothing; a refused change shows the form again as typed.
func (h *Handler) applicationPost(w http.ResponseWriter, r *http.Request) {
	who, app, ok := enterpriseRecord(h, w, r, h.svc.Application)
	if !ok {
		return
	}
	ctx := r.Context()
	if err := h.parseChange(w, r, h.uploadBudget(voucher.SlotOrgCertificate, voucher.SlotApplication)); err != nil {
		h.applicationForm(w, r, who, app, inputOf(app), nil, err)
		return
	}
	key, op := r.PostFormValue("key"), r.PostFormValue("op")
	in := readApplicationInput(r)
	var p cxq.Problems
	typedForm(&p, in)
	if err := p.Err(); err != nil {
		h.applicationForm(w, r, who, app, in, nil, err)
		return
	}
	refs, err := h.uploadFiles(r, who, key, voucher.SlotOrgCertificate, voucher.SlotApplication)
	if isKeyReused(err) {
		h.done(w, r, "user/applications/"+app.ID, "repeated") // a repeated post: the first one had its effect
		return
	}
	if err != nil {
		h.applicationForm(w, r, who, app, in, nil, err)
		return
	}
	if c, ok := refs[voucher.SlotOrgCertificate]; ok {
		in.Cert = c
	}
	if a, ok := refs[voucher.SlotApplication]; ok {
		in.Attachments = append(in.Attachments, a)
	}
	form := typedForm(&p, in)
	switch op {
	case "calc", "submit":
		amount, _, perr := h.svc.PreviewApplication(ctx, who, app.ID, form)
		if op == "calc" || perr != nil {
			if op == "calc" && !isAmountRefusal(perr) {
				perr = nil // 计算 shows the amount; the rest of the form is checked on 提交
			}
			h.applicationForm(w, r, who, app, in, &amount, perr)
			return
		}
	}
	saved, err := h.svc.SaveApplication(ctx, who, voucher.ApplicationDraft{Key: subKey(key, "save"), ID: app.ID,
		Version: in.Version, Form: form})
	if err != nil {
		h.applicationForm(w, r, who, app, in, nil, err)
		return
	}
	if op != "submit" {
		h.done(w, r, "user/applications/"+app.ID, "saved")
		return
	}
	if _, err := h.svc.SubmitApplication(ctx, who, voucher.SubmitParams{Key: subKey(key, "submit"), ID: app.ID,
		Version: saved.Version}); err != nil {
		h.applicationForm(w, r, who, saved, in, nil, err)
		return
	}
	h.done(w, r, "user/applications/"+app.ID, "submitted")
}

// isAmountRefusal reports the policy refusing the typed amounts.
func isAmountRefusal(err error) bool {
	var re *policy.RefusedError
	return errors.As(err, &re)
}

// uploadFiles uploads the files posted in <slot>_file for each slot (none chosen: none
// uploaded), each under its own key derived from the page's, and returns their refs.
func (h *Handler) uploadFiles(r *http.Request, who voucher.Actor, key string, slots ...string) (map[string]voucher.AttachmentRef, error) {
	out := map[string]voucher.AttachmentRef{}
	if r.MultipartForm == nil {
		return out, nil
	}
	for _, slot := range slots {
		fhs := r.MultipartForm.File[slot+"_file"]
		if len(fhs) == 0 || fhs[0].Size == 0 && fhs[0].Filename == "" {
			continue
		}
		f, err := fhs[0].Open()
		if err != nil {
			return nil, err
		}
		up, err := h.upload(r.Context(), who, subKey(key, "upload:"+slot), slot, fhs[0].Filename, f)
		f.Close()
		if err != nil {
			return nil, withField(err, slot+"_file")
		}
		out[slot] = up.AttachmentRef
	}
	return out, nil
}

// applicationWithdraw is POST /user/applications/{id}/withdraw (撤回).
func (h *Handler) applicationWithdraw(w http.ResponseWriter, r *http.Request) {
	h.applicationChange(func(ctx context.Context, who voucher.Actor, app voucher.Application, key string, version int64) error {
		_, err := h.svc.WithdrawApplication(ctx, who, voucher.WithdrawParams{Key: key, ID: app.ID, Version: version})
		return err
	}, "withdrawn")(w, r)
}
