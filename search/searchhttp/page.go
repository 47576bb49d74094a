package searchhttp

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// page serves the HTML search page.
func (h *Handler) page(w http.ResponseWriter, r *http.Request) {
	vals, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		h.fail(w, r, true, http.StatusBadRequest, err)
		return
	}
	var v *pageView
	if h.opts.Page == PageProducts {
		v, err = h.productsPage(r, vals)
	} else {
		v, err = h.labsPage(r, vals)
	}
	if err != nil {
		if errors.Is(err, cxq.ErrInvalid) {
			h.failPage(w, r, http.StatusBadRequest, err)
		} else {
			h.searchFailed(w, r, true, err)
		}
		return
	}
	h.cacheFor(w)
	h.writePage(w, r, http.StatusOK, v)
}

// baseView fills what every page shows.
func (h *Handler) baseView(vals url.Values) *pageView {
	nav := make([]navLink, len(h.opts.Nav))
	for i, n := range h.opts.Nav {
		nav[i] = navLink(n)
	}
	return &pageView{
		Site:     h.opts.Site,
		Title:    h.opts.Heading + " - " + h.opts.Site,
		Heading:  h.opts.Heading,
		Lead:     h.opts.Lead,
		Footer:   h.opts.Footer,
		HomeHref: h.opts.HomeHref,
		Nav:      nav,
		CSS:      Stylesheet(),
		Action:   "./",
		MaxQuery: search.MaxTextRunes,
		Q:        vals.Get(paramQ),
		SearchLabel: map[PageKind]string{
			PageLabs: "检索开放实验室", PageProducts: "检索科技服务产品"}[h.opts.Page],
	}
}

// failPage answers an error as the page with a notice, searching nothing.
func (h *Handler) failPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	vals, perr := url.ParseQuery(r.URL.RawQuery)
	if perr != nil || len(r.URL.RawQuery) > h.opts.MaxURLBytes {
		vals = url.Values{}
	}
	v := h.baseView(vals)
	v.Q = search.CutText(v.Q)
	for _, fe := range toValidation(err).Errors {
		v.Problems = append(v.Problems, fe.Message(cxq.ZH))
	}
	v.Pager = buildPager(0, 1, 1, nil)
	w.Header().Set("Cache-Control", "no-store")
	h.writePage(w, r, status, v)
}

func (h *Handler) writePage(w http.ResponseWriter, r *http.Request, status int, v *pageView) {
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy",
		"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	if r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	w.WriteHeader(status)
	if err := renderPage(w, v); err != nil {
		h.opts.Logger.ErrorContext(r.Context(), "render search page", "err", err)
	}
}

// suggest returns the view of a suggested text, or nil for none.
func suggest(text string, vals url.Values) *suggestView {
	if text == "" {
		return nil
	}
	return &suggestView{Text: text, Href: link(vals, paramQ, text)}
}

// link returns the page's relative URL for vals with key set to value ("" removes it).
// Changing a filter or the text starts again at page 1.
func link(vals url.Values, key, value string) string {
	c := url.Values{}
	for k, vs := range vals {
		if k == key || k == paramPage || len(vs) == 0 {
			continue
		}
		c[k] = vs
	}
	if value != "" {
		c.Set(key, value)
	}
	if len(c) == 0 {
		return "./"
	}
	return "?" + c.Encode()
}

// pageLink returns the relative URL of page n of the same search.
func pageHref(vals url.Values) func(int) string {
	return func(n int) string {
		c := url.Values{}
		for k, vs := range vals {
			if k != paramPage && len(vs) > 0 {
				c[k] = vs
			}
		}
		if n > 1 {
			c.Set(paramPage, strconv.Itoa(n))
		}
		if len(c) == 0 {
			return "./"
		}
		return "?" + c.Encode()
	}
}

// facet lays out one facet: values in the given order first, then the others by count;
// a value counts as active when it is among the active ones, and its link removes it.
func facet(label cxq.Text, param string, f search.Facet, order []string, active []string, vals url.Values) facetView {
	fv := facetView{Label: label.ZH, Param: param}
	seen := map[string]bool{}
	add := func(value string, count int) {
		if seen[value] {
			return
		}
		seen[value] = true
		on := slices.Contains(active, value)
		href := link(vals, param, value)
		if on {
			href = link(vals, param, "")
		}
		fv.Values = append(fv.Values, facetValue{Label: value, Count: count, Href: href, Active: on})
	}
	for _, v := range order {
		if n, ok := f[v]; ok && n > 0 {
			add(v, n)
		}
	}
	for _, fc := range f.Counts() {
		if fc.Count > 0 {
			add(fc.Value, fc.Count)
		}
	}
	for _, v := range active { // a filter that matched nothing still shows, to be removed
		add(v, 0)
	}
	return fv
}

