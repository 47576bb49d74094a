package voucher

import (
	"context"

	"github.com/cxqkit/cxq/voucher/policy"
)

// Who redeems. A policy says whether the enterprise or the provider of the order starts,
// fills in, submits and withdraws the redemption of a voucher (policy.Policy.Redeemer):
// under provider redemption (Binhai, Hebei in-province) the provider's person (RoleProvider,
// Org the order's provider) does and the enterprise gets a *DeniedError; under enterprise
// redemption it is the other way round. Whoever redeems, the redemption and its quota
// stay the enterprise's; the provider sees the redemptions of its own orders.

// ownsApplication is the applications' owner check: only the enterprise acts on them.
func (s *Service) ownsApplication(_ context.Context, a Actor, c *Record) (bool, string, error) {
	return ownsEnterprise(a, c.EnterpriseID), "", nil
}

// redeems reports whether a may act as the redeemer of the voucher the record belongs
// to. A party to the order that may not gets the reason (a visible denial); anyone else
// gets none (answered as not found).
func (s *Service) redeems(ctx context.Context, a Actor, c *Record) (bool, string, error) {
	ent, prov := ownsEnterprise(a, c.EnterpriseID), providerOf(a, c)
	if !ent && !prov {
		return false, "", nil
	}
	p, err := s.policies.Get(c.Policy)
	if err != nil {
		return false, "", err
	}
	_, pv, err := s.catalog.Product(ctx, c.Product.ID)
	if err != nil {
		return false, "", err
	}
	switch who := p.Redeemer(policy.ProviderPlace(pv)); {
	case who == policy.RedeemerProvider && ent:
		return false, "under this policy the provider redeems the voucher", nil
	case who == policy.RedeemerEnterprise && prov:
		return false, "under this policy the enterprise redeems the voucher", nil
	}
	return true, "", nil
}

// visibleTo reports whether a may read record c of kind: canSee, or — for a redemption
// under a policy where the provider redeems — the provider of its order. Under a policy
// where the enterprise redeems, the provider sees none of its redemptions.
func (s *Service) visibleTo(ctx context.Context, a Actor, kind string, c *Record) (bool, error) {
	if canSee(a, c.EnterpriseID, c.District(), c.Assignments) {
		return true, nil
	}
	if kind != StreamRedemption || !providerOf(a, c) {
		return false, nil
	}
	ok, _, err := s.redeems(ctx, a, c)
	return ok, err
}

// providerOf reports whether a is a person of the provider the record's order went to.
func providerOf(a Actor, c *Record) bool {
	return a.Role == RoleProvider && a.Org != "" && a.Org == c.Product.ProviderID
}
