package voucher

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
)

// Enterprises finds an enterprise's current record (certification, place). It answers an
// error matching cxq.ErrNotFound for an unknown ID.
type Enterprises interface {
	Enterprise(ctx context.Context, id string) (Enterprise, error)
}

// EnterprisesOf returns Enterprises over a fixed list.
func EnterprisesOf(list ...Enterprise) Enterprises {
	m := map[string]Enterprise{}
	for _, e := range list {
		m[e.ID] = e
	}
	return enterpriseMap(m)
}

type enterpriseMap map[string]Enterprise

func (m enterpriseMap) Enterprise(_ context.Context, id string) (Enterprise, error) {
	e, ok := m[id]
	if !ok {
		return Enterprise{}, notFound("enterprise", id)
	}
	return e, nil
}

// Policies is the policy registry: which policy an enterprise applies under at a given
// time, and any version by reference, so a voucher is always judged under the version it
// was issued under.
type Policies interface {
	// For returns the policy an application by e made at t falls under.
	For(ctx context.Context, e Enterprise, at time.Time) (Policy, error)
	// Get returns the policy with ref.
	Get(ctx context.Context, ref PolicyRef) (Policy, error)
}

// PoliciesOf returns a registry over fixed policies: For picks the first that is in
// effect at t and whose area's region (when set) is the enterprise's.
func PoliciesOf(list ...Policy) Policies { return policyList(list) }

type policyList []Policy

func (l policyList) For(_ context.Context, e Enterprise, at time.Time) (Policy, error) {
	for _, p := range l {
		if p.InEffect(at) && (p.Area.Region == "" || p.Area.Region == e.Place.Region) {
			return p, nil
		}
	}
	return Policy{}, fmt.Errorf("voucher: no policy for enterprise %s at %s: %w", e.ID, at.Format(time.RFC3339), cxq.ErrNotFound)
}

func (l policyList) Get(_ context.Context, ref PolicyRef) (Policy, error) {
	for _, p := range l {
		if p.Ref() == ref {
			return p, nil
		}
	}
	return Policy{}, notFound("policy", ref.String())
}
