package voucher

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// StreamBudget is the kind of budget records and their audit streams: "budget/2026".
const StreamBudget = "budget"

// Budget is a year's budget as the programme office set it (see policy.Budget), with its
// record core. Its ID is the year.
type Budget struct {
	Filed
	policy.Budget
}

func (b *Budget) docKind() string    { return StreamBudget }
func (b *Budget) docSubject() string { return "" }
func (b *Budget) docState() string   { return "set" }

// PoolKey returns the quota row that keeps a budget pool's money: reserved and paid on it
// move with the applications that charge it (Application.Pools). A pool's key names no
// enterprise, so it never equals an enterprise's quota.
func PoolKey(year int, pool string) QuotaKey {
	return QuotaKey{PolicyID: "pool:" + pool, Period: year}
}

// BudgetParams sets the budget of Budget.Year. Version is the version of the budget
// being replaced, as the caller last read it: required to replace one (zero is refused,
// cxq.CodeRequired on "version"; another version is cxq.ErrConflict), and zero to set
// the first budget of a year (any other version is cxq.ErrConflict: there is none).
type BudgetParams struct {
	Key     string        `json:"-"`
	Version int64         `json:"version,omitempty"`
	Budget  policy.Budget `json:"budget"`
}

// SetBudget sets (or replaces, at the expected version) a year's budget; only the
// programme office may. When the programme's policy carries over, the first budget of a
// year records what each pool of the year before left unspent (Budget.Carried) and keeps
// it on later changes. A lower amount takes effect at the next claim: what was reserved
// stays reserved.
func (s *Service) SetBudget(ctx context.Context, a Actor, in BudgetParams) (Budget, error) {
	if a.Role != RoleCoordinator || a.ID == "" {
		return Budget{}, s.deny(ctx, a, "set_budget", StreamBudget, strconv.Itoa(in.Budget.Year), "only the programme office sets budgets", false)
	}
	return mutate(ctx, s, a, in.Key, "SetBudget", in, func(tx Tx, now time.Time) (Budget, error) {
		in.Budget.Carried = nil
		if err := in.Budget.Validate(); err != nil {
			return Budget{}, err
		}
		if err := s.checkPoolTiers(in.Budget, now); err != nil {
			return Budget{}, err
		}
		id := strconv.Itoa(in.Budget.Year)
		b, err := loadFiled[Budget](ctx, tx, StreamBudget, id)
		switch {
		case errors.Is(err, cxq.ErrNotFound):
			if in.Version != 0 {
				return Budget{}, fmt.Errorf("voucher: %s %s has no version %d: %w", StreamBudget, id, in.Version, cxq.ErrConflict)
			}
			b = Budget{Filed: Filed{ID: id}}
			if in.Budget.Carried, err = s.carriedInto(ctx, tx, in.Budget, now); err != nil {
				return Budget{}, err
			}
		case err != nil:
			return Budget{}, err
		default:
			if err := checkExpectedVersion(StreamBudget, id, in.Version, b.Version); err != nil {
				return Budget{}, err
			}
			in.Budget.Carried = b.Carried
		}
		b.Budget = in.Budget
		return b, storeFiled(ctx, s, tx, &b, a, now, "set", auditNote("total", b.Total.String(),
			"pools", strconv.Itoa(len(b.Pools)), "batches", strconv.Itoa(len(b.Batches))))
	})
}

// checkPoolTiers refuses a pool of a tier the programme's policy in effect does not have:
// no claim could ever match it.
func (s *Service) checkPoolTiers(b policy.Budget, now time.Time) error {
	p, err := s.policies.At(s.programme, now)
	if err != nil {
		return err
	}
	var ps cxq.Problems
	for i, pl := range b.Pools {
		if pl.Tier > len(p.Tiers) {
			ps.Add(cxq.NewFieldError("pools["+strconv.Itoa(i)+"].tier", policy.CodeNoSuchTier,
				map[string]string{"tiers": strconv.Itoa(len(p.Tiers))},
				cxq.T("政策只有 {tiers} 个档次", "the policy has {tiers} tiers")))
		}
	}
	return ps.Err()
}

// carriedInto returns what the year before next's year left unspent, by pool, when the
// policy in effect carries over; nil otherwise.
func (s *Service) carriedInto(ctx context.Context, tx Tx, next policy.Budget, now time.Time) (map[string]cxq.Money, error) {
	p, err := s.policies.At(s.programme, now)
	if err != nil || !p.CarryOver {
		return nil, err
	}
	prev, err := loadFiled[Budget](ctx, tx, StreamBudget, strconv.Itoa(next.Year-1))
	if errors.Is(err, cxq.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]cxq.Money{}
	ids := []string{policy.TotalPool}
	for _, pl := range next.Pools {
		ids = append(ids, pl.ID)
	}
	limits := prev.limits()
	for _, id := range ids {
		limit, ok := limits[id]
		if !ok {
			continue
		}
		q, err := tx.Quota(ctx, PoolKey(prev.Year, id))
		if err != nil {
			return nil, err
		}
		if rest := limit.Sub(q.Used()).ClampZero(); rest.Sign() > 0 {
			out[id] = rest
		}
	}
	return out, nil
}

// limits returns each pool's amount with its carry-over, the total's under TotalPool.
func (b Budget) limits() map[string]cxq.Money {
	out := map[string]cxq.Money{policy.TotalPool: b.Total.Add(b.Carried[policy.TotalPool])}
	for _, p := range b.Pools {
		out[p.ID] = p.Amount.Add(b.Carried[p.ID])
	}
	return out
}

