package voucher

import (
	"context"
	"time"

	"github.com/cxqkit/cxq"
)

// What an application holds moves here, and only here: every movement of its
// reservation on its quota is made on its budget pools too (Application.Pools, when the
// programme keeps a budget), in the same transaction and audited, so money released by a
// rejection, a withdrawal, an expiry, a return (退券) or a lower redeemed amount goes back
// to both exactly once — app.Reserved is what is still held, and each movement takes it
// down.

// unreserve releases everything the application still holds, on its quota and pool, and
// counts its claim back (a rejection, a withdrawal, a resubmission, a return).
func (s *Service) unreserve(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, note string) error {
	if app.Reserved.Sign() <= 0 {
		return nil
	}
	for _, k := range app.heldOn() {
		if err := s.release(ctx, tx, a, now, k, app.Reserved, note); err != nil {
			return err
		}
	}
	app.Reserved = cxq.Money{}
	return nil
}

// settleHeld releases reserved of what the application holds and consumes paid of it
// (paid ≤ reserved ≤ app.Reserved), on its quota and pool: a redemption paid out, or
// an expiry (paid zero).
func (s *Service) settleHeld(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, reserved, paid cxq.Money, note string) error {
	for _, k := range app.heldOn() {
		if err := s.settleQuota(ctx, tx, a, now, k, reserved, paid, note); err != nil {
			return err
		}
	}
	app.Reserved, app.Paid = app.Reserved.Sub(reserved), app.Paid.Add(paid)
	return nil
}

// reclaimPaid takes amount (≤ app.Paid) of what the application was paid back out of
// its quota and pool (a clawback after a spot check): a negative movement on both.
func (s *Service) reclaimPaid(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, amount cxq.Money, note string) error {
	for _, k := range app.heldOn() {
		q, err := tx.ReclaimQuota(ctx, k, amount)
		if err != nil {
			return err
		}
		if err := s.moved(ctx, tx, a, now, "quota.reclaim", q, auditNote("amount", amount.String(), "note", note)); err != nil {
			return err
		}
	}
	app.Paid = app.Paid.Sub(amount)
	app.Reclaimed = app.Reclaimed.Add(amount)
	return nil
}

// heldOn returns the quota rows the application holds money on: its quota and, under a
// budget, its pool.
func (app *Application) heldOn() []QuotaKey {
	return append([]QuotaKey{app.Quota}, app.Pools...)
}
