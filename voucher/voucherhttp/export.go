package voucherhttp

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export"
)

// exportPDF serves the printable form (导出) of a record the asking actor may export.
func (h *Handler) exportPDF(kind string) http.HandlerFunc {
	return h.pageOrAPI(func(w http.ResponseWriter, r *http.Request, who voucher.Actor) error {
		var buf bytes.Buffer
		name, err := h.renderForm(r.Context(), who, kind, r.PathValue("id"), &buf)
		if err != nil {
			return err
		}
		servePDF(w, name, "private, no-store", buf.Bytes())
		return nil
	})
}

// servePDF answers a PDF to download as file name, with its Cache-Control.
func servePDF(w http.ResponseWriter, name, cache string, pdf []byte) {
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	hd.Set("Cache-Control", cache)
	hd.Set("Content-Length", strconv.Itoa(len(pdf)))
	_, _ = w.Write(pdf)
}

// errNotExportable answers an export the record's state does not offer yet.
var errNotExportable = cxq.NewFieldError("state", "not_exportable", nil,
	cxq.T("该记录当前不能导出", "the record cannot be exported in its current state"))

// renderForm writes the PDF form of record id and returns its file name.
func (h *Handler) renderForm(ctx context.Context, who voucher.Actor, kind, id string, buf *bytes.Buffer) (string, error) {
	opts := &export.Options{Code: h.codeOptions()}
	rec, err := h.record(ctx, who, kind, id)
	if err != nil {
		return "", err
	}
	var (
		acts       []voucher.Action
		enterprise string
		name       string
		render     func(export.Sources) error
	)
	switch v := rec.(type) {
	case voucher.Application:
		acts, err = h.svc.ApplicationActions(ctx, who, v)
		enterprise, name = v.EnterpriseID, "application-"+v.ID+".pdf"
		render = func(src export.Sources) error {
			return export.RenderApplication(buf, export.ApplicationFrom(v, src), opts)
		}
	case voucher.Redemption:
		acts, err = h.svc.RedemptionActions(ctx, who, v)
		enterprise, name = v.EnterpriseID, "redemption-"+v.ID+".pdf"
		render = func(src export.Sources) error {
			return export.RenderRedemption(buf, export.RedemptionFrom(v, src), opts)
		}
	}
	if err != nil {
		return "", err
	}
	if !hasAction(acts, voucher.ActionExport) {
		return "", errNotExportable
	}
	src, err := h.sources(ctx, enterprise, kind)
	if err != nil {
		return "", err
	}
	return name, render(src)
}

func hasAction(acts []voucher.Action, name string) bool {
	for _, a := range acts {
		if a.Name == name {
			return true
		}
	}
	return false
}

func (h *Handler) codeOptions() *export.CodeOptions {
	if len(h.opts.CodeKey) == 0 {
		return nil
	}
	return &export.CodeOptions{Key: h.opts.CodeKey}
}

// sources gathers what a form prints besides the record: the enterprise, the labels of
// the workflow, the reviewers' names.
func (h *Handler) sources(ctx context.Context, enterpriseID, kind string) (export.Sources, error) {
	ent, err := h.svc.Enterprises().Enterprise(ctx, enterpriseID)
	if err != nil {
		return export.Sources{}, err
	}
	flow := h.svc.ApplicationFlow()
	if kind == "redemptions" {
		flow = h.svc.RedemptionFlow()
	}
	return export.Sources{Enterprise: ent, Workflow: flow, Programme: h.opts.Programme, Exported: h.now(), Slots: h.opts.Slots,
		Reviewer: func(id string) string { return h.personName(ctx, id) }}, nil
}

// personName is the name of person id, or the ID when the directory does not know it.
func (h *Handler) personName(ctx context.Context, id string) string {
	if p, err := h.svc.People().Person(ctx, id); err == nil && p.Name != "" {
		return p.Name
	}
	return id
}

