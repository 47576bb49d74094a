package voucherhttp

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"github.com/cxqkit/cxq/internal/web"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export"
)

// The bodies and answers of the public notice (公示) routes.
type (
	objectionIn struct {
		Entry   int    `json:"entry"`
		Text    string `json:"text"`
		Name    string `json:"name,omitempty"`
		Contact string `json:"contact,omitempty"`
	}
	heldDecision struct {
		Version int64  `json:"version,omitempty"`
		Pay     bool   `json:"pay"`
		Opinion string `json:"opinion,omitempty"`
	}
)

// ObjectionReceipt is what an objector is answered: the objection's number, the list and
// the entry it concerns, and when it was lodged — nothing of the case behind the entry.
type ObjectionReceipt struct {
	ID          string    `json:"id"`
	Publication string    `json:"publication"`
	Entry       int       `json:"entry"`
	Created     time.Time `json:"created"`
}

// anyone is who asks a public page or route: the signed-in person, or nobody (the zero
// Actor) — never a refusal.
func (h *Handler) anyone(r *http.Request) (voucher.Actor, error) {
	who, err := h.actor(r)
	if err != nil {
		return voucher.Actor{}, nil
	}
	return who, nil
}

// readAnyone adapts a public read: asked by anyone, signed in or not.
func readAnyone[Out any](h *Handler, fn func(ctx context.Context, who voucher.Actor, r *http.Request) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, _ := h.anyone(r)
		out, err := fn(r.Context(), who, r)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		web.WriteJSON(w, r, http.StatusOK, "no-store", out)
	}
}

// mountNoticeAPI registers the public notice's routes: the lists and objections for
// anyone, publishing, closing and deciding held cases for the programme office.
func (h *Handler) mountNoticeAPI() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/notices", summary: "公示: the published lists, newest first (anyone)",
		query: []string{"state"}, out: []voucher.Publication{},
		handler: readAnyone(h, func(ctx context.Context, who voucher.Actor, r *http.Request) ([]voucher.Publication, error) {
			return s.Publications(ctx, who, r.URL.Query().Get("state"))
		})})
	h.apiRoute(route{method: "GET", path: "/api/notices/{id}", summary: "One published list (anyone; case IDs for the office only)",
		out: voucher.Publication{},
		handler: readAnyone(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (voucher.Publication, error) {
			return s.Publication(ctx, who, r.PathValue("id"))
		})})
	h.apiRoute(route{method: "GET", path: "/api/notices/{id}/list.pdf", summary: "The list as PDF with its hash", raw: "application/pdf",
		handler: h.noticePDF})
	h.apiRoute(route{method: "POST", path: "/api/notices/{id}/objections", summary: "Object to an entry during the period (anyone)",
		in: objectionIn{}, out: ObjectionReceipt{}, limited: true,
		handler: changeAs(h, h.anyone, func(_ context.Context, who voucher.Actor, key string, r *http.Request, in objectionIn) (ObjectionReceipt, error) {
			o, err := h.object(r, who, voucher.ObjectParams{Key: key, Publication: r.PathValue("id"), Entry: in.Entry,
				Text: in.Text, Name: in.Name, Contact: in.Contact})
			return ObjectionReceipt{ID: o.ID, Publication: o.Publication, Entry: o.Entry, Created: o.Created}, err
		})})
	h.apiRoute(route{method: "GET", path: "/api/notices/{id}/objections", summary: "The objections to a list, with the objectors' contacts (office)",
		out:     []voucher.Objection{},
		handler: readID(h, s.Objections)})
	h.apiRoute(route{method: "GET", path: "/api/notices/awaiting", summary: "Redemptions that passed review and await publication (office)",
		out: []RedemptionView{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, _ *http.Request) ([]RedemptionView, error) {
			reds, err := s.AwaitingNotice(ctx, who)
			if err != nil {
				return nil, err
			}
			return h.redemptionViews(ctx, who, reds)
		})})
	h.apiRoute(route{method: "POST", path: "/api/notices", summary: "Publish redemptions awaiting their notice as one list (office)",
		in: voucher.PublishParams{}, out: voucher.Publication{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, _ *http.Request, in voucher.PublishParams) (voucher.Publication, error) {
			in.Key = key
			return s.Publish(ctx, who, in)
		})})
	h.apiRoute(route{method: "POST", path: "/api/notices/{id}/close", summary: "Close a list after its period: pay the rest, hold the objected (office)",
		in: versioned{}, out: voucher.Publication{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in versioned) (voucher.Publication, error) {
			return s.CloseNotice(ctx, who, voucher.CloseNoticeParams{Key: key, ID: r.PathValue("id"), Version: in.Version})
		})})
	h.apiRoute(route{method: "POST", path: "/api/redemptions/{id}/held", summary: "Decide a redemption an objection held: pay, or not (office)",
		in: heldDecision{}, out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in heldDecision) (RedemptionView, error) {
			red, err := s.DecideHeld(ctx, who, voucher.DecideHeldParams{Key: key, ID: r.PathValue("id"), Version: in.Version,
				Pay: in.Pay, Opinion: in.Opinion})
			if err != nil {
				return RedemptionView{}, err
			}
			return h.redemptionView(ctx, who, red)
		})})
}

// redemptionViews adds each redemption's standing for who.
func (h *Handler) redemptionViews(ctx context.Context, who voucher.Actor, reds []voucher.Redemption) ([]RedemptionView, error) {
	out := make([]RedemptionView, 0, len(reds))
	for _, red := range reds {
		v, err := h.redemptionView(ctx, who, red)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// noticePDF serves a list as PDF to anyone: what the public sees of it, with its hash.
func (h *Handler) noticePDF(w http.ResponseWriter, r *http.Request) {
	who, _ := h.anyone(r)
	pub, err := h.svc.Publication(r.Context(), who, r.PathValue("id"))
	var buf bytes.Buffer
	if err == nil {
		err = export.RenderNotice(&buf, export.NoticeFrom(pub, h.opts.Programme), &export.Options{})
	}
	if err != nil {
		h.failAPI(w, r, err)
		return
	}
	servePDF(w, "notice-"+pub.ID+".pdf", "no-store", buf.Bytes())
}
