package voucherhttp

import (
	"context"
	"net/http"
	"slices"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/web"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// The bodies of the API's changes that are not a voucher params type.
type (
	versioned struct {
		Version int64 `json:"version,omitempty"`
	}
	reasoned struct {
		Version int64  `json:"version,omitempty"`
		Reason  string `json:"reason,omitempty"`
	}
	assignment struct {
		Version  int64         `json:"version,omitempty"`
		Stage    voucher.State `json:"stage"`
		Reviewer string        `json:"reviewer"`
	}
	confirmation struct {
		Version int64  `json:"version,omitempty"`
		Confirm bool   `json:"confirm"`
		Reason  string `json:"reason,omitempty"` // 拒绝原因: required to decline
	}
	redemptionStart struct {
		ApplicationID string `json:"application_id"`
	}
)

// Me is who the API takes the asking person for.
type Me struct {
	voucher.Actor
}

// mountAPI registers the JSON API.
func (h *Handler) mountAPI() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/me", summary: "Who is signed in", out: voucher.Actor{},
		handler: read(h, func(_ context.Context, who voucher.Actor, _ *http.Request) (voucher.Actor, error) { return who, nil })})
	h.apiRoute(route{method: "GET", path: "/api/slots", summary: "The upload slots and their limits", out: attachment.Slots{},
		handler: read(h, func(context.Context, voucher.Actor, *http.Request) (attachment.Slots, error) {
			return h.opts.Slots, nil
		})})
	h.apiRoute(route{method: "POST", path: "/api/attachments", summary: "Upload one file (body) into ?slot= named ?name=",
		query: []string{"slot", "name"}, raw: "application/octet-stream", out: Uploaded{}, handler: h.apiUpload})

	h.apiRoute(route{method: "GET", path: "/api/orders", summary: "我买到的产品, or a provider's orders to confirm",
		query: listParams, out: voucher.Page[voucher.OrderItem]{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (voucher.Page[voucher.OrderItem], error) {
			q, err := listQuery(r)
			if err != nil {
				return voucher.Page[voucher.OrderItem]{}, err
			}
			return s.MyOrders(ctx, who, q)
		})})
	h.apiRoute(route{method: "POST", path: "/api/orders", summary: "立刻申请: place an order", in: voucher.PlaceOrder{}, out: voucher.Order{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, _ *http.Request, in voucher.PlaceOrder) (voucher.Order, error) {
			in.Key = key
			return s.PlaceOrder(ctx, who, in)
		})})
	h.apiRoute(route{method: "GET", path: "/api/orders/{id}", summary: "One order", out: voucher.Order{},
		handler: readID(h, s.Order)})
	h.apiRoute(route{method: "POST", path: "/api/orders/{id}/confirm", summary: "The provider confirms or declines an order (with a reason)",
		in: confirmation{}, out: voucher.Order{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in confirmation) (voucher.Order, error) {
			return s.ConfirmOrder(ctx, who, voucher.ConfirmOrderParams{Key: key, ID: r.PathValue("id"), Version: in.Version,
				Confirm: in.Confirm, Reason: in.Reason})
		})})
	h.mountDeliveryAPI()

	mountReviewed(h, "applications", reviewedAPI[voucher.Application, ApplicationView]{
		stream: voucher.StreamApplication, statuses: s.ApplicationStandings(), get: s.Application, list: s.Applications, view: h.applicationView,
		submit: s.SubmitApplication, review: s.ReviewApplication, assign: s.AssignApplication, withdraw: s.WithdrawApplication,
	})
	h.apiRoute(route{method: "POST", path: "/api/applications", summary: "Save an application: a new draft for order_id, or new contents",
		in: voucher.ApplicationDraft{}, out: ApplicationView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, _ *http.Request, in voucher.ApplicationDraft) (ApplicationView, error) {
			in.Key = key
			app, err := s.SaveApplication(ctx, who, in)
			if err != nil {
				return ApplicationView{}, err
			}
			return h.applicationView(ctx, who, app)
		})})

	mountReviewed(h, "redemptions", reviewedAPI[voucher.Redemption, RedemptionView]{
		stream: voucher.StreamRedemption, statuses: s.RedemptionFlow().States(), get: s.Redemption, list: s.Redemptions, view: h.redemptionView,
		submit: s.SubmitRedemption, review: s.ReviewRedemption, assign: s.AssignRedemption, withdraw: s.WithdrawRedemption,
	})
	h.mountRedemptionEdits()
	h.mountStatsAPI()
	h.mountBudget()
	h.mountSpotCheckAPI()
	h.mountOperationsAPI()
	h.mountNoticeAPI()
}