// VerifyRequest is what the /verify form reads off a printed form: its kind
// (application or redemption), 编号, 版本 and the verification code.
type VerifyRequest struct {
	Kind    export.Kind `json:"kind"`
	ID      string      `json:"id"`
	Version int64       `json:"version"`
	Code    string      `json:"code"`
}

// VerifyResult says whether a printed form is genuine and current: Valid when its code
// is the record's at the version printed and that version is the record's current one.
// A wrong code, an unknown record and a form printed before the record last changed are
// answered alike (an earlier version's amounts are not kept, so its code cannot be
// recomputed), so that the check tells nothing to someone without a genuine form.
type VerifyResult struct {
	Valid   bool     `json:"valid"`
	Status  cxq.Text `json:"status,omitzero"` // the record's status, when valid
	Message cxq.Text `json:"message"`
}

var (
	msgValid   = cxq.T("验证码有效：该表与系统记录一致。", "the code is valid: the form matches the record.")
	msgInvalid = cxq.T("验证码无效，或该表打印后记录已更新：请以系统中最新导出的表为准。",
		"the code is not valid, or the record changed after this form was printed: rely on a newly exported form only.")
)

// verify checks a printed form. It reads the record as Options.Verifier when set (a
// public check by anyone holding the paper), else as the signed-in person.
func (h *Handler) verify(ctx context.Context, who voucher.Actor, in VerifyRequest) (VerifyResult, error) {
	if h.opts.Verifier != nil {
		who = *h.opts.Verifier
	}
	kind := map[export.Kind]string{export.KindApplication: "applications", export.KindRedemption: "redemptions"}[in.Kind]
	code := strings.ToUpper(cxq.Narrow(strings.TrimSpace(in.Code))) // as typed off the paper, full-width too
	var p cxq.Problems
	if kind == "" {
		p.Add(cxq.NewFieldError("kind", cxq.CodeInvalid, map[string]string{"allowed": "application, redemption"},
			cxq.T("请选择表的类别（申请表或兑现表）", "choose the form's kind: application or redemption")))
	}
	if strings.TrimSpace(in.ID) == "" {
		p.Add(cxq.Required("id", cxq.T("编号", "number")))
	}
	if code == "" {
		p.Add(cxq.Required("code", cxq.T("验证码", "code")))
	}
	if err := p.Err(); err != nil {
		return VerifyResult{}, err
	}
	rec, err := h.record(ctx, who, kind, strings.TrimSpace(in.ID))
	if errors.Is(err, cxq.ErrNotFound) || errors.Is(err, cxq.ErrForbidden) {
		return VerifyResult{Message: msgInvalid}, nil
	}
	if err != nil {
		return VerifyResult{}, err
	}
	var form export.Record
	var status cxq.Text
	src := export.Sources{Exported: h.now()}
	switch v := rec.(type) {
	case voucher.Application:
		form, status = export.ApplicationFrom(v, src).Record(), h.svc.ApplicationStatus(v)
	case voucher.Redemption:
		form, status = export.RedemptionFrom(v, src).Record(), h.svc.RedemptionStatus(v)
	}
	if in.Version != form.Version || !export.Verify(code, form, h.codeOptions()) {
		return VerifyResult{Message: msgInvalid}, nil
	}
	return VerifyResult{Valid: true, Status: status, Message: msgValid}, nil
}

// verifyAsker is who asks to verify a form: anyone when Options.Verifier is set (verify
// reads as the Verifier), else the signed-in person.
func (h *Handler) verifyAsker(r *http.Request) (voucher.Actor, error) {
	if h.opts.Verifier != nil {
		who, _ := h.actor(r)
		return who, nil
	}
	return h.actor(r)
}

// apiVerify is POST /api/verify.
func (h *Handler) apiVerify(w http.ResponseWriter, r *http.Request) {
	changeAs(h, h.verifyAsker, func(ctx context.Context, who voucher.Actor, _ string, _ *http.Request, in VerifyRequest) (VerifyResult, error) {
		return h.verify(ctx, who, in)
	})(w, r)
}
