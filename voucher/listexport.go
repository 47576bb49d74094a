package voucher

import "context"

// ListExport selects the records of a list export: the list's filters (产品名称, 服务机构,
// 状态) over every page.
type ListExport struct {
	Product  string `json:"product,omitempty"`
	Provider string `json:"provider,omitempty"`
	Status   State  `json:"status,omitempty"` // as Query.Status: a standing
}

// EachApplication calls fn with every application of the actor's list (see
// [Service.Applications]) that q selects, newest first, so that an export of any length
// holds one page in memory. Each page is read in its own read-only transaction and fn
// runs outside it, so that a slow download never holds the store: a record created
// while the export runs may be missing from it, but none is listed twice and none that
// existed when it started is missed (records are never deleted, so a page can only
// shift later, and what was already passed is skipped). An error from fn stops it and
// is returned.
func (s *Service) EachApplication(ctx context.Context, a Actor, q ListExport, fn func(Application) error) error {
	return eachListed[Application](ctx, s, Tx.Applications, a, q, fn)
}

// EachRedemption is [Service.EachApplication] for the actor's redemptions.
func (s *Service) EachRedemption(ctx context.Context, a Actor, q ListExport, fn func(Redemption) error) error {
	return eachListed[Redemption](ctx, s, Tx.Redemptions, a, q, fn)
}

func eachListed[T any, P reviewed[T]](ctx context.Context, s *Service, table func(Tx) Records[T], a Actor, q ListExport, fn func(T) error) error {
	f := ListFilter{Product: q.Product, Provider: q.Provider, Limit: statsPage}
	if q.Status != "" {
		f.Standings = []State{q.Status}
	}
	if !scope(a, &f) {
		return nil
	}
	var last *Record // the last record passed to fn
	for {
		var items []T
		var total int
		err := s.store.View(ctx, func(tx Tx) (err error) {
			items, total, err = table(tx).List(ctx, f)
			return err
		})
		if err != nil {
			return err
		}
		for i := range items {
			c := P(&items[i]).core()
			if last != nil && !ListLess(false, last.Created, last.Since, last.ID, c.Created, c.Since, c.ID) {
				continue // at or before the last one passed: a page shifted by a record created meanwhile
			}
			if err := fn(items[i]); err != nil {
				return err
			}
			last = c
		}
		f.Offset += len(items)
		if len(items) < statsPage || f.Offset >= total {
			return nil
		}
	}
}

// SeesPersonal reports whether a may see the personal data of r (the contacts' phones
// and e-mail addresses, ID numbers) in a list or an export: the programme office, the
// record's own enterprise and its own reviewers (the district reviewer of its district,
// the reviewers assigned to any of its stages). Anyone else who sees the record — the
// provider of its product — sees that data masked.
func SeesPersonal(a Actor, r Record) bool {
	return canSee(a, r.EnterpriseID, r.District(), r.Assignments)
}
