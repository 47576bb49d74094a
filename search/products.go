package search

import (
	"context"
	"strconv"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// The facet columns of products, in productSpec order.
const (
	productCategory = iota
	productSub
	productLocation
	productVoucher
	productProvider
)

func categoryPath(c catalog.Category) string {
	if c.Sub == "" {
		return c.Top
	}
	return c.Top + "/" + c.Sub
}

func productSpec() spec[catalog.Product] {
	return spec[catalog.Product]{
		id: func(p catalog.Product) string { return p.ID },
		fields: prepare([]field[catalog.Product]{
			{name: "name", boost: 4, value: func(p catalog.Product) string { return p.Name }, pinyin: true, exact: 1000, prefix: 300},
			{name: "provider", boost: 2.5, value: func(p catalog.Product) string { return p.Provider }, pinyin: true, exact: 400, prefix: 100},
			{name: "category", group: "other", boost: 1.5, value: func(p catalog.Product) string { return categoryPath(p.Category) }},
			{name: "location", group: "other", boost: 1.5, value: func(p catalog.Product) string { return p.Location }},
			{name: "description", group: "other", boost: 0.5, value: func(p catalog.Product) string { return p.Description }},
		}),
		facets: []func(catalog.Product) string{
			productCategory: func(p catalog.Product) string { return p.Category.Top },
			productSub:      func(p catalog.Product) string { return p.Category.Sub },
			productLocation: func(p catalog.Product) string { return p.Location },
			productVoucher:  func(p catalog.Product) string { return strconv.FormatBool(p.Voucher) },
			productProvider: func(p catalog.Product) string { return p.ProviderID },
		},
	}
}

var productSorts = []Sort{SortRelevance, SortName}

func (ix *Index) searchProducts(ctx context.Context, q ProductQuery) (*ProductResult, error) {
	c := ix.products
	if errs := checkPage(q.Page, q.Size, q.Sort, productSorts); len(errs) > 0 {
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
	keep := c.productFilter(q)
	better := byScore
	if q.Sort == SortName {
		better = byKeys(func(o int32) string { return c.recs[o].Name })
	}
	r, p, suggested, err := c.rankOrSlip(ctx, p, keep, better, page.Offset()+page.Size)
	if err != nil {
		return nil, err
	}
	total := r.total
	page = NewPage(total, page.Number, page.Size)
	res := &ProductResult{Total: total, Suggested: suggested, Hits: make([]ProductHit, 0, len(r.top[min(page.Offset(), len(r.top)):])), Page: page, Facets: ProductFacets{
		Category: r.facets[productCategory],
		Location: r.facets[productLocation],
		Voucher:  r.facets[productVoucher],
	}}
	mk := newMarker(p)
	for _, cd := range r.top[min(page.Offset(), len(r.top)):] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pr := c.recs[cd.ord]
		res.Hits = append(res.Hits, ProductHit{
			ID: pr.ID, Name: pr.Name, Provider: pr.Provider, Category: categoryPath(pr.Category),
			Location: pr.Location, Price: pr.Price.String(),
			Voucher: pr.Voucher, Score: round4(cd.score), Highlights: c.highlights(cd.ord, pr, mk), Product: pr,
		})
	}
	return res, nil
}

// productFilter returns the filter of a product query over the columns.
func (c *collection[T]) productFilter(q ProductQuery) func(int32) bool {
	var tests []func(int32) bool
	if len(q.Categories) > 0 {
		top, sub := c.inColumn(productCategory, q.Categories), c.inColumn(productSub, q.Categories)
		tests = append(tests, func(o int32) bool { return top(o) || sub(o) })
	}
	if t := c.inColumn(productLocation, q.Locations); t != nil {
		tests = append(tests, t)
	}
	if q.Provider != "" {
		tests = append(tests, c.inColumn(productProvider, []string{q.Provider}))
	}
	if q.Voucher {
		tests = append(tests, c.inColumn(productVoucher, []string{"true"}))
	}
	if q.Scope != nil {
		if t := c.inIDs(q.Scope.IDs); t != nil {
			tests = append(tests, t)
		}
	}
	return allOf(tests)
}
