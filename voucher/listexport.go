package voucher

import "context"

// ListExport selects the records of a list export: the list's filters (产品名称, 服务机构,
// 状态) over every page.
type ListExport struct {
	Product  string `json:"product,omitempty"`
	Provider string `json:"provider,omitempty"`
	Status   State  `json:"status,omitempty"`
}

// EachApplication calls fn with every application of the actor's list (see
// [Service.Applications]) that q selects, newest first, read page by page in one
// read-only transaction, so that an export of any length holds one page in memory. An
// error from fn stops it and is returned.
func (s *Service) EachApplication(ctx context.Context, a Actor, q ListExport, fn func(Application) error) error {
	return eachListed(ctx, s, Tx.Applications, a, q, fn)
}

// EachRedemption is [Service.EachApplication] for the actor's redemptions.
func (s *Service) EachRedemption(ctx context.Context, a Actor, q ListExport, fn func(Redemption) error) error {
	return eachListed(ctx, s, Tx.Redemptions, a, q, fn)
}

func eachListed[T any](ctx context.Context, s *Service, table func(Tx) Records[T], a Actor, q ListExport, fn func(T) error) error {
	f := ListFilter{Product: q.Product, Provider: q.Provider}
	if q.Status != "" {
		f.Statuses = []State{q.Status}
	}
	if !scope(a, &f) {
		return nil
	}
	return s.store.View(ctx, func(tx Tx) error { return eachRecord(ctx, table(tx), f, fn) })
}

// SeesPersonal reports whether a may see the personal data of r (the contacts' phones
// and e-mail addresses, ID numbers) in a list or an export: the programme office, the
// record's own enterprise and its own reviewers (the district reviewer of its district,
// the reviewers assigned to any of its stages). Anyone else who sees the record — the
// provider of its product — sees that data masked.
func SeesPersonal(a Actor, r Record) bool {
	return canSee(a, r.EnterpriseID, r.District(), r.Assignments)
}
