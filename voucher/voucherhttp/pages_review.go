package voucherhttp

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// mountReviewPages registers the pages of providers, reviewers and the office: the
// orders to confirm, the 待审核 queues, the case pages and the assignments.
func (h *Handler) mountReviewPages() {
	h.mux.HandleFunc("GET /provider/orders", h.providerOrdersPage)
	h.mux.HandleFunc("POST /provider/orders/{id}", h.providerConfirm)
	h.mux.HandleFunc("GET /review/{$}", h.reviewQueuePage)
	h.mux.HandleFunc("GET /review/{kind}/{id}", h.reviewCasePage)
	h.mux.HandleFunc("POST /review/{kind}/{id}", h.reviewDecide)
	h.mux.HandleFunc("POST /review/{kind}/{id}/assign", h.reviewAssign)
	h.mux.HandleFunc("POST /review/{kind}/{id}/extend", h.reviewExtend)
	h.mountStatsPages()
}

// caseRecord is one application or redemption as the review pages show it, whichever
// its kind.
type caseRecord struct {
	core    voucher.Record
	value   any // voucher.Application or voucher.Redemption
	status  cxq.Text
	amount  cxq.Money // 申请创新券金额
	actions []voucher.Action
}

// reviewKind is what the review pages need of one kind of reviewed record.
type reviewKind struct {
	name   string   // the path segment: "applications" or "redemptions"
	label  cxq.Text // 创新券申请, 创新券兑现
	flow   *review.Workflow
	get    func(ctx context.Context, who voucher.Actor, id string) (caseRecord, error)
	list   func(ctx context.Context, who voucher.Actor, q voucher.Query) ([]caseRecord, int, error)
	review func(ctx context.Context, who voucher.Actor, d voucher.Decision) error
	assign func(ctx context.Context, who voucher.Actor, in voucher.AssignParams) error
}

// reviewKinds are the kinds of record the review pages serve, applications first.
func (h *Handler) reviewKinds() []reviewKind {
	s := h.svc
	return []reviewKind{
		kindOf("applications", cxq.T("创新券申请", "applications"), s.ApplicationFlow(), caseMethods[voucher.Application]{
			get: s.Application, actions: s.ApplicationActions, list: s.Applications,
			review: s.ReviewApplication, assign: s.AssignApplication,
			record: func(a voucher.Application) caseRecord {
				return caseRecord{core: a.Record, value: a, status: s.ApplicationStatus(a), amount: a.Amount}
			},
		}),
		kindOf("redemptions", cxq.T("创新券兑现", "redemptions"), s.RedemptionFlow(), caseMethods[voucher.Redemption]{
			get: s.Redemption, actions: s.RedemptionActions, list: s.Redemptions,
			review: s.ReviewRedemption, assign: s.AssignRedemption,
			record: func(r voucher.Redemption) caseRecord {
				return caseRecord{core: r.Record, value: r, status: s.RedemptionStatus(r), amount: r.Claimed}
			},
		}),
	}
}

// caseMethods are the Service's methods for reviewed records of type T, and how the
// pages describe one (record).
type caseMethods[T any] struct {
	get     func(context.Context, voucher.Actor, string) (T, error)
	actions func(context.Context, voucher.Actor, T) ([]voucher.Action, error)
	list    func(context.Context, voucher.Actor, voucher.Query) (voucher.Page[T], error)
	review  func(context.Context, voucher.Actor, voucher.Decision) (T, error)
	assign  func(context.Context, voucher.Actor, voucher.AssignParams) (T, error)
	record  func(T) caseRecord
}

// kindOf is the reviewKind of records of type T, served under name.
func kindOf[T any](name string, label cxq.Text, flow *review.Workflow, m caseMethods[T]) reviewKind {
	return reviewKind{name: name, label: label, flow: flow,
		get: func(ctx context.Context, who voucher.Actor, id string) (caseRecord, error) {
			v, err := m.get(ctx, who, id)
			if err != nil {
				return caseRecord{}, err
			}
			c := m.record(v)
			c.actions, err = m.actions(ctx, who, v)
			return c, err
		},
		list: func(ctx context.Context, who voucher.Actor, q voucher.Query) ([]caseRecord, int, error) {
			p, err := m.list(ctx, who, q)
			return mapItems(p.Items, m.record), p.Total, err
		},
		review: func(ctx context.Context, who voucher.Actor, d voucher.Decision) error {
			_, err := m.review(ctx, who, d)
			return err
		},
		assign: func(ctx context.Context, who voucher.Actor, in voucher.AssignParams) error {
			_, err := m.assign(ctx, who, in)
			return err
		},
	}
}

// mapItems maps a page's items with f.
func mapItems[T any](items []T, f func(T) caseRecord) []caseRecord {
	out := make([]caseRecord, 0, len(items))
	for _, it := range items {
		out = append(out, f(it))
	}
	return out
}

// reviewKindOf returns the kind named by the path segment name.
func (h *Handler) reviewKindOf(name string) (reviewKind, bool) {
	for _, k := range h.reviewKinds() {
		if k.name == name {
			return k, true
		}
	}
	return reviewKind{}, false
}

// queuePerPage is how many records a queue section shows at once.
const queuePerPage = 20

