package voucher

import (
	"context"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"

	"github.com/cxqkit/cxq/voucher/policy"
)

// usageAt returns the quota a claim by the enterprise under p at now is charged to and
// its usage as the rules read it. The period is the claim year, or for a policy with
// cycles the cycle still running at now (a new one starts with this claim when none
// is). Bans are kept under the year's key, so a cycle's usage also carries the ban of
// the claim year.
func (s *Service) usageAt(ctx context.Context, tx Tx, enterpriseID string, p policy.Policy, now time.Time) (Quota, policy.Usage, error) {
	var starts []int
	if p.Period == policy.PerCycle {
		apps, _, err := tx.Applications().List(ctx, ListFilter{EnterpriseID: enterpriseID})
		if err != nil {
			return Quota{}, policy.Usage{}, err
		}
		for _, a := range apps {
			if a.Quota.PolicyID == p.ID && claimed(a) {
				starts = append(starts, a.Quota.Period)
			}
		}
	}
	k := QuotaKey{EnterpriseID: enterpriseID, PolicyID: p.ID, Period: p.QuotaPeriod(now, starts)}
	q, err := tx.Quota(ctx, k)
	if err != nil {
		return q, policy.Usage{}, err
	}
	u := q.Usage()
	if p.FilingCounts {
		filed, err := filedUse(ctx, tx, enterpriseID, k, reviewStates(s.redFlow), now)
		if err != nil {
			return q, u, err
		}
		u.Used = u.Used.Add(filed).Min(u.Claimed)
	}
	if year := policy.ClaimYear(now); year != k.Period {
		yq, err := tx.Quota(ctx, QuotaKey{EnterpriseID: enterpriseID, PolicyID: p.ID, Period: year})
		if err != nil {
			return q, u, err
		}
		if yq.Ban != nil {
			u.Bans = append(u.Bans, *yq.Ban)
		}
	}
	return q, u, nil
}

// claimed reports whether an application is a claim that opened or belongs to its
// cycle: it holds or used part of its quota, or the deadline rules revoked it. A claim
// rejected or withdrawn before approval released everything and starts no cycle.
func claimed(a Application) bool {
	return a.Quota.Period != 0 && (a.Reserved.Sign() > 0 || a.Paid.Sign() > 0 || a.Ended != "")
}

// filedUse is what the enterprise's submitted, undecided redemptions on vouchers of
// quota k count as used under policy.FilingCounts: each one's computed voucher amount
// (Total) once its contract is filed at or before now — and, while a public notice
// holds the payout of one that passed review, its actual amount, until it is paid (then
// the quota counts it) or refused.
func filedUse(ctx context.Context, tx Tx, enterpriseID string, k QuotaKey, undecided []State, now time.Time) (cxq.Money, error) {
	reds, _, err := tx.Redemptions().List(ctx, ListFilter{EnterpriseID: enterpriseID, Statuses: append(undecided[:len(undecided):len(undecided)], review.Approved)})
	if err != nil {
		return cxq.Money{}, err
	}
	var sum cxq.Money
	for _, r := range reds {
		f, amount := r.Form.Filed(), r.Total
		if r.State() == review.Approved {
			if !r.PayoutPending() {
				continue
			}
			amount = r.Actual
		}
		if f.IsZero() || f.After(now) {
			continue
		}
		app, err := tx.Applications().Get(ctx, r.ApplicationID)
		if err != nil {
			return sum, err
		}
		if app.Quota == k {
			sum = sum.Add(amount.Min(app.Reserved))
		}
	}
	return sum, nil
}
