package memstore

import (
	"context"
	"slices"

	"github.com/cxqkit/cxq/voucher"
)

func (t *tx) Order(_ context.Context, id string) (voucher.Order, error) {
	_, ok := t.s.orders[id]
	if !ok {
		return voucher.Order{}, notFound("order", id)
	}
	return load[voucher.Order](t.s, "order", id), nil
}

func (t *tx) CreateOrder(_ context.Context, o voucher.Order) error {
	if err := t.writable(); err != nil {
		return err
	}
	if _, ok := t.s.orders[o.ID]; ok {
		return conflict("order %q exists", o.ID)
	}
	setUndo(t, t.s.orders, o.ID)
	put(t, t.s.orders, "order", o.ID, o)
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
	setUndo(t, t.s.orders, o.ID)
	put(t, t.s.orders, "order", o.ID, o)
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
		out[i] = load[voucher.Order](t.s, "order", out[i].ID)
	}
	return out, total, nil
}

func (t *tx) Application(_ context.Context, id string) (voucher.Application, error) {
	_, ok := t.s.apps[id]
	if !ok {
		return voucher.Application{}, notFound("application", id)
	}
	return load[voucher.Application](t.s, "application", id), nil
}

// setLive keeps index[owner] = id while the record is live.
func setLive(t *tx, index map[string]string, owner, id string, isLive bool) error {
	cur, taken := index[owner]
	switch {
	case isLive && taken && cur != id:
		return conflict("%q already has a live record %q", owner, cur)
	case isLive && !taken:
		setUndo(t, index, owner)
		index[owner] = id
	case !isLive && taken && cur == id:
		setUndo(t, index, owner)
		delete(index, owner)
	}
	return nil
}

func (t *tx) CreateApplication(_ context.Context, a voucher.Application) error {
	if err := t.writable(); err != nil {
		return err
	}
	if _, ok := t.s.apps[a.ID]; ok {
		return conflict("application %q exists", a.ID)
	}
	if err := setLive(t, t.s.liveApp, a.OrderID, a.ID, a.Live()); err != nil {
		return err
	}
	setUndo(t, t.s.apps, a.ID)
	put(t, t.s.apps, "application", a.ID, a)
	return nil
}

func (t *tx) UpdateApplication(_ context.Context, a voucher.Application) error {
	if err := t.writable(); err != nil {
		return err
	}
	old, ok := t.s.apps[a.ID]
	if !ok {
		return notFound("application", a.ID)
	}
	if old.Version != a.Version-1 {
		return conflict("application %q is at version %d, not %d", a.ID, old.Version, a.Version-1)
	}
	if err := setLive(t, t.s.liveApp, a.OrderID, a.ID, a.Live()); err != nil {
		return err
	}
	setUndo(t, t.s.apps, a.ID)
	put(t, t.s.apps, "application", a.ID, a)
	return nil
}

// match applies the fields common to applications and redemptions.
func match(f voucher.ListFilter, enterprise, product, provider string, st voucher.State, district, assignee string) bool {
	return (f.EnterpriseID == "" || enterprise == f.EnterpriseID) &&
		contains(product, f.Product) && contains(provider, f.Provider) &&
		(len(f.Statuses) == 0 || slices.Contains(f.Statuses, st)) &&
		(f.District == "" || district == f.District) &&
		(f.Assignee == "" || assignee == f.Assignee)
}

func (t *tx) Applications(_ context.Context, f voucher.ListFilter) ([]voucher.Application, int, error) {
	var out []voucher.Application
	for _, a := range t.s.apps {
		if match(f, a.EnterpriseID, a.Product.Name, a.Product.ProviderName, a.State(), a.District(), a.Assignee()) &&
			(f.OrderID == "" || a.OrderID == f.OrderID) && f.ApplicationID == "" {
			out = append(out, a)
		}
	}
	sortKeys(out, func(a, b voucher.Application) bool {
		return voucher.ListLess(f.Oldest, a.Created, a.Since, a.ID, b.Created, b.Since, b.ID)
	})
	total := len(out)
	out = page(out, f.Offset, f.Limit)
	for i := range out {
		out[i] = load[voucher.Application](t.s, "application", out[i].ID)
	}
	return out, total, nil
}

func (t *tx) Redemption(_ context.Context, id string) (voucher.Redemption, error) {
	_, ok := t.s.reds[id]
	if !ok {
		return voucher.Redemption{}, notFound("redemption", id)
	}
	return load[voucher.Redemption](t.s, "redemption", id), nil
}

func (t *tx) CreateRedemption(_ context.Context, r voucher.Redemption) error {
	if err := t.writable(); err != nil {
		return err
	}
	if _, ok := t.s.reds[r.ID]; ok {
		return conflict("redemption %q exists", r.ID)
	}
	if err := setLive(t, t.s.liveRed, r.ApplicationID, r.ID, r.Live()); err != nil {
		return err
	}
	setUndo(t, t.s.reds, r.ID)
	put(t, t.s.reds, "redemption", r.ID, r)
	return nil
}

func (t *tx) UpdateRedemption(_ context.Context, r voucher.Redemption) error {
	if err := t.writable(); err != nil {
		return err
	}
	old, ok := t.s.reds[r.ID]
	if !ok {
		return notFound("redemption", r.ID)
	}
	if old.Version != r.Version-1 {
		return conflict("redemption %q is at version %d, not %d", r.ID, old.Version, r.Version-1)
	}
	if err := setLive(t, t.s.liveRed, r.ApplicationID, r.ID, r.Live()); err != nil {
		return err
	}
	setUndo(t, t.s.reds, r.ID)
	put(t, t.s.reds, "redemption", r.ID, r)
	return nil
}

func (t *tx) Redemptions(_ context.Context, f voucher.ListFilter) ([]voucher.Redemption, int, error) {
	var out []voucher.Redemption
	for _, r := range t.s.reds {
		if match(f, r.EnterpriseID, r.Product.Name, r.Product.ProviderName, r.State(), r.District(), r.Assignee()) &&
			(f.ApplicationID == "" || r.ApplicationID == f.ApplicationID) &&
			(f.OrderID == "" || r.OrderID == f.OrderID) {
			out = append(out, r)
		}
	}
	sortKeys(out, func(a, b voucher.Redemption) bool {
		return voucher.ListLess(f.Oldest, a.Created, a.Since, a.ID, b.Created, b.Since, b.ID)
	})
	total := len(out)
	out = page(out, f.Offset, f.Limit)
	for i := range out {
		out[i] = load[voucher.Redemption](t.s, "redemption", out[i].ID)
	}
	return out, total, nil
}
