package voucher

import (
	"context"
	"time"
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

// Policies is the policy registry: the version of a programme in effect at a moment, and
// any version by reference, so a voucher is always judged under the version it was issued
// under. *PolicyRegistry implements it.
type Policies interface {
	At(id string, t time.Time) (Policy, error)
	Get(ref PolicyRef) (Policy, error)
}
