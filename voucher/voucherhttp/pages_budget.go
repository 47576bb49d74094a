package voucherhttp

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// budgetSet is the body of POST /api/budgets/{year}.
type budgetSet struct {
	Version int64         `json:"version,omitempty"`
	Budget  policy.Budget `json:"budget"`
}

// mountBudget registers the budget's API and its office page.
func (h *Handler) mountBudget() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/budgets/{year}", summary: "资金池: a year's budget and what is left of each pool",
		out: voucher.BudgetView{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (voucher.BudgetView, error) {
			year, err := yearParam(r.PathValue("year"))
			if err != nil {
				return voucher.BudgetView{}, err
			}
			return s.BudgetOf(ctx, who, year)
		})})
	h.apiRoute(route{method: "POST", path: "/api/budgets/{year}", summary: "The programme office sets a year's budget, pools and batches",
		in: budgetSet{}, out: voucher.Budget{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in budgetSet) (voucher.Budget, error) {
			year, err := yearParam(r.PathValue("year"))
			if err != nil {
				return voucher.Budget{}, err
			}
			if in.Budget.Year != 0 && in.Budget.Year != year {
				return voucher.Budget{}, yearMismatch(year)
			}
			in.Budget.Year = year
			return s.SetBudget(ctx, who, voucher.BudgetParams{Key: key, Version: in.Version, Budget: in.Budget})
		})})
	h.apiRoute(route{method: "POST", path: "/api/applications/{id}/extend", summary: "The programme office extends a voucher's validity once",
		in: reasoned{}, out: voucher.Application{},
		handler: change(h, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in reasoned) (voucher.Application, error) {
			return s.ExtendVoucher(ctx, who, voucher.ExtendParams{Key: key, ID: r.PathValue("id"), Version: in.Version, Reason: in.Reason})
		})})
	h.mountWaitlist()
	h.mux.HandleFunc("GET /office/budget", h.budgetPage)
	h.mux.HandleFunc("POST /office/budget", h.budgetPost)
}

// yearParam reads a claim year.
func yearParam(s string) (int, error) {
	n, err := wholeNumber(s)
	if err != nil || n < 2000 || n > 2100 {
		return 0, cxq.NewFieldError("year", cxq.CodeFormat, nil, cxq.T("年度应为 2000 至 2100 之间的年份", "the year must be between 2000 and 2100"))
	}
	return n, nil
}

// budgetPageData is the office's 资金池 page: the year's budget as set (Version 0 when
// none is), the state of its pools, and the rows of its form.
type budgetPageData struct {
	Year    int
	Version int64
	Total   cxq.Money
	Waiting bool // the budget keeps a waiting list
	Pools   []voucher.PoolState
	Rows    []policy.Pool
	Batches []policy.Batch
}

// budgetRows is how many empty rows the form offers for new pools and batches.
const budgetRows = 2

// budgetPage is GET /office/budget?year=YYYY (this year by default).
func (h *Handler) budgetPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	year := policy.ClaimYear(h.svc.Now())
	if y := r.URL.Query().Get("year"); y != "" {
		if n, err := yearParam(y); err == nil {
			year = n
		}
	}
	h.showBudget(w, r, who, year, nil)
}

func (h *Handler) showBudget(w http.ResponseWriter, r *http.Request, who voucher.Actor, year int, err error) {
	if who.Role != voucher.RoleCoordinator {
		h.render(w, r, who, "error", "资金池", nil, &voucher.DeniedError{Actor: who.ID, Action: "budget", Reason: "only the programme office sets budgets"})
		return
	}
	d := budgetPageData{Year: year}
	v, verr := h.svc.BudgetOf(r.Context(), who, year)
	switch {
	case verr == nil:
		b := v.Budget
		d.Version, d.Total, d.Pools, d.Waiting = b.Version, b.Total, v.Pools, b.WaitingList
		d.Rows, d.Batches = append(d.Rows, b.Pools...), append(d.Batches, b.Batches...)
	case !errors.Is(verr, cxq.ErrNotFound):
		h.failPage(w, r, verr)
		return
	}
	for range budgetRows {
		d.Rows, d.Batches = append(d.Rows, policy.Pool{}), append(d.Batches, policy.Batch{})
	}
	h.render(w, r, who, "budget", "资金池", d, err)
}

