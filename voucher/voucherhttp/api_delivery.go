package voucherhttp

import (
	"context"
	"net/http"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// mountDeliveryAPI registers the delivery of an order, its evaluation, the rubric it is
// evaluated by and a provider's rating.
func (h *Handler) mountDeliveryAPI() {
	s := h.svc
	h.apiRoute(route{method: "POST", path: "/api/orders/{id}/delivery", summary: "服务交付: the provider records the delivery, once",
		in: voucher.RecordDeliveryParams{}, out: voucher.Order{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.RecordDeliveryParams) (voucher.Order, error) {
			in.ID, in.Key = r.PathValue("id"), key
			return s.RecordDelivery(ctx, who, in)
		})})
	h.apiRoute(route{method: "POST", path: "/api/orders/{id}/evaluation", summary: "服务评价: the enterprise evaluates the service, once, by the rubric",
		in: voucher.EvaluateOrderParams{}, out: voucher.Order{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.EvaluateOrderParams) (voucher.Order, error) {
			in.ID, in.Key = r.PathValue("id"), key
			return s.EvaluateOrder(ctx, who, in)
		})})
	h.apiRoute(route{method: "GET", path: "/api/orders/{id}/files/{file}", summary: "Download a result file of the order's delivery",
		raw: "application/octet-stream", handler: h.download("orders")})
	h.apiRoute(route{method: "GET", path: "/api/rubric", summary: "The rubric services are evaluated by", out: policy.Rubric{},
		handler: read(h, func(context.Context, voucher.Actor, *http.Request) (policy.Rubric, error) { return s.Rubric(), nil })})
	h.apiRoute(route{method: "GET", path: "/api/providers/{id}/rating", summary: "A provider's rating: its evaluations added up",
		out: voucher.Rating{},
		handler: read(h, func(ctx context.Context, _ voucher.Actor, r *http.Request) (voucher.Rating, error) {
			return s.ProviderRating(ctx, r.PathValue("id"))
		})})
}