// queuePage is the 待审核 page: one section per review stage of each workflow that
// awaits the signed-in person.
type queuePage struct {
	Sections []queueSection
	Office   bool
}

// queueSection is one stage's queue.
type queueSection struct {
	ID         string // the section's anchor, kind-state
	Kind       cxq.Text
	Stage      cxq.Text
	Assigned   bool // the office assigns this stage's reviewer
	Total      int
	Rows       []queueRow
	Unassigned int // rows on this page whose stage has no reviewer yet
	Prev, Next string
	Summary    string
}

// queueRow is one record awaiting review.
type queueRow struct {
	ID, Href   string
	Product    string
	Provider   string
	Enterprise string
	Amount     cxq.Money
	Since      time.Time
	Assignee   string   // the current stage's reviewer, by name
	Unassigned []string // for the office: the assignable stages nobody is assigned to yet
}

// reviewStagesFor lists the stages of flow whose records await who: the non-terminal
// stages of who's role, every review stage for the office, none for the applicant.
func reviewStagesFor(flow *review.Workflow, who voucher.Actor) []review.Stage {
	applicant := flow.Definition().Applicant
	var out []review.Stage
	for _, st := range flow.States() {
		stage, _ := flow.Stage(st)
		if stage.Terminal || stage.Role == "" || stage.Role == applicant {
			continue
		}
		if who.Role == voucher.RoleCoordinator || stage.Role == who.Role {
			out = append(out, stage)
		}
	}
	return out
}

// reviewQueuePage is GET /review/: the sections of the queue. ?section=kind-state&page=n
// pages one section.
func (h *Handler) reviewQueuePage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	page := queuePage{Office: who.Role == voucher.RoleCoordinator}
	want, n := r.URL.Query().Get("section"), 1
	if v, err := wholeNumber(r.URL.Query().Get("page")); err == nil && v > 0 && v <= 1_000_000 {
		n = v
	}
	for _, k := range h.reviewKinds() {
		for _, stage := range reviewStagesFor(k.flow, who) {
			id := k.name + "-" + string(stage.State)
			p := 1
			if id == want {
				p = n
			}
			sec, err := h.queueSectionOf(r.Context(), who, k, stage, p)
			if err != nil {
				h.failPage(w, r, err)
				return
			}
			sec.ID = id
			page.Sections = append(page.Sections, sec)
		}
	}
	h.render(w, r, who, "review-queue", "待审核", page, nil)
}

// queueSectionOf lists page p of the records of kind k in stage that await who, longest
// waiting first (the Service's queue of that one stage).
func (h *Handler) queueSectionOf(ctx context.Context, who voucher.Actor, k reviewKind, stage review.Stage, p int) (queueSection, error) {
	recs, total, err := k.list(ctx, who, voucher.Query{Queue: true, Status: stage.State, Page: p, PerPage: queuePerPage})
	if err != nil {
		return queueSection{}, err
	}
	sec := queueSection{Kind: k.label, Stage: stage.Label, Assigned: stage.Scope == review.ScopeAssigned, Total: total}
	ents, people := memo(h.enterpriseName), memo(h.personName)
	for _, c := range recs {
		row := queueRow{ID: c.core.ID, Href: h.href("review/" + k.name + "/" + c.core.ID), Product: c.core.Product.Name,
			Provider: c.core.Product.ProviderName, Enterprise: ents(ctx, c.core.EnterpriseID), Amount: c.amount, Since: c.core.Since}
		if id := c.core.Assignee(); id != "" {
			row.Assignee = people(ctx, id)
		} else if sec.Assigned {
			sec.Unassigned++
		}
		if who.Role == voucher.RoleCoordinator {
			row.Unassigned = unassignedStages(k.flow, c.core)
		}
		sec.Rows = append(sec.Rows, row)
	}
	pages := (total + queuePerPage - 1) / queuePerPage
	base := "review/?section=" + k.name + "-" + string(stage.State) + "&page="
	if p > 1 {
		sec.Prev = h.href(base + strconv.Itoa(p-1))
	}
	if p < pages {
		sec.Next = h.href(base + strconv.Itoa(p+1))
	}
	from := 0
	if len(recs) > 0 {
		from = (p-1)*queuePerPage + 1
	}
	sec.Summary = voucher.Page[caseRecord]{Total: total, From: from, To: max(from+len(recs)-1, 0)}.Summary().ZH
	return sec, nil
}

// unassignedStages lists the labels of the stages of flow the office assigns that have
// no reviewer on rec yet.
func unassignedStages(flow *review.Workflow, rec voucher.Record) []string {
	var out []string
	for _, st := range flow.States() {
		stage, _ := flow.Stage(st)
		if !stage.Terminal && stage.Scope == review.ScopeAssigned && rec.Assignments[st] == "" {
			out = append(out, stage.Label.ZH)
		}
	}
	return out
}

// memo remembers the answers of a name lookup for one page.
func memo(of func(context.Context, string) string) func(context.Context, string) string {
	seen := map[string]string{}
	return func(ctx context.Context, id string) string {
		if v, ok := seen[id]; ok {
			return v
		}
		seen[id] = of(ctx, id)
		return seen[id]
	}
}
