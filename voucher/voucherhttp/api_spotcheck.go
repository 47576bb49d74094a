package voucherhttp

import (
	"context"
	"net/http"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// The bodies of the spot-check changes (the path names the spot check).
type (
	inspectorAssignment struct {
		Version    int64  `json:"version,omitempty"`
		Redemption string `json:"redemption"`
		Inspector  string `json:"inspector"`
	}
	findingBody struct {
		Version    int64                 `json:"version,omitempty"`
		Redemption string                `json:"redemption"`
		Result     voucher.FindingResult `json:"result"`
		Text       string                `json:"text"`
		Clawback   cxq.Money             `json:"clawback,omitzero"`
	}
)

// mountSpotCheckAPI registers the spot checks (抽查): the office draws and assigns, the
// inspector records findings, the enterprise reads the findings on its application.
func (h *Handler) mountSpotCheckAPI() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/spotchecks", summary: "抽查: the spot checks the actor sees", out: []voucher.SpotCheck{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, _ *http.Request) ([]voucher.SpotCheck, error) {
			return s.SpotChecks(ctx, who)
		})})
	h.apiRoute(route{method: "POST", path: "/api/spotchecks", summary: "The office draws a period's spot check from a seed",
		in: voucher.DrawSpotCheckParams{}, out: voucher.SpotCheck{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, _ *http.Request, in voucher.DrawSpotCheckParams) (voucher.SpotCheck, error) {
			in.Key = key
			return s.DrawSpotCheck(ctx, who, in)
		})})
	h.apiRoute(route{method: "GET", path: "/api/spotchecks/{id}", summary: "One spot check: its sample, inspectors and findings",
		out:     voucher.SpotCheck{},
		handler: readID(h, s.SpotCheck)})
	h.apiRoute(route{method: "POST", path: "/api/spotchecks/{id}/inspector", summary: "The office assigns a drawn case's inspector",
		in: inspectorAssignment{}, out: voucher.SpotCheck{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in inspectorAssignment) (voucher.SpotCheck, error) {
			return s.AssignInspector(ctx, who, voucher.AssignInspectorParams{Key: key, ID: r.PathValue("id"), Version: in.Version,
				Redemption: in.Redemption, Inspector: in.Inspector})
		})})
	h.apiRoute(route{method: "POST", path: "/api/spotchecks/{id}/finding", summary: "The inspector's finding, with any clawback",
		in: findingBody{}, out: voucher.SpotCheck{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in findingBody) (voucher.SpotCheck, error) {
			return s.RecordFinding(ctx, who, voucher.FindingParams{Key: key, ID: r.PathValue("id"), Version: in.Version,
				Redemption: in.Redemption, Result: in.Result, Text: in.Text, Clawback: in.Clawback})
		})})
	h.apiRoute(route{method: "GET", path: "/api/applications/{id}/findings", summary: "The spot-check findings on an application's redemptions",
		out:     []voucher.SpotFinding{},
		handler: readID(h, s.Findings)})
}
