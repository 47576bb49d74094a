package voucherhttp

import (
	"context"
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
	return RedemptionView{red, Standing{Status: h.svc.RedemptionStatus(red), Actions: acts, Deadlines: dl}}, err
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
