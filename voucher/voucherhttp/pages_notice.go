package voucherhttp

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// noticesPage is /notices: every published list, newest first.
type noticesPage struct {
	Lists []voucher.Publication
}

// noticePage is /notices/{id}: one list with its period, hash and entries, the
// objection form while it is open and, for the office, the objections and the close.
type noticePage struct {
	Pub        voucher.Publication
	Headings   []string
	Rows       [][]string
	Open       bool // objections are taken now
	Office     bool
	Closable   bool // the office may close it now
	Objections []voucher.Objection
	In         objectionIn
}

// noticeOffice is /review/notices: what the office publishes and decides.
type noticeOffice struct {
	Awaiting []voucher.Redemption
	Held     []voucher.Redemption
}

// mountNoticePages registers the public notice's pages.
func (h *Handler) mountNoticePages() {
	h.mux.HandleFunc("GET /notices", h.noticesList)
	h.mux.HandleFunc("GET /notices/{id}", func(w http.ResponseWriter, r *http.Request) {
		who, _ := h.anyone(r)
		h.showNotice(w, r, who, r.PathValue("id"), objectionIn{}, nil)
	})
	h.mux.HandleFunc("POST /notices/{id}/object", h.noticeObject)
	h.mux.HandleFunc("POST /notices/{id}/close", h.noticeClose)
	h.mux.HandleFunc("GET /review/notices", func(w http.ResponseWriter, r *http.Request) {
		if who, ok := h.pageActor(w, r); ok {
			h.showNoticeOffice(w, r, who, nil)
		}
	})
	h.mux.HandleFunc("POST /review/notices", h.noticePublish)
	h.mux.HandleFunc("POST /review/notices/held", h.noticeDecide)
}

// noticesList is GET /notices, for anyone.
func (h *Handler) noticesList(w http.ResponseWriter, r *http.Request) {
	who, _ := h.anyone(r)
	lists, err := h.svc.Publications(r.Context(), who, "")
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	h.render(w, r, who, "notices", "公示", noticesPage{Lists: lists}, nil)
}

// showNotice renders list id for who, with in kept in the objection form and err shown.
func (h *Handler) showNotice(w http.ResponseWriter, r *http.Request, who voucher.Actor, id string, in objectionIn, err error) {
	pub, rerr := h.svc.Publication(r.Context(), who, id)
	if rerr != nil {
		h.failPage(w, r, rerr)
		return
	}
	now := h.now()
	page := noticePage{Pub: pub, Open: pub.Open(now), Office: who.Role == voucher.RoleCoordinator, In: in}
	page.Closable = page.Office && pub.State == voucher.PublicationOpen && !now.Before(pub.Until)
	for _, c := range pub.Columns {
		page.Headings = append(page.Headings, c.Label().ZH)
	}
	for _, e := range pub.Entries {
		page.Rows = append(page.Rows, e.Cells(pub.Columns))
	}
	if page.Office {
		if page.Objections, rerr = h.svc.Objections(r.Context(), who, id); rerr != nil {
			h.failPage(w, r, rerr)
			return
		}
	}
	h.render(w, r, who, "notice", "公示名单 "+pub.ID, page, err)
}

// noticeObject is POST /notices/{id}/object: anyone's objection to one entry.
func (h *Handler) noticeObject(w http.ResponseWriter, r *http.Request) {
	who, _ := h.anyone(r)
	id := r.PathValue("id")
	var in objectionIn
	err := h.parseForm(w, r, 0)
	if err == nil {
		in = objectionIn{Text: strings.TrimSpace(r.PostFormValue("text")), Name: strings.TrimSpace(r.PostFormValue("name")),
			Contact: strings.TrimSpace(r.PostFormValue("contact"))}
		if in.Entry, err = strconv.Atoi(r.PostFormValue("entry")); err != nil {
			err = cxq.NewFieldError("entry", cxq.CodeFormat, nil, cxq.T("请选择序号", "choose an entry"))
		}
	}
	if err == nil {
		_, err = h.object(r, who, voucher.ObjectParams{Key: r.PostFormValue("key"), Publication: id,
			Entry: in.Entry, Text: in.Text, Name: in.Name, Contact: in.Contact})
	}
	if err != nil {
		retryAfter(w, err)
		h.showNotice(w, r, who, id, in, err)
		return
	}
	h.done(w, r, "notices/"+url.PathEscape(id), "objected")
}

// noticeClose is POST /notices/{id}/close: the office closes a list after its period.
func (h *Handler) noticeClose(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	h.pageChange(w, r, func(key string, v int64) error {
		_, err := h.svc.CloseNotice(r.Context(), who, voucher.CloseNoticeParams{Key: key, ID: id, Version: v})
		return err
	}, func(err error) { h.showNotice(w, r, who, id, objectionIn{}, err) }, "notices/"+url.PathEscape(id), "closed")
}

// showNoticeOffice renders the office's page of redemptions to publish and to decide.
func (h *Handler) showNoticeOffice(w http.ResponseWriter, r *http.Request, who voucher.Actor, err error) {
	var page noticeOffice
	var rerr error
	if page.Awaiting, rerr = h.svc.AwaitingNotice(r.Context(), who); rerr == nil {
		page.Held, rerr = h.svc.HeldPayouts(r.Context(), who)
	}
	if rerr != nil {
		h.failPage(w, r, rerr)
		return
	}
	h.render(w, r, who, "notice_office", "公示管理", page, err)
}

// noticePublish is POST /review/notices: the office publishes the chosen redemptions.
func (h *Handler) noticePublish(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	h.pageCreate(w, r, func(key string) (string, error) {
		pub, err := h.svc.Publish(r.Context(), who, voucher.PublishParams{Key: key, Redemptions: r.PostForm["redemption"]})
		return "notices/" + url.PathEscape(pub.ID), err
	}, func(err error) { h.showNoticeOffice(w, r, who, err) }, "published")
}

// noticeDecide is POST /review/notices/held: the office pays a held redemption or not.
func (h *Handler) noticeDecide(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	h.pageChange(w, r, func(key string, v int64) error {
		_, err := h.svc.DecideHeld(r.Context(), who, voucher.DecideHeldParams{Key: key, ID: r.PostFormValue("id"),
			Version: v, Pay: r.PostFormValue("decision") == "pay", Opinion: strings.TrimSpace(r.PostFormValue("opinion"))})
		return err
	}, func(err error) { h.showNoticeOffice(w, r, who, err) }, "review/notices", "decided")
}
