package memstore

import (
	"context"
	"slices"

	"github.com/cxqkit/cxq/internal/deepcopy"
	"github.com/cxqkit/cxq/voucher"
)

func (t *tx) Order(_ context.Context, id string) (voucher.Order, error) {
	_, ok := t.s.orders[id]
	if !ok {
		return voucher.Order{}, notFound("order", id)
	}
	return load(t.s.orders, id), nil
}

func (t *tx) CreateOrder(_ context.Context, o voucher.Order) error {
	if err := t.writable(); err != nil {
		return err
	}
	if _, ok := t.s.orders[o.ID]; ok {
		return conflict("order %q exists", o.ID)
	}
	put(t, t.s.orders, o.ID, o)
	return nil
}

func (t *tx) UpdateOrder(_ context.Context, o voucher.Order) error {
	if err := t.writable(); err != nil {
		return err
	}
	old, ok := t.s.orders[o.ID]
	if !ok {
		return notFound("order", o.ID)
	}
	if old.Version != o.Version-1 {
		return conflict("order %q is at version %d, not %d", o.ID, old.Version, o.Version-1)
	}
	put(t, t.s.orders, o.ID, o)
	return nil
}

func (t *tx) Orders(_ context.Context, f voucher.OrderFilter) ([]voucher.Order, int, error) {
	var out []voucher.Order
	for _, o := range t.s.orders {
		if (f.EnterpriseID == "" || o.EnterpriseID == f.EnterpriseID) &&
			(f.ProviderID == "" || o.Product.ProviderID == f.ProviderID) {
			out = append(out, o)
		}
	}
	sortKeys(out, func(a, b voucher.Order) bool {
		if !a.Created.Equal(b.Created) {
			return a.Created.After(b.Created)
		}
		return a.ID > b.ID
	})
	total := len(out)
	out = page(out, f.Offset, f.Limit)
	for i := range out {
		out[i] = deepcopy.Copy(out[i])
	}
	return out, total, nil
}

func newApplications() *records[voucher.Application] {
	return newRecords(voucher.StreamApplication, func(a *voucher.Application) *voucher.Record { return &a.Record },
		func(a *voucher.Application) string { return a.OrderID },
		func(a *voucher.Application, f voucher.ListFilter) bool {
			return (f.ApplicationID == "" || a.ID == f.ApplicationID) && standsIn(a.Standing(), f)
		})
}

func newRedemptions() *records[voucher.Redemption] {
	return newRecords(voucher.StreamRedemption, func(r *voucher.Redemption) *voucher.Record { return &r.Record },
		func(r *voucher.Redemption) string { return r.ApplicationID },
		func(r *voucher.Redemption, f voucher.ListFilter) bool {
			return (f.ApplicationID == "" || r.ApplicationID == f.ApplicationID) && standsIn(r.State(), f)
		})
}

func (t *tx) Applications() voucher.Records[voucher.Application] {
	return table[voucher.Application]{t: t, r: t.s.apps}
}

func (t *tx) Redemptions() voucher.Records[voucher.Redemption] {
	return table[voucher.Redemption]{t: t, r: t.s.reds}
}

// standsIn reports whether a record standing at st passes f.Standings.
func standsIn(st voucher.State, f voucher.ListFilter) bool {
	return len(f.Standings) == 0 || slices.Contains(f.Standings, st)
}
