package voucher

import (
	"context"

	"github.com/cxqkit/cxq/voucher/policy"
)

// Enterprises finds an enterprise's current record (certification, place). It answers an
// error matching cxq.ErrNotFound for an unknown ID.
type Enterprises interface {
	Enterprise(ctx context.Context, id string) (policy.Enterprise, error)
}

// EnterprisesOf returns Enterprises over a fixed list.
func EnterprisesOf(list ...policy.Enterprise) Enterprises {
	m := map[string]policy.Enterprise{}
	for _, e := range list {
		m[e.ID] = e
	}
	return enterpriseMap(m)
}

type enterpriseMap map[string]policy.Enterprise

func (m enterpriseMap) Enterprise(_ context.Context, id string) (policy.Enterprise, error) {
	e, ok := m[id]
	if !ok {
		return policy.Enterprise{}, notFound("enterprise", id)
	}
	return e, nil
}
