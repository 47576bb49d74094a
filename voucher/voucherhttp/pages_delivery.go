package voucherhttp

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// mountDeliveryPages registers the provider's 登记交付 and the enterprise's 服务评价.
func (h *Handler) mountDeliveryPages() {
	h.mux.HandleFunc("POST /provider/orders/{id}/delivery", h.providerDeliver)
	h.mux.HandleFunc("POST /user/orders/{id}/evaluate", h.enterpriseEvaluate)
}

// providerDeliver is POST /provider/orders/{id}/delivery (multipart): 交付日期, 交付内容
// and a result file (服务结果证明), uploaded first and then named by the delivery. A
// refusal re-renders the list with its problems.
func (h *Handler) providerDeliver(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	err := h.parseChange(w, r, h.uploadBudget(voucher.SlotServiceProof))
	n := pageParam(r.PostFormValue("page"))
	if err == nil && who.Role != voucher.RoleProvider {
		err = errNotProvider(who)
	}
	if err == nil {
		err = h.deliver(r, who)
	}
	if err != nil {
		h.showOrders(w, r, who, n, err)
		return
	}
	h.done(w, r, "provider/orders?page="+strconv.Itoa(n), "delivered")
}

// deliver reads the delivery form, uploads its file and records the delivery.
func (h *Handler) deliver(r *http.Request, who voucher.Actor) error {
	var p cxq.Problems
	f := r.PostForm
	date := formDate(&p, "date", "交付日期", f.Get("date"))
	if err := p.Err(); err != nil {
		return err
	}
	key := f.Get("key")
	refs, err := h.uploadFiles(r, who, key, voucher.SlotServiceProof)
	if err != nil {
		return err
	}
	var files []voucher.AttachmentRef
	if ref, ok := refs[voucher.SlotServiceProof]; ok {
		files = append(files, ref)
	}
	version, _ := formVersion(r)
	_, err = h.svc.RecordDelivery(r.Context(), who, voucher.RecordDeliveryParams{Key: subKey(key, "deliver"), ID: r.PathValue("id"),
		Version: version, Date: date, Content: strings.TrimSpace(f.Get("content")), Files: files})
	return err
}

// enterpriseEvaluate is POST /user/orders/{id}/evaluate: one score_<code> field per item
// of the rubric and an optional comment. A refusal is shown on 我买到的产品.
func (h *Handler) enterpriseEvaluate(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	h.pageChange(w, r, func(key string, version int64) error {
		var p cxq.Problems
		scores := map[string]int{}
		for _, it := range h.svc.Rubric().Items {
			field := "scores." + it.Code
			s := strings.TrimSpace(r.PostFormValue("score_" + it.Code))
			if s == "" {
				continue // the Service names the missing score
			}
			n, perr := wholeNumber(s)
			if perr != nil {
				p.Add(cxq.NewFieldError(field, cxq.CodeFormat, nil, cxq.T("评分应为整数", "a score is a whole number")))
				continue
			}
			scores[it.Code] = n
		}
		if err := p.Err(); err != nil {
			return err
		}
		_, err := h.svc.EvaluateOrder(r.Context(), who, voucher.EvaluateOrderParams{Key: key, ID: r.PathValue("id"),
			Version: version, Scores: scores, Comment: strings.TrimSpace(r.PostFormValue("comment"))})
		return err
	}, func(err error) { h.ordersList(w, r, who, err) }, "user/orders", "evaluated")
}

// orderHref is the page of a notice about an order: the list where its party acts on it.
func (h *Handler) orderHref(who voucher.Actor) string {
	switch who.Role {
	case voucher.RoleEnterprise:
		return h.href("user/orders")
	case voucher.RoleProvider:
		return h.href("provider/orders")
	}
	return ""
}