// PoolState is one pool of a budget as it stands: its limit (with any carry-over), what
// claims hold on it, what was paid from it and what is left.
type PoolState struct {
	policy.Share
	Reserved cxq.Money `json:"reserved"`
	Consumed cxq.Money `json:"consumed"`
	Left     cxq.Money `json:"left"`
}

// BudgetView is a year's budget with the state of each of its pools, the total first.
type BudgetView struct {
	Budget Budget      `json:"budget"`
	Pools  []PoolState `json:"pools"`
}

// BudgetOf returns the budget of year and how much of each pool is used, to anyone signed
// in (a programme's budget and what is left of it are public); cxq.ErrNotFound when the
// year has none.
func (s *Service) BudgetOf(ctx context.Context, a Actor, year int) (BudgetView, error) {
	if a.ID == "" {
		return BudgetView{}, s.deny(ctx, a, "read_budget", StreamBudget, strconv.Itoa(year), "not signed in", false)
	}
	return view(ctx, s, func(tx Tx) (BudgetView, error) {
		b, err := loadFiled[Budget](ctx, tx, StreamBudget, strconv.Itoa(year))
		if err != nil {
			return BudgetView{}, err
		}
		v := BudgetView{Budget: b}
		shares := []policy.Share{{Pool: policy.TotalPool, Label: cxq.T("年度预算", "the year's budget")}}
		for _, p := range b.Pools {
			shares = append(shares, policy.Share{Pool: p.ID, Label: p.Label})
		}
		limits := b.limits()
		for _, sh := range shares {
			sh.Limit = limits[sh.Pool]
			q, err := tx.Quota(ctx, PoolKey(year, sh.Pool))
			if err != nil {
				return BudgetView{}, err
			}
			v.Pools = append(v.Pools, PoolState{Share: sh, Reserved: q.Reserved, Consumed: q.Consumed,
				Left: sh.Limit.Sub(q.Used()).ClampZero()})
		}
		return v, nil
	})
}

// chargePools reserves amount on every pool of the claim year's budget the claim
// matches, first come first served (behind the waiting list, when the budget keeps one:
// see waitlist.go): a pool that cannot hold it refuses the claim with
// policy.CodePoolExhausted (the pool and what is left), a claim outside every batch
// window with policy.CodeBatchClosed. Without a budget for the year (plan nil) it charges
// nothing. plan is planPools' for the claim.
func (s *Service) chargePools(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, plan *poolPlan,
	amount cxq.Money) error {
	if plan == nil {
		app.Pools = nil
		return nil
	}
	if why := plan.refusal(amount); why != nil {
		return &IneligibleError{Reasons: []policy.Reason{*why}}
	}
	app.Pools = nil
	for _, sh := range plan.shares {
		k := PoolKey(plan.year, sh.Pool)
		if err := s.charge(ctx, tx, a, now, k, sh.Limit, amount, app.ID); err != nil {
			var qe *QuotaError
			if errors.As(err, &qe) {
				return &IneligibleError{Reasons: []policy.Reason{policy.PoolExhausted(sh, qe.Cap.Sub(qe.Used).ClampZero(), amount)}}
			}
			return err
		}
		app.Pools = append(app.Pools, k)
	}
	return s.admitted(ctx, tx, a, now, plan, app.ID)
}

// poolPlan is how a claim stands against its year's budget: the pools it charges, what
// each has left for it (after the claims waiting ahead of it), and the waiting list.
type poolPlan struct {
	year   int
	budget Budget
	shares []policy.Share
	left   []cxq.Money // per share, what this claim may take
	list   *WaitingList
	pos    int // 1-based position of the claim on the list; 0 when not on it
}

// planPools reads the claim year's budget, the pools the claim charges and what they
// have left for it; nil without a budget for the year. A claim outside every batch
// window is refused here.
func (s *Service) planPools(ctx context.Context, tx Tx, app *Application, c claimContext, amount cxq.Money,
	now time.Time) (*poolPlan, error) {
	year := policy.ClaimYear(now)
	b, err := loadFiled[Budget](ctx, tx, StreamBudget, strconv.Itoa(year))
	if errors.Is(err, cxq.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	terms := c.policy.TermsFor(c.enterprise.Place, policy.ProviderPlace(c.provider))
	shares, why := b.Shares(policy.Claim{At: now, District: c.enterprise.Place.District, Tier: terms.Tier})
	if why != nil {
		return nil, &IneligibleError{Reasons: []policy.Reason{*why}}
	}
	plan := &poolPlan{year: year, budget: b, shares: shares}
	ahead := map[string]cxq.Money{}
	if b.WaitingList {
		if plan.list, plan.pos, ahead, err = s.waitingAhead(ctx, tx, year, app.ID); err != nil {
			return nil, err
		}
	}
	for _, sh := range shares {
		q, err := tx.Quota(ctx, PoolKey(year, sh.Pool))
		if err != nil {
			return nil, err
		}
		plan.left = append(plan.left, sh.Limit.Sub(q.Used()).Sub(ahead[sh.Pool]).ClampZero())
	}
	return plan, nil
}

// refusal returns why the plan's pools cannot hold amount now, or nil: the first pool
// short of it, or the claim's place on the waiting list. Every pool is checked before
// any is charged, so that a PostgreSQL transaction is not ended by a failed statement
// before the refusal is known.
func (p *poolPlan) refusal(amount cxq.Money) *policy.Reason {
	for i, sh := range p.shares {
		if p.left[i].LessThan(amount) {
			if p.pos > 0 {
				r := policy.Waiting(p.pos, policy.PoolExhausted(sh, p.left[i], amount))
				return &r
			}
			r := policy.PoolExhausted(sh, p.left[i], amount)
			return &r
		}
	}
	return nil
}