// budgetPost is POST /office/budget: the form's rows with an ID become the pools and
// batches; a refusal shows the page again with its problems.
func (h *Handler) budgetPost(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	err := h.parseForm(w, r, 0)
	year, yerr := yearParam(r.PostFormValue("year"))
	if err == nil {
		err = yerr
	}
	if err == nil {
		var b policy.Budget
		var version int64
		if b, version, err = budgetForm(r, year); err == nil {
			_, err = h.svc.SetBudget(r.Context(), who, voucher.BudgetParams{Key: r.PostFormValue("key"), Version: version, Budget: b})
		}
	}
	if err != nil {
		if yerr != nil {
			year = policy.ClaimYear(h.svc.Now())
		}
		h.showBudget(w, r, who, year, err)
		return
	}
	h.done(w, r, "office/budget?year="+strconv.Itoa(year), "saved")
}

// budgetForm reads the budget the office's form describes.
func budgetForm(r *http.Request, year int) (policy.Budget, int64, error) {
	var ps cxq.Problems
	f := r.PostForm
	var version int64
	if s := strings.TrimSpace(f.Get("version")); s != "" {
		n, err := wholeNumber64(s)
		if err != nil || n < 0 {
			ps.Add(cxq.NewFieldError("version", cxq.CodeFormat, nil, cxq.T("版本号应为整数", "the version must be a whole number")))
		}
		version = n
	}
	b := policy.Budget{Year: year, Total: formMoney(&ps, "total", "年度预算", f.Get("total"), true),
		WaitingList: f.Get("waiting_list") == "1"}
	for i, id := range f["pool_id"] {
		if strings.TrimSpace(id) == "" {
			continue
		}
		field := "pools[" + strconv.Itoa(i) + "]"
		tier := 0
		if s := at(f["pool_tier"], i); s != "" {
			n, err := wholeNumber(s)
			if err != nil || n < 0 {
				ps.Add(cxq.NewFieldError(field+".tier", cxq.CodeFormat, nil, cxq.T("档次应为整数", "the tier must be a whole number")))
			}
			tier = n
		}
		b.Pools = append(b.Pools, policy.Pool{ID: strings.TrimSpace(id), Label: cxq.T(at(f["pool_label"], i), at(f["pool_label"], i)),
			District: at(f["pool_district"], i), Batch: at(f["pool_batch"], i), Tier: tier,
			Amount: formMoney(&ps, field+".amount", "资金池金额", at(f["pool_amount"], i), true)})
	}
	for i, id := range f["batch_id"] {
		if strings.TrimSpace(id) == "" {
			continue
		}
		field := "batches[" + strconv.Itoa(i) + "]"
		b.Batches = append(b.Batches, policy.Batch{ID: strings.TrimSpace(id), Name: cxq.T(at(f["batch_name"], i), at(f["batch_name"], i)),
			Opens: formTime(&ps, field+".opens", at(f["batch_opens"], i)), Closes: formTime(&ps, field+".closes", at(f["batch_closes"], i))})
	}
	return b, version, ps.Err()
}

// at returns vs[i], or "" past its end.
func at(vs []string, i int) string {
	if i < len(vs) {
		return strings.TrimSpace(vs[i])
	}
	return ""
}

// formTime reads a datetime-local input (China time).
func formTime(p *cxq.Problems, field, s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, cxq.China())
	if err != nil {
		p.Add(cxq.NewFieldError(field, cxq.CodeFormat, nil, cxq.T("时间格式应为 年-月-日 时:分", "the time must read year-month-day hour:minute")))
	}
	return t
}