// chips lists the active filters of params, each with the link that removes it.
func chips(vals url.Values, params ...string) []chip {
	var out []chip
	for _, p := range params {
		for _, v := range vals[p] {
			if v == "" {
				continue
			}
			out = append(out, chip{Label: v, Href: link(vals, p, "")})
		}
	}
	return out
}

func (h *Handler) labsPage(r *http.Request, vals url.Values) (*pageView, error) {
	q, err := labQuery(vals)
	if err != nil {
		return nil, err
	}
	if q.Size == 0 {
		q.Size = h.opts.PageSize
	}
	ctx, cancel := h.searchContext(r)
	defer cancel()
	res, err := h.s.SearchLabs(ctx, q)
	if err != nil {
		return nil, err
	}
	v := h.baseView(vals)
	v.Q = q.Text
	v.Suggested = suggest(res.Suggested, vals)
	for _, p := range []string{paramRegion, paramKind, paramEntity} {
		for _, x := range vals[p] {
			if x != "" {
				v.Hidden = append(v.Hidden, hiddenField{Name: p, Value: x})
			}
		}
	}
	regions := make([]string, 0, len(q.Regions))
	for _, reg := range q.Regions {
		regions = append(regions, string(reg))
	}
	kinds := make([]string, 0, len(q.Kinds))
	for _, k := range q.Kinds {
		kinds = append(kinds, string(k))
	}
	regionOrder := regionNames()
	var kindOrder []string
	for _, k := range catalog.LabKinds() {
		kindOrder = append(kindOrder, string(k))
	}
	norm := normalised(vals, map[string][]string{paramRegion: regions, paramKind: kinds})
	labFacets := func(q search.Query) (search.Facets, error) {
		q.Page, q.Size = 1, 1
		r, err := h.s.SearchLabs(ctx, q)
		return r.Facets, err
	}
	regionCounts, err := facetCounts(res.Facets, len(q.Regions) > 0, func() search.Query { o := q; o.Regions = nil; return o },
		labFacets, func(f search.Facets) search.Facet { return f.Region })
	if err != nil {
		return nil, err
	}
	kindCounts, err := facetCounts(res.Facets, len(q.Kinds) > 0, func() search.Query { o := q; o.Kinds = nil; return o },
		labFacets, func(f search.Facets) search.Facet { return f.Kind })
	if err != nil {
		return nil, err
	}
	v.Facets = []facetView{
		facet(labelRegion, paramRegion, regionCounts, regionOrder, regions, norm),
		facet(labelKind, paramKind, kindCounts, kindOrder, kinds, norm),
	}
	v.Chips = chips(norm, paramRegion, paramKind, paramEntity)
	v.Total = res.Total
	for _, hit := range res.Hits {
		v.Labs = append(v.Labs, labCardOf(hit))
	}
	v.Pager = buildPager(res.Total, res.Page.Number, res.Page.Size, pageHref(norm))
	return v, nil
}

// normalised returns vals with the filter parameters in repl replaced by their parsed
// values, so that "北京市" and "北京" give the same links and active states.
func normalised(vals url.Values, repl map[string][]string) url.Values {
	c := url.Values{}
	for k, vs := range vals {
		c[k] = vs
	}
	for k, vs := range repl {
		if len(vs) == 0 {
			delete(c, k)
		} else {
			c[k] = vs
		}
	}
	return c
}

func labCardOf(hit search.Hit) labCard {
	lab := hit.Lab
	name, entity, contact, phone, region, kind := hit.Name, hit.LegalEntity, hit.Contact, hit.Phone, hit.Region, hit.Kind
	if lab.ID != "" { // the stored record is the authority when present
		name, entity, contact, phone = lab.Name, lab.LegalEntity, lab.Contact, lab.Phone
		region, kind = string(lab.Region), string(lab.Kind)
	}
	return labCard{
		ID:             hit.ID,
		Region:         region,
		Kind:           kind,
		Sample:         lab.Source == catalog.SourceSynthetic,
		Name:           highlight(name, hit.Highlights, "name"),
		NameCut:        slices.Contains(lab.Truncated, "name"),
		LegalEntity:    highlight(entity, hit.Highlights, "legal_entity"),
		LegalEntityCut: slices.Contains(lab.Truncated, "legal_entity"),
		Contact:        highlight(contact, hit.Highlights, "contact"),
		Phone:          highlight(phone, hit.Highlights, "phone"),
		Tel:            telHref(phone, region),
		Services:       snippet(hit.Highlights["services"], 2),
	}
}