// mountRedemptionEdits registers 申请兑现 and the edits of a redemption's form.
func (h *Handler) mountRedemptionEdits() {
	s := h.svc
	redeem := func(ctx context.Context, who voucher.Actor, red voucher.Redemption, err error) (RedemptionView, error) {
		if err != nil {
			return RedemptionView{}, err
		}
		return h.redemptionView(ctx, who, red)
	}
	h.apiRoute(route{method: "POST", path: "/api/redemptions", summary: "申请兑现: open a redemption of an approved application",
		in: redemptionStart{}, out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, _ *http.Request, in redemptionStart) (RedemptionView, error) {
			red, err := s.StartRedemption(ctx, who, voucher.StartRedemptionParams{Key: key, ApplicationID: in.ApplicationID})
			return redeem(ctx, who, red, err)
		})})
	h.apiRoute(route{method: "PUT", path: "/api/redemptions/{id}", summary: "Save the contact, 科技创新券使用成效 and files of a redemption",
		in: voucher.RedemptionDraft{}, out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.RedemptionDraft) (RedemptionView, error) {
			in.ID, in.Key = r.PathValue("id"), key
			red, err := s.SaveRedemption(ctx, who, in)
			return redeem(ctx, who, red, err)
		})})
	h.apiRoute(route{method: "POST", path: "/api/redemptions/{id}/invoices", summary: "添加发票", in: voucher.AddInvoiceParams{}, out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.AddInvoiceParams) (RedemptionView, error) {
			in.ID, in.Key = r.PathValue("id"), key
			red, err := s.AddInvoice(ctx, who, in)
			return redeem(ctx, who, red, err)
		})})
	h.apiRoute(route{method: "POST", path: "/api/redemptions/{id}/invoices/delete", summary: "删除 an invoice", in: voucher.RemoveInvoiceParams{},
		out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.RemoveInvoiceParams) (RedemptionView, error) {
			in.ID, in.Key = r.PathValue("id"), key
			red, err := s.RemoveInvoice(ctx, who, in)
			return redeem(ctx, who, red, err)
		})})
	h.apiRoute(route{method: "POST", path: "/api/redemptions/{id}/contracts", summary: "添加合同", in: voucher.AddContractParams{}, out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.AddContractParams) (RedemptionView, error) {
			in.ID, in.Key = r.PathValue("id"), key
			red, err := s.AddContract(ctx, who, in)
			return redeem(ctx, who, red, err)
		})})
	h.apiRoute(route{method: "POST", path: "/api/redemptions/{id}/contracts/delete", summary: "删除 a contract", in: voucher.RemoveContractParams{},
		out: RedemptionView{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.RemoveContractParams) (RedemptionView, error) {
			in.ID, in.Key = r.PathValue("id"), key
			red, err := s.RemoveContract(ctx, who, in)
			return redeem(ctx, who, red, err)
		})})
	h.apiRoute(route{method: "POST", path: "/api/verify", summary: "Check the verification code printed on an exported form",
		in: VerifyRequest{}, out: VerifyResult{}, handler: h.apiVerify})
	h.mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, r, http.StatusOK, "no-cache", h.openAPI())
	})
}

// reviewedAPI are the service calls behind the routes every reviewed record has.
type reviewedAPI[T, V any] struct {
	stream   string
	statuses []voucher.State // what ?status= may name
	get      func(context.Context, voucher.Actor, string) (T, error)
	list     func(context.Context, voucher.Actor, voucher.Query) (voucher.Page[T], error)
	view     func(context.Context, voucher.Actor, T) (V, error)
	submit   func(context.Context, voucher.Actor, voucher.SubmitParams) (T, error)
	review   func(context.Context, voucher.Actor, voucher.Decision) (T, error)
	assign   func(context.Context, voucher.Actor, voucher.AssignParams) (T, error)
	withdraw func(context.Context, voucher.Actor, voucher.WithdrawParams) (T, error)
}

