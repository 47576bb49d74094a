package search

import (
	"context"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// The facet columns of labs, in labSpec order.
const (
	labRegion = iota
	labKind
	labLegalEntity
)

func labSpec() spec[catalog.Lab] {
	return spec[catalog.Lab]{
		id: func(l catalog.Lab) string { return l.ID },
		fields: prepare([]field[catalog.Lab]{
			{name: "name", boost: 4, value: func(l catalog.Lab) string { return l.Name }, pinyin: true, exact: 1000, prefix: 300},
			{name: "legal_entity", boost: 2.5, value: func(l catalog.Lab) string { return l.LegalEntity }, pinyin: true, exact: 400, prefix: 100},
			{name: "contact", boost: 2, value: func(l catalog.Lab) string { return l.Contact }, pinyin: true, surname: true, exact: 400},
			{name: "phone", group: "other", boost: 1.5, value: func(l catalog.Lab) string { return l.Phone }, exact: 400, digits: true},
			{name: "kind", group: "other", boost: 1, value: func(l catalog.Lab) string { return string(l.Kind) }},
			{name: "region", group: "other", boost: 1, value: func(l catalog.Lab) string { return string(l.Region) }},
			{name: "services", group: "other", boost: 1.2, values: func(l catalog.Lab) []string { return l.Services }},
		}),
		facets: []func(catalog.Lab) string{
			labRegion:      func(l catalog.Lab) string { return string(l.Region) },
			labKind:        func(l catalog.Lab) string { return string(l.Kind) },
			labLegalEntity: func(l catalog.Lab) string { return l.LegalEntity },
		},
	}
}

var labSorts = []Sort{SortRelevance, SortName, SortRegion}

func (ix *Index) searchLabs(ctx context.Context, q Query) (*Result, error) {
	c := ix.labs
	if errs := checkPage(q.Page, q.Size, q.Sort, labSorts); len(errs) > 0 {
		return nil, &cxq.ValidationError{Errors: errs}
	}
	p, err := parseText(ctx, q.Text, c.aliases)
	if err != nil {
		return nil, err
	}
	page := NewPage(0, q.Page, q.Size)

	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return nil, ErrClosed
	}
	keep := c.labFilter(q)
	better := byScore
	switch q.Sort {
	case SortName:
		better = byKeys(func(o int32) string { return c.recs[o].Name })
	case SortRegion:
		better = byKeys(func(o int32) string { return string(c.recs[o].Region) }, func(o int32) string { return c.recs[o].Name })
	}
	r, p, suggested, err := c.rankOrSlip(ctx, p, keep, better, page.Offset()+page.Size)
	if err != nil {
		return nil, err
	}
	total := r.total
	page = NewPage(total, page.Number, page.Size)
	res := &Result{Total: total, Suggested: suggested, Hits: make([]Hit, 0, len(r.top[min(page.Offset(), len(r.top)):])), Page: page, Facets: Facets{
		Region:      r.facets[labRegion],
		Kind:        r.facets[labKind],
		LegalEntity: r.facets[labLegalEntity],
	}}
	mk := newMarker(p)
	for _, cd := range r.top[min(page.Offset(), len(r.top)):] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l := c.recs[cd.ord]
		res.Hits = append(res.Hits, Hit{
			ID: l.ID, Name: l.Name, Region: string(l.Region), LegalEntity: l.LegalEntity,
			Contact: l.Contact, Phone: l.Phone, Kind: string(l.Kind), Score: round4(cd.score),
			Highlights: c.highlights(cd.ord, l, mk), Lab: l,
		})
	}
	return res, nil
}

// labFilter returns the filter of a lab query's regions, kinds, legal entity and scope
// over the columns, applied to every match before it is counted.
func (c *collection[T]) labFilter(q Query) func(int32) bool {
	var tests []func(int32) bool
	if t := c.inColumn(labRegion, regionStrings(q.Regions)); t != nil {
		tests = append(tests, t)
	}
	if t := c.inColumn(labKind, kindStrings(q.Kinds)); t != nil {
		tests = append(tests, t)
	}
	if q.LegalEntity != "" {
		tests = append(tests, c.inColumn(labLegalEntity, []string{q.LegalEntity}))
	}
	if s := q.Scope; s != nil {
		for _, t := range []func(int32) bool{
			c.inColumn(labRegion, regionStrings(s.Regions)),
			c.inColumn(labKind, kindStrings(s.Kinds)),
			c.inColumn(labLegalEntity, s.LegalEntities),
			c.inIDs(s.IDs),
		} {
			if t != nil {
				tests = append(tests, t)
			}
		}
	}
	return allOf(tests)
}

func regionStrings(rs []catalog.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

func kindStrings(ks []catalog.LabKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func round4(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 10000
}
