package voucherhttp

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// mountApplicationPages registers 创新券申请: the list, the 科技创新券申请表 and its
// changes, and the JSON preview of 申请创新券金额 its script asks for.
func (h *Handler) mountApplicationPages() {
	h.mux.HandleFunc("GET /user/applications", h.applicationsPage)
	h.mux.HandleFunc("GET /user/applications/{id}", h.applicationPage)
	h.mux.HandleFunc("POST /user/applications/{id}", h.applicationPost)
	h.mux.HandleFunc("POST /user/applications/{id}/withdraw", h.applicationWithdraw)
	h.apiRoute(route{method: "POST", path: "/api/applications/{id}/preview",
		summary: "申请创新券金额 (系统自动计算) of typed amounts, and what submission would refuse; changes nothing",
		in:      previewRequest{}, out: previewAnswer{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, _ string, r *http.Request, in previewRequest) (previewAnswer, error) {
			return h.preview(ctx, who, r.PathValue("id"), in)
		})})
}

// statusOption is one choice of the 状态 select.
type statusOption struct {
	Value    voucher.State
	Label    string
	Selected bool
}

// applicationsView is 创新券申请: the search, a page of applications, the pager and the
// orders that have no live application with every reason (为什么我的订单没有出现在这里).
type applicationsView struct {
	Query    voucher.Query
	Statuses []statusOption
	Rows     []applicationRow
	Page     voucher.Page[voucher.Application]
	Pager    pager
	Missing  []voucher.OrderItem
	// Apply are the orders of Missing that may be applied for and match the search
	// (产品名称, 服务机构), listed at the table's head on its first page as 未申请, unless a
	// 状态 is chosen; the table's count is of applications only.
	Apply []voucher.OrderItem
}

// applicationRow is one row of the list.
type applicationRow struct {
	App    voucher.Application
	Status string
}

// applicationsPage is GET /user/applications?product=&provider=&status=&page=.
func (h *Handler) applicationsPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	q, err := listQuery(r)
	if err == nil {
		err = knownStatus(h.svc.ApplicationStandings(), q.Status)
	}
	if err != nil {
		h.render(w, r, who, "error", "创新券申请", nil, err)
		return
	}
	q.Queue = false
	p, err := h.svc.Applications(r.Context(), who, q)
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	v := applicationsView{Query: q, Page: p, Pager: pagerOf(h, r, p)}
	for _, st := range h.svc.ApplicationStandings() {
		v.Statuses = append(v.Statuses, statusOption{Value: st, Label: h.svc.StandingStatus(st).ZH, Selected: st == q.Status})
	}
	for _, app := range p.Items {
		v.Rows = append(v.Rows, applicationRow{App: app, Status: h.svc.ApplicationStatus(app).ZH})
	}
	if v.Missing, err = h.ordersWithoutApplication(r.Context(), who); err != nil {
		h.failPage(w, r, err)
		return
	}
	if p.Page == 1 && q.Status == "" {
		search := voucher.ListFilter{Product: q.Product, Provider: q.Provider}
		for _, it := range v.Missing {
			if it.Eligible && search.MatchesProduct(it.Order.Product) {
				v.Apply = append(v.Apply, it)
			}
		}
	}
	h.render(w, r, who, "enterprise_applications", "创新券申请", v, nil)
}

// maxOrderPages bounds how many pages of a list a page reads in full (为什么我的订单没有出现在这里,
// 申请兑现).
const maxOrderPages = 20

// collect reads q's list page by page, at most maxOrderPages pages of voucher.MaxPerPage,
// and returns the rows keep makes of the items it keeps.
func collect[T, R any](q voucher.Query, list func(voucher.Query) (voucher.Page[T], error), keep func(T) (R, bool, error)) ([]R, error) {
	var out []R
	for q.Page, q.PerPage = 1, voucher.MaxPerPage; q.Page <= maxOrderPages; q.Page++ {
		p, err := list(q)
		if err != nil {
			return nil, err
		}
		for _, it := range p.Items {
			row, ok, err := keep(it)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, row)
			}
		}
		if q.Page >= p.Pages {
			break
		}
	}
	return out, nil
}