// mountReviewed registers the routes every reviewed record has under /api/{kind}.
func mountReviewed[T, V any](h *Handler, kind string, k reviewedAPI[T, V]) {
	base := "/api/" + kind
	var zero V
	viewed := func(ctx context.Context, who voucher.Actor, rec T, err error) (V, error) {
		if err != nil {
			return zero, err
		}
		return k.view(ctx, who, rec)
	}
	h.apiRoute(route{method: "GET", path: base, summary: "List " + kind + " the actor may see (queue=1: awaiting the actor)",
		query: listParams, out: voucher.Page[V]{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (voucher.Page[V], error) {
			q, err := listQuery(r)
			if err == nil {
				err = knownStatus(k.statuses, q.Status)
			}
			if err != nil {
				return voucher.Page[V]{}, err
			}
			p, err := k.list(ctx, who, q)
			if err != nil {
				return voucher.Page[V]{}, err
			}
			return viewPage(ctx, who, p, k.view)
		})})
	h.apiRoute(route{method: "GET", path: base + "/{id}", summary: "One of the " + kind, out: zero,
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (V, error) {
			rec, err := k.get(ctx, who, r.PathValue("id"))
			return viewed(ctx, who, rec, err)
		})})
	h.apiRoute(route{method: "POST", path: base + "/{id}/submit", summary: "Submit (or resubmit)", in: versioned{}, out: zero,
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in versioned) (V, error) {
			rec, err := k.submit(ctx, who, voucher.SubmitParams{Key: key, ID: r.PathValue("id"), Version: in.Version})
			return viewed(ctx, who, rec, err)
		})})
	h.apiRoute(route{method: "POST", path: base + "/{id}/review", summary: "A reviewer's decision", in: voucher.Decision{}, out: zero,
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.Decision) (V, error) {
			in.Key, in.ID = key, r.PathValue("id")
			rec, err := k.review(ctx, who, in)
			return viewed(ctx, who, rec, err)
		})})
	h.apiRoute(route{method: "POST", path: base + "/{id}/assign", summary: "The office assigns a stage's reviewer", in: assignment{}, out: zero,
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in assignment) (V, error) {
			rec, err := k.assign(ctx, who, voucher.AssignParams{Key: key, ID: r.PathValue("id"), Version: in.Version,
				Stage: in.Stage, Reviewer: in.Reviewer})
			return viewed(ctx, who, rec, err)
		})})
	h.apiRoute(route{method: "POST", path: base + "/{id}/withdraw", summary: "撤回", in: reasoned{}, out: zero,
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in reasoned) (V, error) {
			rec, err := k.withdraw(ctx, who, voucher.WithdrawParams{Key: key, ID: r.PathValue("id"), Version: in.Version, Reason: in.Reason})
			return viewed(ctx, who, rec, err)
		})})
	h.apiRoute(route{method: "GET", path: base + "/{id}/audit", summary: "The record's audit trail", out: []voucher.AuditEntry{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) ([]voucher.AuditEntry, error) {
			return h.svc.Audit(ctx, who, k.stream, r.PathValue("id"))
		})})
	h.apiRoute(route{method: "GET", path: base + "/{id}/form.pdf", summary: "导出: the printable form", raw: "application/pdf",
		handler: h.exportPDF(kind)})
	h.apiRoute(route{method: "GET", path: base + "/{id}/files/{file}", summary: "Download an attachment of the record",
		raw: "application/octet-stream", handler: h.download(kind)})
}

// knownStatus refuses a ?status= that names none of statuses (it would list nothing and
// look like an empty list).
func knownStatus(statuses []voucher.State, s voucher.State) error {
	if s == "" || slices.Contains(statuses, s) {
		return nil
	}
	return cxq.NewFieldError("status", cxq.CodeInvalid, map[string]string{"value": cxq.Clip(string(s), 40)},
		cxq.T("没有状态 {value}", "there is no status {value}"))
}
