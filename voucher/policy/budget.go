package policy

import (
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// Budget is a programme's money for one claim year (资金池): a total, optionally split into
// pools by district, batch and tier, and the batch windows claims may be made in (分次发放).
// The programme office sets it (voucher.Service.SetBudget); it is data, versioned by the
// store like every programme record. A claim is served first-come-first-served: it
// reserves its amount on the total and on every pool that matches it, or is refused with
// CodePoolExhausted naming the pool and what is left.
type Budget struct {
	Year  int       `json:"year"`  // the claim year (ClaimYear) the budget is for
	Total cxq.Money `json:"total"` // the year's budget, before any carry-over
	// Pools split the total: a claim charges every pool that matches it as well as the
	// total, so pools may nest (Changping: every tier from the total, tier 4 also from a
	// pool of 10% of it). A pool's amount may not exceed the total.
	Pools []Pool `json:"pools,omitempty"`
	// Batches are the windows claims may be made in; none means all year. Outside every
	// window a claim is refused with CodeBatchClosed.
	Batches []Batch `json:"batches,omitempty"`
	// WaitingList keeps the claims a pool cannot hold in order of arrival: an enterprise
	// joins it and sees its position, and money that comes back goes to the claims ahead
	// first (a claim is admitted only when what is left exceeds what those ahead of it
	// wait for).
	WaitingList bool `json:"waiting_list,omitempty"`
	// Carried is what the year before left unspent, added to the total and to each pool
	// of the same ID when the policy carries over (Policy.CarryOver); the Service
	// fills it when the budget is set and keeps it as set.
	Carried map[string]cxq.Money `json:"carried,omitempty"`
}

// TotalPool is the ID the total goes by among the pools a claim charges.
const TotalPool = "total"

// Pool is one share of a budget. Empty selectors match every claim.
type Pool struct {
	ID       string    `json:"id"`
	Label    cxq.Text  `json:"label"`
	District string    `json:"district,omitempty"` // the enterprise's district, as people write it
	Batch    string    `json:"batch,omitempty"`    // a batch's ID
	Tier     int       `json:"tier,omitempty"`     // 1-based index into the policy's tiers
	Amount   cxq.Money `json:"amount"`
}

// Batch is one window claims may be made in: from Opens until (not including) Closes.
type Batch struct {
	ID     string    `json:"id"`
	Name   cxq.Text  `json:"name"`
	Opens  time.Time `json:"opens"`
	Closes time.Time `json:"closes"`
}

// Claim is what the budget rules read of a claim.
type Claim struct {
	At       time.Time
	District string
	Tier     int // 1-based tier of the policy that applied; 0 without tiers
}

// Share is one pool a claim charges: its ID and its amount with any carry-over.
type Share struct {
	Pool  string    `json:"pool"`
	Label cxq.Text  `json:"label"`
	Limit cxq.Money `json:"limit"`
}

// Batch returns the batch open at t, and false when the budget has batches and none is
// open (a budget without batches is open all year: the zero Batch and true).
func (b Budget) Batch(t time.Time) (Batch, bool) {
	if len(b.Batches) == 0 {
		return Batch{}, true
	}
	for _, w := range b.Batches {
		if !t.Before(w.Opens) && t.Before(w.Closes) {
			return w, true
		}
	}
	return Batch{}, false
}

// Shares returns the pools claim c charges — the total first, then every matching pool —
// or a reason it may not be made now (CodeBatchClosed, naming the next opening if any).
func (b Budget) Shares(c Claim) ([]Share, *Reason) {
	w, ok := b.Batch(c.At)
	if !ok {
		r := reason(CodeBatchClosed, map[string]string{"next": b.nextOpening(c.At)})
		return nil, &r
	}
	out := []Share{{Pool: TotalPool, Label: cxq.T("年度预算", "the year's budget"), Limit: b.Total.Add(b.Carried[TotalPool])}}
	for _, p := range b.Pools {
		if (p.District == "" || samePlace(p.District, c.District)) && (p.Batch == "" || p.Batch == w.ID) &&
			(p.Tier == 0 || p.Tier == c.Tier) {
			out = append(out, Share{Pool: p.ID, Label: p.Label, Limit: p.Amount.Add(b.Carried[p.ID])})
		}
	}
	return out, nil
}

// nextOpening returns the next batch's opening after t in China time, or "" if none.
func (b Budget) nextOpening(t time.Time) string {
	var next time.Time
	for _, w := range b.Batches {
		if w.Opens.After(t) && (next.IsZero() || w.Opens.Before(next)) {
			next = w.Opens
		}
	}
	if next.IsZero() {
		return ""
	}
	return ChinaTime(next).Format("2006-01-02 15:04")
}

// PoolExhausted returns the refusal of a claim of amount that pool share, with left
// still free, cannot hold.
func PoolExhausted(s Share, left, amount cxq.Money) Reason {
	return reason(CodePoolExhausted, map[string]string{"pool": s.Pool, "label_zh": s.Label.ZH, "label_en": s.Label.EN,
		"left": left.String(), "amount": amount.String()})
}

// Waiting returns the refusal of a claim at position on the waiting list that pool
// refusal (a PoolExhausted reason) still applies to.
func Waiting(position int, pool Reason) Reason {
	params := map[string]string{"position": strconv.Itoa(position)}
	for k, v := range pool.Params {
		params[k] = v
	}
	return reason(CodeWaiting, params)
}

// Validate reports every problem of the budget as field errors.
func (b Budget) Validate() error {
	var ps cxq.Problems
	if b.Year < 2000 || b.Year > 2100 {
		ps.Add(valueErr("year", strconv.Itoa(b.Year)))
	}
	if b.Total.Sign() <= 0 {
		ps.Add(valueErr("total", b.Total.String()))
	}
	batches := map[string]bool{}
	for i, w := range b.Batches {
		f := "batches[" + strconv.Itoa(i) + "]"
		checkID(&ps, f+".id", cxq.T("批次编号", "batch ID"), w.ID, batches)
		if !w.Closes.After(w.Opens) {
			ps.Add(cxq.NewFieldError(f+".closes", CodeBudgetDates, nil,
				cxq.T("批次截止时间须晚于开始时间", "a batch must close after it opens")))
		}
		for _, o := range b.Batches[:i] {
			if w.Opens.Before(o.Closes) && o.Opens.Before(w.Closes) {
				ps.Add(cxq.NewFieldError(f+".opens", CodeBudgetDates, nil,
					cxq.T("批次时间不能重叠", "batches must not overlap")))
			}
		}
	}
	b.validatePools(&ps, batches)
	return ps.Err()
}

// checkID checks a pool's or batch's ID: given, short, and not one of seen (to which it
// is added).
func checkID(ps *cxq.Problems, field string, label cxq.Text, id string, seen map[string]bool) {
	ps.Add(cxq.CheckText(field, label, id, cxq.TextRule{Required: true, Max: 32}))
	if seen[id] {
		ps.Add(valueErr(field, id))
	}
	seen[id] = true
}

func (b Budget) validatePools(ps *cxq.Problems, batches map[string]bool) {
	ids := map[string]bool{TotalPool: true}
	for i, p := range b.Pools {
		f := "pools[" + strconv.Itoa(i) + "]"
		checkID(ps, f+".id", cxq.T("资金池编号", "pool ID"), p.ID, ids)
		if p.Amount.Sign() <= 0 || p.Amount.GreaterThan(b.Total) {
			ps.Add(valueErr(f+".amount", p.Amount.String()))
		}
		if p.Batch != "" && !batches[p.Batch] {
			ps.Add(valueErr(f+".batch", p.Batch))
		}
		if p.Tier < 0 {
			ps.Add(valueErr(f+".tier", strconv.Itoa(p.Tier)))
		}
	}
}

// budgetWords are the messages of the budget's reasons.
func budgetWords(code string) (cxq.Text, bool) {
	switch code {
	case CodePoolExhausted:
		return cxq.T("{label_zh}余额 {left} 元，不足以支持本次申请的 {amount} 元",
			"{label_en} has {left} left, not enough for this claim of {amount}"), true
	case CodeBatchClosed:
		return cxq.T("当前不在申请批次时间内（下一批次开始：{next}）",
			"no claim batch is open now (the next opens: {next})"), true
	case CodeWaiting:
		return cxq.T("{label_zh}可用余额 {left} 元，尚不足以支持本次申请的 {amount} 元；您在候补名单第 {position} 位",
			"{label_en} has {left} available, not yet enough for this claim of {amount}; it is number {position} on the waiting list"), true
	}
	return cxq.Text{}, false
}

// Codes of the budget's reasons.
const (
	CodePoolExhausted = "pool_exhausted" // params: pool, label_zh, label_en, left, amount
	CodeBatchClosed   = "batch_closed"   // params: next
	CodeWaiting       = "waiting_list"   // params: position and those of CodePoolExhausted
	CodeBudgetDates   = "budget_dates"
	CodeNoSuchTier    = "no_such_tier" // a pool's tier the policy does not have; params: tiers
)
