package voucher

import (
	"fmt"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// QuotaKey names one quota: an enterprise's allowance under one policy in one period.
// Period is the claim year (2026, the calendar year in China Standard Time) for a
// policy with a yearly cap, or the day the cycle started as YYYYMMDD (20260301) for a
// policy with cycles (see policy.Policy.QuotaPeriod). Bans are always kept under a
// year's key, which a cycle's key never equals.
type QuotaKey struct {
	EnterpriseID string `json:"enterprise_id"`
	PolicyID     string `json:"policy_id"`
	Period       int    `json:"period"`
}

// String returns "enterprise/policy/period".
func (k QuotaKey) String() string {
	return fmt.Sprintf("%s/%s/%d", k.EnterpriseID, k.PolicyID, k.Period)
}

// Quota is the state of one annual allowance. Reserved is held by applications that are
// submitted or approved and not yet redeemed; Consumed has been paid out. Every Store
// keeps Reserved + Consumed ≤ Cap at every moment.
type Quota struct {
	Key      QuotaKey  `json:"key"`
	Cap      cxq.Money `json:"cap"`
	Reserved cxq.Money `json:"reserved"`
	Consumed cxq.Money `json:"consumed"`
	// Claims counts the claims holding or having consumed part of the quota: a charge
	// adds one, a release (rejection, withdrawal) takes it back, a settlement keeps it.
	Claims int `json:"claims"`
	// Ban, when set, forbids new claims on this quota (the deadline rules' 不得申请).
	Ban *policy.Ban `json:"ban,omitempty"`
}

// Usage returns the quota as the subsidy rules read it: Claimed is reserved +
// consumed, Used is what was paid.
func (q Quota) Usage() policy.Usage {
	u := policy.Usage{Claims: q.Claims, Claimed: q.Used(), Used: q.Consumed}
	if q.Ban != nil {
		u.Bans = []policy.Ban{*q.Ban}
	}
	return u
}

// Used returns Reserved + Consumed.
func (q Quota) Used() cxq.Money { return q.Reserved.Add(q.Consumed) }

// Remaining returns what may still be reserved, never below zero.
func (q Quota) Remaining() cxq.Money { return q.Cap.Sub(q.Used()).ClampZero() }

// Valid reports whether the quota keeps its invariant: no part negative and
// Reserved + Consumed ≤ Cap.
func (q Quota) Valid() bool {
	return !q.Reserved.IsNegative() && !q.Consumed.IsNegative() && q.Used().Cmp(q.Cap) <= 0
}

// Charge returns the quota with amount reserved, or an error wrapping [ErrQuotaExhausted]
// when the cap would be exceeded. It is the rule every Store applies atomically.
func (q Quota) Charge(amount cxq.Money) (Quota, error) {
	if amount.IsNegative() {
		return q, fmt.Errorf("voucher: negative quota charge %s: %w", amount, cxq.ErrInvalid)
	}
	if q.Used().Add(amount).Cmp(q.Cap) > 0 {
		return q, &QuotaError{Key: q.Key, Cap: q.Cap, Used: q.Used(), Amount: amount}
	}
	q.Reserved = q.Reserved.Add(amount)
	q.Claims++
	return q, nil
}

// Release returns the quota with amount no longer reserved and the claim that held it
// no longer counted.
func (q Quota) Release(amount cxq.Money) (Quota, error) {
	r, err := q.unreserve(amount)
	if err != nil {
		return q, err
	}
	if r.Claims > 0 {
		r.Claims--
	}
	return r, nil
}

func (q Quota) unreserve(amount cxq.Money) (Quota, error) {
	if amount.IsNegative() || amount.GreaterThan(q.Reserved) {
		return q, fmt.Errorf("voucher: release %s of %s reserved on %s: %w", amount, q.Reserved, q.Key, cxq.ErrConflict)
	}
	q.Reserved = q.Reserved.Sub(amount)
	return q, nil
}

// Settle turns a reservation into payment: reserved is released and paid (≤ reserved) is
// consumed.
func (q Quota) Settle(reserved, paid cxq.Money) (Quota, error) {
	if paid.IsNegative() || paid.GreaterThan(reserved) {
		return q, fmt.Errorf("voucher: settle %s paid against %s reserved: %w", paid, reserved, cxq.ErrInvalid)
	}
	r, err := q.unreserve(reserved)
	if err != nil {
		return q, err
	}
	r.Consumed = r.Consumed.Add(paid)
	return r, nil
}

// Reclaim returns the quota with amount (≤ Consumed) no longer counted as paid: money
// clawed back after a spot check. The claim stays counted.
func (q Quota) Reclaim(amount cxq.Money) (Quota, error) {
	if amount.IsNegative() || amount.GreaterThan(q.Consumed) {
		return q, fmt.Errorf("voucher: reclaim %s of %s consumed on %s: %w", amount, q.Consumed, q.Key, cxq.ErrConflict)
	}
	q.Consumed = q.Consumed.Sub(amount)
	return q, nil
}

// ErrQuotaExhausted is matched by the error of a charge that would exceed the cap. It
// wraps cxq.ErrConflict: the request was valid, the state of the quota refused it.
var ErrQuotaExhausted = fmt.Errorf("voucher: annual quota exhausted: %w", cxq.ErrConflict)

// QuotaError reports a refused charge.
type QuotaError struct {
	Key    QuotaKey
	Cap    cxq.Money
	Used   cxq.Money // reserved + consumed before the charge
	Amount cxq.Money
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("voucher: quota %s: %s used of %s, cannot reserve %s more", e.Key, e.Used, e.Cap, e.Amount)
}

// Unwrap returns ErrQuotaExhausted (and so cxq.ErrConflict).
func (e *QuotaError) Unwrap() error { return ErrQuotaExhausted }
