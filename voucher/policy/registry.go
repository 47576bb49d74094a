package policy

import (
	"fmt"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
)

// Registry holds policy versions by ref. It is immutable once built and safe for
// concurrent use: it keeps its own copies of the policies it is given and hands out
// copies, so no caller can change a version through a shared slice.
type Registry struct {
	list []Policy
}

// NewRegistry validates every policy and returns a registry over them. A ref given
// twice is an error matching cxq.ErrConflict; an invalid policy returns its
// *cxq.ValidationError.
func NewRegistry(policies ...Policy) (*Registry, error) {
	seen := map[Ref]bool{}
	r := &Registry{list: make([]Policy, 0, len(policies))}
	for _, p := range policies {
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("policy: policy %s: %w", p.Ref(), err)
		}
		if seen[p.Ref()] {
			return nil, fmt.Errorf("policy: policy %s given twice: %w", p.Ref(), cxq.ErrConflict)
		}
		seen[p.Ref()] = true
		r.list = append(r.list, p.clone())
	}
	return r, nil
}

// Get returns the policy with ref, or an error matching cxq.ErrNotFound.
func (r *Registry) Get(ref Ref) (Policy, error) {
	for _, p := range r.list {
		if p.Ref() == ref {
			return p.clone(), nil
		}
	}
	return Policy{}, fmt.Errorf("policy: no policy %s: %w", ref, cxq.ErrNotFound)
}

// At returns the version of policy id in effect at t (the latest start among those in
// effect), or an error matching cxq.ErrNotFound.
func (r *Registry) At(id string, t time.Time) (Policy, error) {
	best := -1
	for i, p := range r.list {
		if p.ID == id && p.InEffect(t) && (best < 0 || p.From.After(r.list[best].From)) {
			best = i
		}
	}
	if best < 0 {
		return Policy{}, fmt.Errorf("policy: no version of policy %q in effect at %s: %w", id, t.Format(time.RFC3339), cxq.ErrNotFound)
	}
	return r.list[best].clone(), nil
}

// Latest returns the version of policy id registered last, or an error matching
// cxq.ErrNotFound. It is the lookup for tests and tools that name a policy without a
// date; the lifecycle judges a claim by the version in effect ([Registry.At]).
func (r *Registry) Latest(id string) (Policy, error) {
	for i := len(r.list) - 1; i >= 0; i-- {
		if r.list[i].ID == id {
			return r.list[i].clone(), nil
		}
	}
	return Policy{}, fmt.Errorf("policy: no policy %q: %w", id, cxq.ErrNotFound)
}

// All returns a copy of every policy, in the order given.
func (r *Registry) All() []Policy {
	out := make([]Policy, len(r.list))
	for i, p := range r.list {
		out[i] = p.clone()
	}
	return out
}

// Refs returns the refs of every policy, in the order given.
func (r *Registry) Refs() []Ref {
	out := make([]Ref, len(r.list))
	for i, p := range r.list {
		out[i] = p.Ref()
	}
	return out
}

// clone returns a copy of p that shares no slice or pointer with it.
func (p Policy) clone() Policy {
	c := p
	c.Sources = slices.Clone(p.Sources)
	if p.Until != nil {
		u := *p.Until
		c.Until = &u
	}
	c.Tiers = slices.Clone(p.Tiers)
	c.Bonuses = slices.Clone(p.Bonuses)
	c.Exclusive = slices.Clone(p.Exclusive)
	if p.Excluded != nil {
		c.Excluded = make([]Exclusion, len(p.Excluded))
		for i, x := range p.Excluded {
			x.Categories = slices.Clone(x.Categories)
			c.Excluded[i] = x
		}
	}
	return c
}
