package voucherhttp

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq/voucher"
)

// messagesPerPage is how many messages the inbox page shows at once.
const messagesPerPage = 20

// messagesPage is the 站内消息 page of every role: the person's messages and, for an
// enterprise or a provider, their organisation's, newest first, unread ones marked.
type messagesPage struct {
	Items      []messageRow
	Unread     int
	Page       int
	Pager      pager
	OnlyUnread bool
}

// messageRow is one message with the page of the record it is about, when the person
// has one.
type messageRow struct {
	voucher.Message
	Href string
}

// recordHref is the page where who sees the record a message is about: the enterprise's
// own pages, a reviewer's case page; "" for none.
func (h *Handler) recordHref(who voucher.Actor, subject string) string {
	kind, id, ok := strings.Cut(subject, "/")
	if ok && id != "" && kind == voucher.StreamOrder {
		return h.orderHref(who)
	}
	if ok && id != "" && kind == voucher.KindSpotCheck && who.Role != voucher.RoleEnterprise && who.Role != voucher.RoleProvider {
		return h.href("spotchecks/" + url.PathEscape(id))
	}
	if !ok || id == "" || (kind != voucher.StreamApplication && kind != voucher.StreamRedemption) {
		return ""
	}
	switch who.Role {
	case voucher.RoleProvider:
		return ""
	case voucher.RoleEnterprise:
		return h.href("user/" + kind + "s/" + url.PathEscape(id))
	}
	return h.href("review/" + kind + "s/" + url.PathEscape(id))
}

// withMessages adds the inbox, with its unread count, to a signed-in person's menu.
func (h *Handler) withMessages(ctx context.Context, who voucher.Actor, menu []NavLink) []NavLink {
	if who.ID == "" {
		return menu
	}
	label := "站内消息"
	if n, err := h.svc.UnreadMessages(ctx, who); err == nil && n > 0 {
		label += "（" + strconv.Itoa(n) + " 条未读）"
	}
	return append(menu, NavLink{Label: label, Href: h.href("messages")})
}

// messagesList is GET /messages?page=n&unread=1.
func (h *Handler) messagesList(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	only := r.URL.Query().Get("unread") == "1"
	in, err := h.svc.Messages(r.Context(), who, voucher.MessageQuery{Unread: only, Page: pageParam(r.URL.Query().Get("page")),
		PerPage: messagesPerPage})
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	rows := make([]messageRow, len(in.Items))
	for i, m := range in.Items {
		rows[i] = messageRow{Message: m, Href: h.recordHref(who, m.Subject)}
	}
	page := messagesPage{Items: rows, Unread: in.Unread, Page: in.Page.Page, Pager: pagerOf(h, r, in.Page),
		OnlyUnread: only}
	h.render(w, r, who, "messages", "站内消息", page, nil)
}

// messageRead is POST /messages/{id}/read: marks one message read and returns to the
// page it was on.
func (h *Handler) messageRead(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	err := h.parseForm(w, r, 0)
	if err == nil {
		err = h.svc.ReadMessage(r.Context(), who, voucher.ReadMessageParams{Key: r.PostFormValue("key"), ID: r.PathValue("id")})
	}
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	back := "messages?page=" + strconv.Itoa(pageParam(r.PostFormValue("page")))
	if r.PostFormValue("unread") == "1" {
		back += "&unread=1"
	}
	http.Redirect(w, r, h.href(back), http.StatusSeeOther)
}

// MessageRead is the answer of POST /api/messages/{id}/read.
type MessageRead struct {
	ID     string `json:"id"`
	Unread int    `json:"unread"` // the person's unread messages after it
}

// mountMessages registers the inbox page and its API.
func (h *Handler) mountMessages() {
	h.mux.HandleFunc("GET /messages", h.messagesList)
	h.mux.HandleFunc("POST /messages/{id}/read", h.messageRead)
	h.apiRoute(route{method: "GET", path: "/api/messages", summary: "站内消息: the signed-in person's messages, newest first, with the unread count",
		query: []string{"unread", "page", "per_page"}, out: voucher.Inbox{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (voucher.Inbox, error) {
			q, err := listQuery(r)
			if err != nil {
				return voucher.Inbox{}, err
			}
			return h.svc.Messages(ctx, who, voucher.MessageQuery{Unread: r.URL.Query().Get("unread") == "1", Page: q.Page, PerPage: q.PerPage})
		})})
	h.apiRoute(route{method: "POST", path: "/api/messages/{id}/read", summary: "Mark one message read", in: struct{}{}, out: MessageRead{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, _ struct{}) (MessageRead, error) {
			id := r.PathValue("id")
			if err := h.svc.ReadMessage(ctx, who, voucher.ReadMessageParams{Key: key, ID: id}); err != nil {
				return MessageRead{}, err
			}
			n, err := h.svc.UnreadMessages(ctx, who)
			return MessageRead{ID: id, Unread: n}, err
		})})
}
