package voucherhttp

import (
	"context"
	"net/http"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The bodies of the operations routes that are not a voucher params type.
type (
	returnRequest struct {
		Version int64  `json:"version,omitempty"`
		Reason  string `json:"reason"`
	}
	returnDecision struct {
		Version int64  `json:"version,omitempty"`
		Approve bool   `json:"approve"`
		Note    string `json:"note,omitempty"`
	}
)

// mountOperationsAPI registers the programme's operations: returns (退券) and
// sanctions (冻结, 黑名单).
func (h *Handler) mountOperationsAPI() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/applications/{id}/return",
		summary: "退券 preview: what returning the voucher would do now (amount, review, effect on later claims), or why it cannot be returned",
		out:     policy.ReturnEffect{},
		handler: readID(h, s.PreviewReturn)})
	h.apiRoute(route{method: "POST", path: "/api/applications/{id}/return", summary: "退券: return the voucher, for a reason",
		in: returnRequest{}, out: voucher.Return{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in returnRequest) (voucher.Return, error) {
			return s.RequestReturn(ctx, who, voucher.ReturnParams{Key: key, ApplicationID: r.PathValue("id"), Version: in.Version, Reason: in.Reason})
		})})
	h.apiRoute(route{method: "GET", path: "/api/returns", summary: "Returns the actor may see (?state=requested: those awaiting the office)",
		query: []string{"state", "application_id"}, out: []voucher.Return{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) ([]voucher.Return, error) {
			st := voucher.ReturnState(r.URL.Query().Get("state"))
			if err := knownValue("state", string(st), voucher.ReturnRequested, voucher.ReturnApproved, voucher.ReturnRefused); err != nil {
				return nil, err
			}
			return s.Returns(ctx, who, voucher.ReturnFilter{State: st, ApplicationID: r.URL.Query().Get("application_id")})
		})})
	h.apiRoute(route{method: "POST", path: "/api/returns/{id}/decide", summary: "The office approves or refuses a return",
		in: returnDecision{}, out: voucher.Return{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in returnDecision) (voucher.Return, error) {
			return s.DecideReturn(ctx, who, voucher.ReturnDecision{Key: key, ID: r.PathValue("id"), Version: in.Version,
				Approve: in.Approve, Note: in.Note})
		})})
	h.apiRoute(route{method: "GET", path: "/api/sanctions", summary: "Sanctions the actor may see (?state=active or lifted)",
		query: []string{"state"}, out: []voucher.Sanction{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) ([]voucher.Sanction, error) {
			st := voucher.SanctionState(r.URL.Query().Get("state"))
			if err := knownValue("state", string(st), voucher.SanctionActive, voucher.SanctionLifted); err != nil {
				return nil, err
			}
			return s.Sanctions(ctx, who, voucher.SanctionFilter{State: st})
		})})
	h.apiRoute(route{method: "POST", path: "/api/sanctions", summary: "The office freezes or blacklists a party",
		in: voucher.SanctionParams{}, out: voucher.Sanction{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, _ *http.Request, in voucher.SanctionParams) (voucher.Sanction, error) {
			in.Key = key
			return s.Sanction(ctx, who, in)
		})})
	h.apiRoute(route{method: "POST", path: "/api/sanctions/{id}/lift", summary: "The office lifts a sanction, for a reason",
		in: reasoned{}, out: voucher.Sanction{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in reasoned) (voucher.Sanction, error) {
			return s.LiftSanction(ctx, who, voucher.LiftParams{Key: key, ID: r.PathValue("id"), Version: in.Version, Reason: in.Reason})
		})})
}

// knownValue refuses a query value that is none of the known ones ("" passes).
func knownValue[T ~string](field, v string, known ...T) error {
	if v == "" {
		return nil
	}
	for _, k := range known {
		if string(k) == v {
			return nil
		}
	}
	return cxq.NewFieldError(field, cxq.CodeInvalid, map[string]string{"value": cxq.Clip(v, 40)},
		cxq.T("没有状态 {value}", "there is no state {value}"))
}