// ordersWithoutApplication lists the enterprise's orders that have no live application,
// each with every reason it may not have one now (none: it may).
func (h *Handler) ordersWithoutApplication(ctx context.Context, who voucher.Actor) ([]voucher.OrderItem, error) {
	return collect(voucher.Query{}, func(q voucher.Query) (voucher.Page[voucher.OrderItem], error) {
		return h.svc.MyOrders(ctx, who, q)
	}, func(it voucher.OrderItem) (voucher.OrderItem, bool, error) { return it, it.Application == "", nil })
}

// applicationInput is the 科技创新券申请表 as typed: the texts of its fields and the files
// it names, so that a refused change shows the form as the enterprise left it.
type applicationInput struct {
	Version     int64
	Contact     voucher.Contact
	Start, End  string
	Estimated   string
	Requested   string
	Activity    string
	Cert        voucher.AttachmentRef
	Attachments []voucher.AttachmentRef
}

// inputOf is the stored form as the page shows it.
func inputOf(app voucher.Application) applicationInput {
	f := app.Form
	return applicationInput{Version: app.Version, Contact: f.Contact, Start: dateValue(f.ContractStart), End: dateValue(f.ContractEnd),
		Estimated: moneyValue(f.Estimated), Requested: moneyValue(f.Requested), Activity: f.Activity,
		Cert: f.OrgCertificate, Attachments: f.Attachments}
}

// applicationView is the 科技创新券申请表 page.
type applicationView struct {
	App        voucher.Application
	Order      voucher.Order
	Status     string
	Actions    []voucher.Action
	Editable   bool
	Opinions   []opinion
	Enterprise policy.Enterprise
	In         applicationInput
	Amount     cxq.Money // 申请创新券金额: stored once submitted, else the preview of In
	Known      bool      // Amount is known
	Breakdown  string
	CertSlot   slotField
	AttachSlot slotField
	Preview    string // the JSON preview's address, for the script
	// MinContract is the policy's smallest contract amount a voucher supports (zero: none).
	MinContract cxq.Money
	// Waiting is the application's position on the waiting list (0: not on it); CanWait
	// that this year's budget keeps one and the application could join it.
	Waiting int
	CanWait bool
	// Findings are the spot checks' findings on its redemptions (抽查), clawbacks included.
	Findings []voucher.SpotFinding
	// Deadlines are the voucher's usage deadlines while it is in force (voucherDeadlines).
	Deadlines []policy.Deadline
}

// applicationPage is GET /user/applications/{id}.
func (h *Handler) applicationPage(w http.ResponseWriter, r *http.Request) {
	who, app, ok := enterpriseRecord(h, w, r, h.svc.Application)
	if !ok {
		return
	}
	h.applicationForm(w, r, who, app, inputOf(app), nil, nil)
}

// applicationForm renders the 申请表 of app with in as typed. calc, when set, is the
// amount to show for in (计算); otherwise a draft with an estimated amount is previewed.
// err's problems are shown.
func (h *Handler) applicationForm(w http.ResponseWriter, r *http.Request, who voucher.Actor, app voucher.Application,
	in applicationInput, calc *cxq.Money, err error) {
	ctx := r.Context()
	acts, aerr := h.svc.ApplicationActions(ctx, who, app)
	if aerr != nil {
		h.failPage(w, r, aerr)
		return
	}
	v := applicationView{App: app, Status: h.svc.ApplicationStatus(app).ZH, Actions: acts, In: in,
		Editable: hasAction(acts, voucher.ActionSave), Opinions: opinions(h.svc.ApplicationFlow(), app.Case),
		CertSlot: h.slotField(voucher.SlotOrgCertificate), AttachSlot: h.slotField(voucher.SlotApplication),
		Preview: h.href("api/applications/" + app.ID + "/preview")}
	v.Order, _ = h.svc.Order(ctx, who, app.OrderID)
	v.Enterprise, _ = h.svc.Enterprises().Enterprise(ctx, app.EnterpriseID)
	v.Findings, _ = h.svc.Findings(ctx, who, app.ID)
	v.Deadlines = h.voucherDeadlines(app)
	if p, perr := h.svc.ApplicationPolicy(app); perr == nil {
		v.MinContract = p.MinContract
	}
	if v.Editable {
		v.Waiting, v.CanWait = h.waitingOf(ctx, who, app)
	}
	switch {
	case calc != nil:
		v.Amount, v.Known = *calc, true
	case !v.Editable || !app.Amount.IsZero():
		v.Amount, v.Known, v.Breakdown = app.Amount, !app.Amount.IsZero(), app.Breakdown.Text().ZH
	default:
		var p cxq.Problems
		form := typedForm(&p, in)
		if p.Err() == nil && !form.Estimated.IsZero() {
			if m, bd, perr := h.svc.PreviewApplication(ctx, who, app.ID, form); !m.IsZero() || perr == nil {
				v.Amount, v.Known, v.Breakdown = m, true, bd.Text().ZH
			}
		}
	}
	h.render(w, r, who, "enterprise_application", "科技创新券申请表", v, err)
}

