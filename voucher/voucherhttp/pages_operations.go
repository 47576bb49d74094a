package voucherhttp

import (
	"errors"
	"net/http"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// mountOperationsPages registers the pages of the programme's operations: the
// enterprise's 退券 of an approved voucher, the office's list of returns to decide and
// its sanctions (处理名单: list, add, lift).
func (h *Handler) mountOperationsPages() {
	h.mux.HandleFunc("GET /user/applications/{id}/return", h.returnPage)
	h.mux.HandleFunc("POST /user/applications/{id}/return", h.returnPost)
	h.mux.HandleFunc("GET /review/returns", h.returnsPage)
	h.mux.HandleFunc("POST /review/returns/{id}", h.returnDecide)
	h.mux.HandleFunc("GET /review/sanctions", h.sanctionsPage)
	h.mux.HandleFunc("POST /review/sanctions", h.sanctionAdd)
	h.mux.HandleFunc("POST /review/sanctions/{id}/lift", h.sanctionLift)
}

// errNotOffice answers a page of the programme office to anyone else.
var errNotOffice = &voucher.DeniedError{Action: "office page", Reason: "only the programme office"}

// officeActor returns the signed-in office person, or answers the page and reports false.
func (h *Handler) officeActor(w http.ResponseWriter, r *http.Request) (voucher.Actor, bool) {
	return h.pageActorFor(w, r, func(who voucher.Actor) bool { return who.Role == voucher.RoleCoordinator },
		"此页面仅供创新券管理办公室使用", errNotOffice)
}

// returnView is the 退券 page of one application: the voucher, what returning it would
// do now (or every reason it cannot be returned), the reason as typed and the
// application's returns so far.
type returnView struct {
	App      voucher.Application
	Status   string
	Effect   *policy.ReturnEffect
	Effects  string // the effect on later claims, in words
	Refusals []*cxq.FieldError
	Reason   string
	Returns  []returnRow
}

// returnRow is one return as the lists show it.
type returnRow struct {
	R      voucher.Return
	State  string
	Effect string
}

func returnRows(rs []voucher.Return) []returnRow {
	out := make([]returnRow, 0, len(rs))
	for _, r := range rs {
		out = append(out, returnRow{R: r, State: r.State.Label().ZH, Effect: r.Effect.Effect.Text().ZH})
	}
	return out
}

// returnPage is GET /user/applications/{id}/return.
func (h *Handler) returnPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	h.returnForm(w, r, who, "", nil)
}

// returnForm renders the 退券 page with reason as typed and err's problems.
func (h *Handler) returnForm(w http.ResponseWriter, r *http.Request, who voucher.Actor, reason string, err error) {
	ctx := r.Context()
	app, aerr := h.svc.Application(ctx, who, r.PathValue("id"))
	if aerr != nil {
		h.failPage(w, r, aerr)
		return
	}
	v := returnView{App: app, Status: h.svc.ApplicationStatus(app).ZH, Reason: reason}
	e, perr := h.svc.PreviewReturn(ctx, who, app.ID)
	var nr *voucher.NotReturnableError
	switch {
	case errors.As(perr, &nr):
		v.Refusals = voucher.Explain(perr).Errors
	case perr != nil:
		h.failPage(w, r, perr)
		return
	default:
		v.Effect, v.Effects = &e, e.Effect.Text().ZH
	}
	rs, lerr := h.svc.Returns(ctx, who, voucher.ReturnFilter{ApplicationID: app.ID})
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	v.Returns = returnRows(rs)
	h.render(w, r, who, "enterprise_return", "退券", v, err)
}

// returnPost is POST /user/applications/{id}/return: the enterprise confirms the return.
func (h *Handler) returnPost(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	if err := h.parseChange(w, r, 0); err != nil {
		h.returnForm(w, r, who, r.PostFormValue("reason"), err)
		return
	}
	version, _ := formVersion(r)
	ret, err := h.svc.RequestReturn(r.Context(), who, voucher.ReturnParams{Key: r.PostFormValue("key"), ApplicationID: r.PathValue("id"),
		Version: version, Reason: r.PostFormValue("reason")})
	if err != nil {
		h.returnForm(w, r, who, r.PostFormValue("reason"), err)
		return
	}
	notice := "returned"
	if ret.State == voucher.ReturnRequested {
		notice = "return_requested"
	}
	h.done(w, r, "user/applications/"+ret.ApplicationID+"/return", notice)
}

// returnsView is the office's 退券审核: the returns of one state, requested first.
type returnsView struct {
	State  voucher.ReturnState
	States []statusOption
	Rows   []returnRow
	Note   string // the note of a refused decision, shown again
}

// returnsPage is GET /review/returns?state=.
func (h *Handler) returnsPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.officeActor(w, r)
	if !ok {
		return
	}
	h.returnsList(w, r, who, "", nil)
}

func (h *Handler) returnsList(w http.ResponseWriter, r *http.Request, who voucher.Actor, note string, err error) {
	st := voucher.ReturnState(r.URL.Query().Get("state"))
	if st == "" {
		st = voucher.ReturnRequested
	}
	if kerr := knownValue("state", string(st), voucher.ReturnRequested, voucher.ReturnApproved, voucher.ReturnRefused); kerr != nil {
		h.render(w, r, who, "error", "退券审核", nil, kerr)
		return
	}
	rs, lerr := h.svc.Returns(r.Context(), who, voucher.ReturnFilter{State: st})
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	v := returnsView{State: st, Rows: returnRows(rs), Note: note}
	for _, s := range []voucher.ReturnState{voucher.ReturnRequested, voucher.ReturnApproved, voucher.ReturnRefused} {
		v.States = append(v.States, statusOption{Value: voucher.State(s), Label: s.Label().ZH, Selected: s == st})
	}
	h.render(w, r, who, "office_returns", "退券审核", v, err)
}

// returnDecide is POST /review/returns/{id}: op approve or refuse, with a note.
func (h *Handler) returnDecide(w http.ResponseWriter, r *http.Request) {
	who, ok := h.officeActor(w, r)
	if !ok {
		return
	}
	h.pageChange(w, r, func(key string, version int64) error {
		_, err := h.svc.DecideReturn(r.Context(), who, voucher.ReturnDecision{Key: key, ID: r.PathValue("id"),
			Version: version, Approve: r.PostFormValue("op") == "approve", Note: r.PostFormValue("note")})
		return err
	}, func(err error) { h.returnsList(w, r, who, r.PostFormValue("note"), err) }, "review/returns", "decided")
}
