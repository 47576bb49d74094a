package voucherhttp

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// providerPerPage is how many orders the provider's list shows at once.
const providerPerPage = 10

// providerOrders is the provider's 待确认订单 page: the orders for its products, newest
// first, with 确认 and 拒绝 for those awaiting confirmation.
type providerOrders struct {
	Orders []voucher.Order
	Page   int
	Pager  pager
}

// errNotProvider answers a person who is not a provider's on the provider's pages.
func errNotProvider(who voucher.Actor) error {
	return &voucher.DeniedError{Actor: who.ID, Action: "provider_orders", Reason: "only a provider confirms orders"}
}

// pageParam reads a page number, 1 when absent or not a page.
func pageParam(s string) int {
	n, err := wholeNumber(s)
	if err != nil || n < 1 || n > 1_000_000 {
		return 1
	}
	return n
}

// providerOrdersPage is GET /provider/orders?page=n.
func (h *Handler) providerOrdersPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	h.showOrders(w, r, who, pageParam(r.URL.Query().Get("page")), nil)
}

// showOrders renders page n of the provider's orders, with err as the problems of a
// refused confirmation when set.
func (h *Handler) showOrders(w http.ResponseWriter, r *http.Request, who voucher.Actor, n int, err error) {
	if who.Role != voucher.RoleProvider {
		h.render(w, r, who, "error", "待确认订单", nil, errNotProvider(who))
		return
	}
	p, lerr := h.svc.MyOrders(r.Context(), who, voucher.Query{Page: n, PerPage: providerPerPage})
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	page := providerOrders{Page: p.Page, Pager: pagerOf(h, r, p)}
	for _, it := range p.Items {
		page.Orders = append(page.Orders, it.Order)
	}
	h.render(w, r, who, "provider-orders", "待确认订单", page, err)
}

// providerConfirm is POST /provider/orders/{id}: 确认 (confirm=1) or 拒绝 (confirm=0,
// with the 拒绝原因 in reason).
// A refusal re-renders the list with its problems.
func (h *Handler) providerConfirm(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	err := h.parseChange(w, r, 0)
	n := pageParam(r.PostFormValue("page"))
	if err == nil && who.Role != voucher.RoleProvider {
		err = errNotProvider(who)
	}
	var confirm bool
	if err == nil {
		switch r.PostFormValue("confirm") {
		case "1":
			confirm = true
		case "0":
		default:
			err = cxq.NewFieldError("confirm", cxq.CodeInvalid, nil, cxq.T("请选择确认或拒绝", "choose confirm or decline"))
		}
	}
	if err == nil {
		version, _ := formVersion(r)
		reason := "" // the page's 拒绝原因 field counts only when declining
		if !confirm {
			reason = strings.TrimSpace(r.PostFormValue("reason"))
		}
		_, err = h.svc.ConfirmOrder(r.Context(), who, voucher.ConfirmOrderParams{Key: r.PostFormValue("key"),
			ID: r.PathValue("id"), Version: version, Confirm: confirm, Reason: reason})
	}
	if err != nil {
		h.showOrders(w, r, who, n, err)
		return
	}
	notice := "declined"
	if confirm {
		notice = "confirmed"
	}
	h.done(w, r, "provider/orders?page="+strconv.Itoa(n), notice)
}