// readApplicationInput reads the posted 申请表, leaving out the file whose 删除 was
// pressed.
func readApplicationInput(r *http.Request) applicationInput {
	f := r.PostForm
	drop := f.Get("drop")
	in := applicationInput{Contact: postedContact(f), Start: f.Get("contract_start"), End: f.Get("contract_end"),
		Estimated: f.Get("estimated_amount"), Requested: f.Get("requested_amount"), Activity: f.Get("activity"),
		Attachments: postedRefs(r, "attachment", drop)}
	in.Version, _ = formVersion(r) // required and checked by parseChange
	if certs := postedRefs(r, "cert", drop); len(certs) > 0 {
		in.Cert = certs[0]
	}
	return in
}

// postedContact is the 联系人, 联系电话 and 电子邮箱 a form of the enterprise posted.
func postedContact(f url.Values) voucher.Contact {
	return voucher.Contact{Name: strings.TrimSpace(f.Get("contact_name")), Phone: strings.TrimSpace(f.Get("contact_phone")),
		Email: strings.TrimSpace(f.Get("contact_email"))}
}

// typedForm turns the typed 申请表 into a form, adding every unreadable field to p.
func typedForm(p *cxq.Problems, in applicationInput) voucher.ApplicationForm {
	return voucher.ApplicationForm{Contact: in.Contact, OrgCertificate: in.Cert, Attachments: in.Attachments,
		ContractStart: formDate(p, "contract_start", "合同开始日期", in.Start),
		ContractEnd:   formDate(p, "contract_end", "合同结束日期", in.End),
		Estimated:     formMoney(p, "estimated_amount", "预估合同金额", in.Estimated, false),
		Requested:     formMoney(p, "requested_amount", "申请创新券金额", in.Requested, false),
		Activity:      in.Activity}
}

// previewRequest is the body of the JSON preview: the amounts as typed.
type previewRequest struct {
	Estimated string `json:"estimated_amount"`
	Requested string `json:"requested_amount,omitempty"`
}

// previewAnswer is 申请创新券金额 (系统自动计算) of the typed amounts with the rules that
// bound it, and the problems submission would refuse the form for (none: it would pass).
type previewAnswer struct {
	Amount    cxq.Money            `json:"amount"`
	Known     bool                 `json:"known"`
	Breakdown policy.Breakdown     `json:"breakdown,omitempty"`
	Text      string               `json:"text"`
	Problems  *cxq.ValidationError `json:"problems,omitempty"`
}

// preview answers the JSON preview for application id with the stored form and the
// typed amounts.
func (h *Handler) preview(ctx context.Context, who voucher.Actor, id string, in previewRequest) (previewAnswer, error) {
	app, err := h.svc.Application(ctx, who, id)
	if err != nil {
		return previewAnswer{}, err
	}
	var p cxq.Problems
	form := app.Form
	form.Estimated = formMoney(&p, "estimated_amount", "预估合同金额", in.Estimated, true)
	form.Requested = formMoney(&p, "requested_amount", "申请创新券金额", in.Requested, false)
	if err := p.Err(); err != nil {
		return previewAnswer{}, err
	}
	amount, bd, err := h.svc.PreviewApplication(ctx, who, id, form)
	if err != nil && !isRefusal(err) {
		return previewAnswer{}, err
	}
	return previewAnswer{Amount: amount, Known: !amount.IsZero() || err == nil, Breakdown: bd, Text: bd.Text().ZH,
		Problems: voucher.Explain(err)}, nil
}

// isRefusal reports an error that says why a submission would be refused (the policy,
// eligibility or the form), as opposed to the caller's access or the server's failure.
func isRefusal(err error) bool {
	var ie *voucher.IneligibleError
	var re *policy.RefusedError
	return errors.As(err, &ie) || errors.As(err, &re) || errors.Is(err, cxq.ErrInvalid)
}
