package voucherhttp

import (
	"context"
	"net/http"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Waiting is an application's place on this year's waiting list (候补名单): 0 when it is
// not on it.
type Waiting struct {
	Position int `json:"position"`
}

// mountWaitlist registers the waiting list's API and the enterprise's forms.
func (h *Handler) mountWaitlist() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/applications/{id}/wait", summary: "候补名单: the application's position (0: not on it)",
		out: Waiting{}, handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (Waiting, error) {
			pos, err := s.WaitingPosition(ctx, who, r.PathValue("id"))
			return Waiting{Position: pos}, err
		})})
	h.apiRoute(route{method: "POST", path: "/api/applications/{id}/wait", summary: "The enterprise puts an application its pools cannot hold on the waiting list",
		in: versioned{}, out: Waiting{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, _ versioned) (Waiting, error) {
			pos, err := s.JoinWaitingList(ctx, who, voucher.WaitParams{Key: key, ID: r.PathValue("id")})
			return Waiting{Position: pos}, err
		})})
	h.apiRoute(route{method: "POST", path: "/api/applications/{id}/wait/leave", summary: "The application leaves the waiting list",
		in: versioned{}, out: Waiting{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, _ versioned) (Waiting, error) {
			_, err := s.LeaveWaitingList(ctx, who, voucher.WaitParams{Key: key, ID: r.PathValue("id")})
			return Waiting{}, err
		})})
	h.mux.HandleFunc("POST /user/applications/{id}/wait", h.applicationChange(
		func(ctx context.Context, who voucher.Actor, app voucher.Application, key string, _ int64) error {
			_, err := s.JoinWaitingList(ctx, who, voucher.WaitParams{Key: key, ID: app.ID})
			return err
		}, "waiting"))
	h.mux.HandleFunc("POST /user/applications/{id}/wait/leave", h.applicationChange(
		func(ctx context.Context, who voucher.Actor, app voucher.Application, key string, _ int64) error {
			_, err := s.LeaveWaitingList(ctx, who, voucher.WaitParams{Key: key, ID: app.ID})
			return err
		}, "left"))
}

// waitingOf returns the application's position on the waiting list and whether this
// year's budget keeps one, for its page.
func (h *Handler) waitingOf(ctx context.Context, who voucher.Actor, app voucher.Application) (int, bool) {
	b, err := h.svc.BudgetOf(ctx, who, policy.ClaimYear(h.svc.Now()))
	if err != nil || !b.Budget.WaitingList {
		return 0, false
	}
	pos, err := h.svc.WaitingPosition(ctx, who, app.ID)
	return pos, err == nil
}

// applicationChange answers a change of the enterprise's application posted from its
// page (撤回, 加入候补, 退出候补): the page's version is required; done names the notice; a
// refusal shows the application again with its problems.
func (h *Handler) applicationChange(act func(ctx context.Context, who voucher.Actor, app voucher.Application, key string,
	version int64) error, done string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, app, ok := enterpriseRecord(h, w, r, h.svc.Application)
		if !ok {
			return
		}
		h.pageChange(w, r, func(key string, version int64) error { return act(r.Context(), who, app, key, version) },
			func(err error) { h.applicationForm(w, r, who, app, inputOf(app), nil, err) }, "user/applications/"+app.ID, done)
	}
}
