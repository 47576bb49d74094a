package voucherhttp

import (
	"net/http"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/export"
)

// verifyPage is the /verify form and, after a check, its answer.
type verifyPage struct {
	In     VerifyRequest
	Result *VerifyResult
}

// mountVerify registers /verify: a form that checks the verification code printed on
// an exported form.
func (h *Handler) mountVerify() {
	h.mux.HandleFunc("GET /verify", func(w http.ResponseWriter, r *http.Request) {
		who, err := h.verifyAsker(r)
		if err != nil {
			h.toLogin(w, r)
			return
		}
		h.render(w, r, who, "verify", "验证导出表", verifyPage{In: VerifyRequest{Kind: export.KindRedemption}}, nil)
	})
	h.mux.HandleFunc("POST /verify", func(w http.ResponseWriter, r *http.Request) {
		who, err := h.verifyAsker(r)
		if err != nil {
			h.toLogin(w, r)
			return
		}
		page := verifyPage{}
		err = h.parseForm(w, r, 0)
		if err == nil {
			page.In = VerifyRequest{Kind: export.Kind(r.PostFormValue("kind")), ID: strings.TrimSpace(r.PostFormValue("id")),
				Code: r.PostFormValue("code")}
			page.In.Version, err = parseVersion(r.PostFormValue("version"))
		}
		if err == nil {
			var res VerifyResult
			if res, err = h.verify(r.Context(), who, page.In); err == nil {
				page.Result = &res
			}
		}
		h.render(w, r, who, "verify", "验证导出表", page, err)
	})
}

// parseVersion reads the 版本 printed on a form.
func parseVersion(s string) (int64, error) {
	n, err := wholeNumber64(s)
	if err != nil || n < 1 {
		return 0, cxq.NewFieldError("version", cxq.CodeFormat, nil, cxq.T("版本应为正整数", "the version must be a positive whole number"))
	}
	return n, nil
}
