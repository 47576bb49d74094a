package memstore

import (
	"bytes"
	"context"
	"slices"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

func (t *tx) ClaimInvoice(_ context.Context, key, redemptionID string) error {
	if err := t.writable(); err != nil {
		return err
	}
	if cur, ok := t.s.invoices[key]; ok {
		if cur == redemptionID {
			return nil
		}
		return conflict("invoice %q backs redemption %q", key, cur)
	}
	setUndo(t, t.s.invoices, key)
	t.s.invoices[key] = redemptionID
	return nil
}

func (t *tx) ReleaseInvoice(_ context.Context, key, redemptionID string) error {
	if err := t.writable(); err != nil {
		return err
	}
	if cur, ok := t.s.invoices[key]; ok && cur == redemptionID {
		setUndo(t, t.s.invoices, key)
		delete(t.s.invoices, key)
	}
	return nil
}

func (t *tx) Quota(_ context.Context, k voucher.QuotaKey) (voucher.Quota, error) {
	q, ok := t.s.quotas[k]
	if !ok {
		return voucher.Quota{Key: k}, nil
	}
	return q, nil
}

// apply stores the result of a quota rule when it succeeds.
func (t *tx) apply(k voucher.QuotaKey, rule func(voucher.Quota) (voucher.Quota, error)) (voucher.Quota, error) {
	if err := t.writable(); err != nil {
		return voucher.Quota{}, err
	}
	q, ok := t.s.quotas[k]
	if !ok {
		q = voucher.Quota{Key: k}
	}
	next, err := rule(q)
	if err != nil {
		return q, err
	}
	setUndo(t, t.s.quotas, k)
	t.s.quotas[k] = next
	return next, nil
}

func (t *tx) ChargeQuota(_ context.Context, k voucher.QuotaKey, limit, amount cxq.Money) (voucher.Quota, error) {
	return t.apply(k, func(q voucher.Quota) (voucher.Quota, error) {
		q.Cap = limit
		return q.Charge(amount)
	})
}

func (t *tx) ReleaseQuota(_ context.Context, k voucher.QuotaKey, amount cxq.Money) (voucher.Quota, error) {
	return t.apply(k, func(q voucher.Quota) (voucher.Quota, error) { return q.Release(amount) })
}

func (t *tx) SettleQuota(_ context.Context, k voucher.QuotaKey, reserved, paid cxq.Money) (voucher.Quota, error) {
	return t.apply(k, func(q voucher.Quota) (voucher.Quota, error) { return q.Settle(reserved, paid) })
}

func (t *tx) ReclaimQuota(_ context.Context, k voucher.QuotaKey, amount cxq.Money) (voucher.Quota, error) {
	return t.apply(k, func(q voucher.Quota) (voucher.Quota, error) { return q.Reclaim(amount) })
}

func (t *tx) BanQuota(_ context.Context, k voucher.QuotaKey, ban policy.Ban) (voucher.Quota, error) {
	return t.apply(k, func(q voucher.Quota) (voucher.Quota, error) {
		b := ban
		q.Ban = &b
		return q, nil
	})
}

func (t *tx) AuditTail(_ context.Context) (voucher.AuditTail, error) {
	if t.s.trail.len() > 0 {
		return t.s.trail.last().Tail(), nil
	}
	return voucher.AuditTail{}, nil
}

func (t *tx) AppendAudit(_ context.Context, e voucher.AuditEntry) error {
	if err := t.writable(); err != nil {
		return err
	}
	stream := t.s.audit[e.Stream]
	if e.Seq != int64(len(stream))+1 {
		return conflict("audit %s: entry %d exists or is out of order", e.Stream, e.Seq)
	}
	if e.Pos != int64(t.s.trail.len())+1 {
		return conflict("audit: position %d is not the trail's next", e.Pos)
	}
	n := t.s.trail.len()
	setUndo(t, t.s.audit, e.Stream)
	t.s.audit[e.Stream] = append(stream, n) // the undo restores the shorter slice
	t.s.trail.append(e)
	t.undo = append(t.undo, func() { t.s.trail.truncate(n) })
	return nil
}

func (t *tx) AuditLast(_ context.Context, stream string) (voucher.AuditEntry, error) {
	slots := t.s.audit[stream]
	if len(slots) == 0 {
		return voucher.AuditEntry{}, notFound("audit stream", stream)
	}
	return t.s.trail.at(slots[len(slots)-1]), nil
}

func (t *tx) Audit(_ context.Context, stream string) ([]voucher.AuditEntry, error) {
	if stream != "" {
		return t.s.trail.of(t.s.audit[stream]), nil
	}
	return t.s.trail.all(), nil
}

func (t *tx) Quotas(_ context.Context) ([]voucher.Quota, error) {
	out := make([]voucher.Quota, 0, len(t.s.quotas))
	for _, q := range t.s.quotas {
		out = append(out, q)
	}
	return out, nil
}

func (t *tx) Idempotency(_ context.Context, actorID, key string) (voucher.Idempotency, error) {
	rec, ok := t.s.idem[[2]string{actorID, key}]
	if !ok {
		return voucher.Idempotency{}, notFound("idempotency key", key)
	}
	return copyIdempotency(rec), nil
}

func (t *tx) SaveIdempotency(_ context.Context, rec voucher.Idempotency) error {
	if err := t.writable(); err != nil {
		return err
	}
	k := [2]string{rec.ActorID, rec.Key}
	if old, ok := t.s.idem[k]; ok && (len(old.Result) > 0 || old.Op != rec.Op || old.Request != rec.Request) {
		return conflict("idempotency key %q exists", rec.Key)
	}
	setUndo(t, t.s.idem, k)
	t.s.idem[k] = rec // the caller leaves rec.Result as it is (voucher.Tx); reads copy it
	return nil
}

// copyIdempotency copies rec without sharing its Result, for a reader that may change
// it. Every other field is a string or a time, so a plain copy suffices.
func copyIdempotency(rec voucher.Idempotency) voucher.Idempotency {
	rec.Result = bytes.Clone(rec.Result)
	return rec
}

var _ voucher.Store = (*Store)(nil)

func (t *tx) Upload(_ context.Context, id string) (voucher.Upload, error) {
	u, ok := t.s.uploads[id]
	if !ok {
		return voucher.Upload{}, notFound("upload", id)
	}
	u.Flags = slices.Clone(u.Flags)
	return u, nil
}

func (t *tx) SaveUpload(_ context.Context, u voucher.Upload) error {
	if err := t.writable(); err != nil {
		return err
	}
	if _, ok := t.s.uploads[u.ID]; ok {
		return conflict("upload %q exists", u.ID)
	}
	u.Flags = slices.Clone(u.Flags)
	setUndo(t, t.s.uploads, u.ID)
	t.s.uploads[u.ID] = u
	return nil
}

func (t *tx) Uploads(_ context.Context) ([]voucher.Upload, error) {
	out := make([]voucher.Upload, 0, len(t.s.uploads))
	for _, u := range t.s.uploads {
		u.Flags = slices.Clone(u.Flags)
		out = append(out, u)
	}
	return out, nil
}
