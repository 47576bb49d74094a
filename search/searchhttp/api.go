package searchhttp

import (
	"net/http"

	"github.com/cxqkit/cxq/internal/web"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// LabsResponse is the JSON answer of GET {prefix}/api/labs.
type LabsResponse struct {
	Query     search.Query  `json:"query"` // the query as understood
	Total     int           `json:"total"`
	Suggested string        `json:"suggested,omitempty"` // what a slip was found as (search.Result.Suggested)
	Hits      []LabHit      `json:"hits"`
	Facets    search.Facets `json:"facets"`
	Page      search.Page   `json:"page"`
}

// LabHit is one lab of LabsResponse: the search hit, with its highlight fragments
// (HTML-escaped text, matches in <mark>), and where the record comes from.
type LabHit struct {
	search.Hit
	Source catalog.Source `json:"source"` // "synthetic" marks sample data
}

// ProductsResponse is the JSON answer of GET {prefix}/api/products.
type ProductsResponse struct {
	Query     search.ProductQuery  `json:"query"`
	Total     int                  `json:"total"`
	Suggested string               `json:"suggested,omitempty"` // as in LabsResponse
	Hits      []search.ProductHit  `json:"hits"`
	Facets    search.ProductFacets `json:"facets"`
	Page      search.Page          `json:"page"`
}

func (h *Handler) apiLabs(w http.ResponseWriter, r *http.Request) {
	vals, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		h.fail(w, r, false, http.StatusBadRequest, err)
		return
	}
	q, err := labQuery(vals)
	if err != nil {
		h.fail(w, r, false, http.StatusBadRequest, err)
		return
	}
	ctx, cancel := h.searchContext(r)
	defer cancel()
	res, err := h.s.SearchLabs(ctx, q)
	if err != nil {
		h.searchFailed(w, r, false, err)
		return
	}
	resp := LabsResponse{Query: q, Total: res.Total, Suggested: res.Suggested, Hits: make([]LabHit, len(res.Hits)),
		Facets: res.Facets, Page: res.Page}
	for i, hit := range res.Hits {
		resp.Hits[i] = LabHit{Hit: hit, Source: hit.Lab.Source}
	}
	h.cacheFor(w)
	writeJSON(w, r, http.StatusOK, resp)
}

func (h *Handler) apiProducts(w http.ResponseWriter, r *http.Request) {
	vals, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		h.fail(w, r, false, http.StatusBadRequest, err)
		return
	}
	q, err := productQuery(vals)
	if err != nil {
		h.fail(w, r, false, http.StatusBadRequest, err)
		return
	}
	ctx, cancel := h.searchContext(r)
	defer cancel()
	res, err := h.s.SearchProducts(ctx, q)
	if err != nil {
		h.searchFailed(w, r, false, err)
		return
	}
	resp := ProductsResponse{Query: q, Total: res.Total, Suggested: res.Suggested, Hits: res.Hits, Facets: res.Facets, Page: res.Page}
	if resp.Hits == nil {
		resp.Hits = []search.ProductHit{}
	}
	h.cacheFor(w)
	writeJSON(w, r, http.StatusOK, resp)
}

// writeJSON writes v as JSON with status; the cache headers are set before.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	web.WriteJSON(w, r, status, "", v)
}
