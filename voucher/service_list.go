package voucher

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Query filters and pages a list, as on the manual's list pages: 产品名称, 服务机构 and 状态.
type Query struct {
	Product  string `json:"product,omitempty"`  // 产品名称 contains
	Provider string `json:"provider,omitempty"` // 服务机构 contains
	// Status (状态) keeps the records standing there: a review state, or for applications
	// one of the standings outside review ([StandingReturned], [StandingExpired],
	// [StandingReturning]); an approved application whose voucher ended or is ending is
	// listed under its standing, not under review.Approved.
	Status State `json:"status,omitempty"`
	// Queue keeps only the records awaiting the actor's stage (待审核) — in their district
	// for a district reviewer, assigned to them for professional and expert reviewers,
	// every review stage for the programme office — longest waiting first. With Status,
	// only that stage of the queue.
	Queue   bool `json:"queue,omitempty"`
	Page    int  `json:"page,omitempty"`     // from 1; defaults to 1
	PerPage int  `json:"per_page,omitempty"` // defaults to DefaultPerPage, at most MaxPerPage
}

// Paging limits.
const (
	DefaultPerPage = 10
	MaxPerPage     = 100
)

func (q Query) bounds() (page, per int) {
	page, per = q.Page, q.PerPage
	if page < 1 {
		page = 1
	}
	if per < 1 {
		per = DefaultPerPage
	}
	if per > MaxPerPage {
		per = MaxPerPage
	}
	return page, per
}

// Page is one page of a list: the items, the total before paging and the 1-based range
// shown ("共有 N 行数据, 当前显示 a 到 b 行"; From and To are 0 when the page is empty).
type Page[T any] struct {
	Items   []T `json:"items"`
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Pages   int `json:"pages"`
	From    int `json:"from"`
	To      int `json:"to"`
}

// Summary renders the manual's footer.
func (p Page[T]) Summary() cxq.Text {
	return cxq.T(fmt.Sprintf("共有 %d 行数据, 当前显示 %d 到 %d 行", p.Total, p.From, p.To),
		fmt.Sprintf("%d rows, showing %d to %d", p.Total, p.From, p.To))
}

func newPage[T any](items []T, total, page, per int) Page[T] {
	if items == nil {
		items = []T{}
	}
	p := Page[T]{Items: items, Total: total, Page: page, PerPage: per, Pages: (total + per - 1) / per}
	if len(items) > 0 {
		p.From = (page-1)*per + 1
		p.To = p.From + len(items) - 1
	}
	return p
}

// scope narrows f to what a may see, in the query itself; false means a sees nothing.
func scope(a Actor, f *ListFilter) bool {
	switch a.Role {
	case RoleEnterprise:
		f.EnterpriseID = a.Org
		return a.Org != ""
	case RoleDistrict:
		f.District = a.District
		return a.District != ""
	case RoleProfessional, RoleExpert:
		f.Assignee = a.ID
		return a.ID != ""
	case RoleCoordinator:
		return a.ID != ""
	}
	return false
}

func (q Query) filter() (ListFilter, int, int) {
	page, per := q.bounds()
	f := ListFilter{Product: q.Product, Provider: q.Provider, Offset: (page - 1) * per, Limit: per}
	if q.Status != "" {
		f.Standings = []State{q.Status}
	}
	return f, page, per
}

// queueStates returns the non-terminal review states of w in which role acts.
func queueStates(w *review.Workflow, role Role) []State {
	var out []State
	for _, st := range w.States() {
		stage, _ := w.Stage(st)
		if !stage.Terminal && stage.Role == role && role != w.Definition().Applicant {
			out = append(out, st)
		}
	}
	return out
}

// reviewStates returns every non-terminal state in which someone other than the
// applicant acts.
func reviewStates(w *review.Workflow) []State {
	var out []State
	for _, st := range w.States() {
		stage, _ := w.Stage(st)
		if !stage.Terminal && stage.Role != w.Definition().Applicant {
			out = append(out, st)
		}
	}
	return out
}

// OrderItem is one row of 我买到的产品: the order, its live application if any, and
// whether a voucher may be applied for now, with every reason it may not.
type OrderItem struct {
	Order       Order           `json:"order"`
	Application string          `json:"application,omitempty"`
	Eligible    bool            `json:"eligible"`
	Reasons     []policy.Reason `json:"reasons,omitempty"`
}

// MyOrders lists the enterprise's orders (我买到的产品), newest first, each with its
// voucher eligibility now and every reason against it. A provider's person gets the
// orders for its products (the ones it confirms), without the enterprise's eligibility.
func (s *Service) MyOrders(ctx context.Context, a Actor, q Query) (Page[OrderItem], error) {
	page, per := q.bounds()
	f := OrderFilter{Offset: (page - 1) * per, Limit: per}
	switch {
	case a.Org == "":
		return newPage[OrderItem](nil, 0, page, per), nil
	case a.Role == RoleEnterprise:
		f.EnterpriseID = a.Org
	case a.Role == RoleProvider:
		f.ProviderID = a.Org
	default:
		return newPage[OrderItem](nil, 0, page, per), nil
	}
	now := s.clock()
	return view(ctx, s, func(tx Tx) (Page[OrderItem], error) {
		orders, total, err := tx.Orders(ctx, f)
		if err != nil {
			return Page[OrderItem]{}, err
		}
		items := make([]OrderItem, 0, len(orders))
		for _, o := range orders {
			if a.Role == RoleProvider {
				items = append(items, OrderItem{Order: o})
				continue
			}
			it, err := s.orderItem(ctx, tx, o, now)
			if err != nil {
				return Page[OrderItem]{}, err
			}
			items = append(items, it)
		}
		return newPage(items, total, page, per), nil
	})
}

func (s *Service) orderItem(ctx context.Context, tx Tx, o Order, now time.Time) (OrderItem, error) {
	it := OrderItem{Order: o}
	apps, _, err := tx.Applications().List(ctx, ListFilter{OrderID: o.ID})
	if err != nil {
		return it, err
	}
	for _, app := range apps {
		if app.Live() {
			it.Application = app.ID
		}
	}
	ent, err := s.ents.Enterprise(ctx, o.EnterpriseID)
	if err != nil {
		return it, err
	}
	p, err := s.policies.At(s.programme, now)
	if err != nil {
		return it, err
	}
	prod, prov, err := s.catalog.Product(ctx, o.Product.ID)
	if err != nil {
		return it, err
	}
	_, usage, err := s.usageAt(ctx, tx, o.EnterpriseID, p, now)
	if err != nil {
		return it, err
	}
	it.Reasons = policy.Eligibility(p, policy.EligibilityInput{At: now, Enterprise: ent, Product: prod, Provider: prov,
		OrderConfirmed: o.Status == OrderConfirmed, OrderDeclined: o.Status == OrderDeclined, ApplicationLive: it.Application != "", Usage: usage})
	it.Eligible = len(it.Reasons) == 0
	return it, nil
}
