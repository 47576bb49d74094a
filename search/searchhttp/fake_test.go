package searchhttp

import (
	"context"
	"errors"
	"html"
	"slices"
	"strings"
	"sync"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// fakeSearcher is a substring matcher standing in for the index, so that the handler's
// own behaviour (parameters, escaping, errors, layout) is tested apart from ranking.
type fakeSearcher struct {
	labs     []catalog.Lab
	products []catalog.Product
	err      error // returned by every search when set

	mu       sync.Mutex
	lastLab  search.Query
	lastProd search.ProductQuery
	calls    int
}

func (f *fakeSearcher) SearchLabs(_ context.Context, q search.Query) (*search.Result, error) {
	f.mu.Lock()
	f.lastLab, f.calls = q, f.calls+1
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	if strings.Contains(q.Text, "(bad)") {
		return nil, &cxq.ValidationError{Errors: []*cxq.FieldError{cxq.NewFieldError("text", "bad_query", nil,
			cxq.T("检索式无法理解", "the query cannot be understood"))}}
	}
	var matched []catalog.Lab
	for _, l := range f.labs {
		if (len(q.Regions) == 0 || slices.Contains(q.Regions, l.Region)) &&
			(len(q.Kinds) == 0 || slices.Contains(q.Kinds, l.Kind)) &&
			(q.LegalEntity == "" || q.LegalEntity == l.LegalEntity) &&
			(q.Text == "" || strings.Contains(l.Name+"|"+l.LegalEntity+"|"+l.Contact, q.Text)) {
			matched = append(matched, l)
		}
	}
	res := &search.Result{Total: len(matched), Facets: search.Facets{
		Region: search.Facet{}, Kind: search.Facet{}, LegalEntity: search.Facet{}}}
	for _, l := range matched {
		res.Facets.Region[string(l.Region)]++
		res.Facets.Kind[string(l.Kind)]++
		res.Facets.LegalEntity[l.LegalEntity]++
	}
	res.Page = search.NewPage(len(matched), q.Page, q.Size)
	if res.Page.From > 0 {
		for _, l := range matched[res.Page.From-1 : res.Page.To] {
			res.Hits = append(res.Hits, search.Hit{
				ID: l.ID, Name: l.Name, Region: string(l.Region), LegalEntity: l.LegalEntity,
				Contact: l.Contact, Phone: l.Phone, Kind: string(l.Kind), Lab: l,
				Highlights: fakeHighlights(q.Text, map[string]string{
					"name": l.Name, "legal_entity": l.LegalEntity, "contact": l.Contact}),
			})
		}
	}
	return res, nil
}

// fakeHighlights escapes each field and marks the query in it, as the index does.
func fakeHighlights(text string, fields map[string]string) map[string][]string {
	out := map[string][]string{}
	if text == "" {
		return out
	}
	for k, v := range fields {
		if strings.Contains(v, text) {
			out[k] = []string{strings.ReplaceAll(html.EscapeString(v), html.EscapeString(text),
				"<mark>"+html.EscapeString(text)+"</mark>")}
		}
	}
	return out
}

func (f *fakeSearcher) SearchProducts(_ context.Context, q search.ProductQuery) (*search.ProductResult, error) {
	f.mu.Lock()
	f.lastProd, f.calls = q, f.calls+1
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	var matched []catalog.Product
	for _, p := range f.products {
		if (!q.Voucher || p.Voucher) &&
			(len(q.Categories) == 0 || slices.Contains(q.Categories, p.Category.Top)) &&
			(len(q.Locations) == 0 || slices.Contains(q.Locations, p.Location)) &&
			(q.Text == "" || strings.Contains(p.Name+"|"+p.Provider, q.Text)) {
			matched = append(matched, p)
		}
	}
	res := &search.ProductResult{Total: len(matched), Facets: search.ProductFacets{
		Category: search.Facet{}, Location: search.Facet{}, Voucher: search.Facet{}}}
	for _, p := range matched {
		res.Facets.Category[p.Category.Top]++
		res.Facets.Location[p.Location]++
		if p.Voucher {
			res.Facets.Voucher["true"]++
		} else {
			res.Facets.Voucher["false"]++
		}
	}
	res.Page = search.NewPage(len(matched), q.Page, q.Size)
	if res.Page.From > 0 {
		for _, p := range matched[res.Page.From-1 : res.Page.To] {
			res.Hits = append(res.Hits, search.ProductHit{
				ID: p.ID, Name: p.Name, Provider: p.Provider, Category: p.Category.Top + "/" + p.Category.Sub,
				Location: p.Location, Price: p.Price.Amount.String() + " 元/" + p.Price.Unit, Voucher: p.Voucher,
				Product:    p,
				Highlights: fakeHighlights(q.Text, map[string]string{"name": p.Name, "provider": p.Provider}),
			})
		}
	}
	return res, nil
}

var errBroken = errors.New("index file unreadable")