func (h *Handler) productsPage(r *http.Request, vals url.Values) (*pageView, error) {
	q, err := productQuery(vals)
	if err != nil {
		return nil, err
	}
	if q.Size == 0 {
		q.Size = h.opts.PageSize
	}
	ctx, cancel := h.searchContext(r)
	defer cancel()
	res, err := h.s.SearchProducts(ctx, q)
	if err != nil {
		return nil, err
	}
	v := h.baseView(vals)
	v.Q = q.Text
	v.Suggested = suggest(res.Suggested, vals)
	for _, p := range []string{paramCategory, paramLocation, paramProvider} {
		for _, x := range vals[p] {
			if x != "" {
				v.Hidden = append(v.Hidden, hiddenField{Name: p, Value: x})
			}
		}
	}
	v.Toggle = &toggleView{Name: paramVoucher, Label: "仅看可用创新券", Checked: q.Voucher}
	norm := normalised(vals, map[string][]string{paramCategory: q.Categories, paramLocation: q.Locations})
	if q.Voucher {
		norm.Set(paramVoucher, "1")
	} else {
		norm.Del(paramVoucher)
	}
	productFacets := func(q search.ProductQuery) (search.ProductFacets, error) {
		q.Page, q.Size = 1, 1
		r, err := h.s.SearchProducts(ctx, q)
		return r.Facets, err
	}
	categoryCounts, err := facetCounts(res.Facets, len(q.Categories) > 0,
		func() search.ProductQuery { o := q; o.Categories = nil; return o },
		productFacets, func(f search.ProductFacets) search.Facet { return f.Category })
	if err != nil {
		return nil, err
	}
	locationCounts, err := facetCounts(res.Facets, len(q.Locations) > 0,
		func() search.ProductQuery { o := q; o.Locations = nil; return o },
		productFacets, func(f search.ProductFacets) search.Facet { return f.Location })
	if err != nil {
		return nil, err
	}
	v.Facets = []facetView{
		facet(labelCategory, paramCategory, categoryCounts, catOrder(), q.Categories, norm),
		facet(labelLocation, paramLocation, locationCounts, regionNames(), q.Locations, norm),
	}
	v.Chips = chips(norm, paramCategory, paramLocation, paramProvider)
	if q.Voucher {
		v.Chips = append(v.Chips, chip{Label: "创新券", Href: link(norm, paramVoucher, "")})
	}
	v.Total = res.Total
	for _, hit := range res.Hits {
		c := productCardOf(hit)
		c.Sample = h.opts.SampleProducts
		if h.opts.ProductHref != nil {
			c.Href = h.opts.ProductHref(hit.ID)
		}
		v.Products = append(v.Products, c)
	}
	v.Pager = buildPager(res.Total, res.Page.Number, res.Page.Size, pageHref(norm))
	return v, nil
}

func productCardOf(hit search.ProductHit) productCard {
	p := hit.Product
	c := productCard{
		ID:       hit.ID,
		Name:     highlight(hit.Name, hit.Highlights, "name"),
		Provider: highlight(hit.Provider, hit.Highlights, "provider"),
		Category: strings.ReplaceAll(hit.Category, "/", " / "),
		Price:    hit.Price,
		Location: hit.Location,
		Voucher:  hit.Voucher,
	}
	if !p.Listed.IsZero() {
		c.Listed = p.Listed.Format("2006-01-02")
	}
	return c
}

// regionNames lists 北京, 天津, 河北: facets show them first, as the programme does.
func regionNames() []string {
	var out []string
	for _, reg := range catalog.JJJRegions() {
		out = append(out, string(reg))
	}
	return out
}

// catOrder lists the marketplace's top-level categories in the catalog's order.
func catOrder() []string {
	var out []string
	for _, c := range catalog.Categories() {
		if !slices.Contains(out, c.Top) {
			out = append(out, c.Top)
		}
	}
	return out
}

// facetCounts is what a facet shows: what choosing each of its values would find. So
// while its own filter is set (filtered), it counts the same search without that filter
// (without), one hit long, instead of the search's own facets (own): with 河北 chosen,
// 北京 and 天津 still show theirs.
func facetCounts[Q, F any](own F, filtered bool, without func() Q, facets func(Q) (F, error), pick func(F) search.Facet) (search.Facet, error) {
	if !filtered {
		return pick(own), nil
	}
	f, err := facets(without())
	return pick(f), err
}
