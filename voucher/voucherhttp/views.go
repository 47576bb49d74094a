package voucherhttp

import (
	"context"
	"errors"
	"sync"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"

	"github.com/cxqkit/cxq/voucher"
)

// Views counts product page views (浏览量).
type Views interface {
	// View counts one view of the product whose catalog figure is base and returns
	// the count with it.
	View(ctx context.Context, productID string, base int) (int, error)
}

// memoryViews counts in memory, from the catalog's figure.
type memoryViews struct {
	mu sync.Mutex
	n  map[string]int
}

func newMemoryViews() *memoryViews { return &memoryViews{n: map[string]int{}} }

func (m *memoryViews) View(_ context.Context, id string, base int) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.n[id]++
	return base + m.n[id], nil
}

// Standing is what the API adds to a record: its status as the enterprise sees it
// (复审通过, 市级形式审查受理, 评审通过), what the asking actor may do with it now, and the
// usage deadlines of the voucher it belongs to, once approved.
type Standing struct {
	Status    cxq.Text          `json:"status"`
	Actions   []voucher.Action  `json:"actions"`
	Deadlines []policy.Deadline `json:"deadlines,omitempty"`
}

// ApplicationView is an application as the API answers it.
type ApplicationView struct {
	voucher.Application
	Standing
}

// RedemptionView is a redemption as the API answers it; its deadlines are those of the
// voucher it redeems.
type RedemptionView struct {
	voucher.Redemption
	Standing
	// Preview is what submitting the redemption now would compute as 兑现创新券金额合计
	// (系统自动计算), the amount the form's page shows before submission: present while
	// the asking actor may edit and submit the redemption (a draft, or one returned for
	// revision) and its invoices and contracts give an amount the policy pays; absent
	// otherwise, and once submitted, when Total holds the amount computed at submission.
	Preview *RedemptionPreview `json:"preview,omitempty" doc:"兑现创新券金额合计 previewed (not stored) while the asker may edit and submit the redemption (draft, returned) and its invoices and contracts give an amount; absent once submitted, when total holds the amount computed at submission"`
}

// RedemptionPreview is a previewed 兑现创新券金额合计 (Service.PreviewRedemption): nothing
// is stored until the redemption is submitted.
type RedemptionPreview struct {
	// Total is the amount submitting would store as the redemption's total.
	Total cxq.Money `json:"total"`
	// Breakdown gives the rules that bounded it, as Record.Breakdown does once submitted.
	Breakdown policy.Breakdown `json:"breakdown,omitempty"`
}

// redemptionPreview previews red's total for a, who may edit it (acts holds 保存) and has
// added an invoice and a contract: what the API's Preview and the page's 兑现创新券金额合计
// show before submission. Nil when there is nothing to preview or the policy refuses the
// amount; an error only when the records could not be read.
func (h *Handler) redemptionPreview(ctx context.Context, a voucher.Actor, red voucher.Redemption,
	acts []voucher.Action) (*RedemptionPreview, error) {
	if !hasAction(acts, voucher.ActionSave) || len(red.Form.Invoices) == 0 || len(red.Form.Contracts) == 0 {
		return nil, nil
	}
	total, breakdown, err := h.svc.PreviewRedemption(ctx, a, red.ID)
	var refused *policy.RefusedError
	switch {
	case errors.As(err, &refused):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &RedemptionPreview{Total: total, Breakdown: breakdown}, nil
}

// applicationView adds the standing of app for actor a.
func (h *Handler) applicationView(ctx context.Context, a voucher.Actor, app voucher.Application) (ApplicationView, error) {
	acts, err := h.svc.ApplicationActions(ctx, a, app)
	if err != nil {
		return ApplicationView{}, err
	}
	dl, err := h.svc.VoucherDeadlines(app)
	return ApplicationView{app, Standing{Status: h.svc.ApplicationStatus(app), Actions: acts, Deadlines: dl}}, err
}

// redemptionView adds the standing of red for actor a.
func (h *Handler) redemptionView(ctx context.Context, a voucher.Actor, red voucher.Redemption) (RedemptionView, error) {
	acts, err := h.svc.RedemptionActions(ctx, a, red)
	if err != nil {
		return RedemptionView{}, err
	}
	dl, err := h.svc.RedemptionDeadlines(ctx, a, red.ID)
	if err != nil {
		return RedemptionView{}, err
	}
	preview, err := h.redemptionPreview(ctx, a, red, acts)
	return RedemptionView{Redemption: red, Standing: Standing{Status: h.svc.RedemptionStatus(red), Actions: acts, Deadlines: dl},
		Preview: preview}, err
}

// viewPage maps a page of records to their views.
func viewPage[T, V any](ctx context.Context, a voucher.Actor, p voucher.Page[T],
	view func(context.Context, voucher.Actor, T) (V, error)) (voucher.Page[V], error) {
	out := voucher.Page[V]{Items: make([]V, 0, len(p.Items)), Total: p.Total, Page: p.Page, PerPage: p.PerPage,
		Pages: p.Pages, From: p.From, To: p.To}
	for _, it := range p.Items {
		v, err := view(ctx, a, it)
		if err != nil {
			return voucher.Page[V]{}, err
		}
		out.Items = append(out.Items, v)
	}
	return out, nil
}
