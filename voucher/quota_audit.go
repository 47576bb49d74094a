package voucher

import (
	"context"
	"errors"
	"time"

	"github.com/cxqkit/cxq"
)

// StreamQuota names the audit streams of quotas: "quota/" and the quota's key.
const StreamQuota = "quota"

// moved writes the audit entry of one quota movement: the quota as it is after the
// movement is its content, so a quota row edited in the database shows against it.
func (s *Service) moved(ctx context.Context, tx Tx, a Actor, now time.Time, action string, q Quota, note string) error {
	stream := StreamOf(StreamQuota, q.Key.String())
	var seq int64
	var head string
	last, err := tx.AuditLast(ctx, stream)
	switch {
	case err == nil:
		seq, head = last.Seq, last.Hash
	case !errors.Is(err, cxq.ErrNotFound):
		return err
	}
	_, err = s.audit(ctx, tx, AuditEntry{Stream: stream, At: now, Actor: a.ID, Role: a.Role, Action: action, Note: note},
		seq, head, q)
	return err
}

// charge reserves amount on the quota of k (capped at limit) and audits it.
func (s *Service) charge(ctx context.Context, tx Tx, a Actor, now time.Time, k QuotaKey, limit, amount cxq.Money, note string) error {
	q, err := tx.ChargeQuota(ctx, k, limit, amount)
	if err != nil {
		return err
	}
	return s.moved(ctx, tx, a, now, "quota.charge", q, auditNote("amount", amount.String(), "note", note))
}

// release returns amount of a reservation on the quota of k and audits it.
func (s *Service) release(ctx context.Context, tx Tx, a Actor, now time.Time, k QuotaKey, amount cxq.Money, note string) error {
	q, err := tx.ReleaseQuota(ctx, k, amount)
	if err != nil {
		return err
	}
	return s.moved(ctx, tx, a, now, "quota.release", q, auditNote("amount", amount.String(), "note", note))
}

// settleQuota turns reserved into paid on the quota of k and audits it.
func (s *Service) settleQuota(ctx context.Context, tx Tx, a Actor, now time.Time, k QuotaKey, reserved, paid cxq.Money, note string) error {
	q, err := tx.SettleQuota(ctx, k, reserved, paid)
	if err != nil {
		return err
	}
	return s.moved(ctx, tx, a, now, "quota.settle", q,
		auditNote("reserved", reserved.String(), "paid", paid.String(), "note", note))
}
