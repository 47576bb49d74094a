package search

import (
	"sort"

	"github.com/cxqkit/cxq/catalog"
)

// Result is one page of a lab search.
type Result struct {
	Total int `json:"total"` // labs that match, on every page
	// Suggested is set when the text found nothing and its parts in Chinese characters,
	// retried by their pinyin, did: the text the hits were found for, "南开大学" for
	// "南开大雪" ("您是不是要找：南开大学"). It is empty otherwise.
	Suggested string `json:"suggested,omitempty"`
	Hits      []Hit  `json:"hits"` // the labs of this page, best first
	Facets    Facets `json:"facets"`
	Page      Page   `json:"page"`
}

// Hit is one lab of a result. The fields repeat the lab's stored fields; Lab holds the
// whole record.
type Hit struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Region      string  `json:"region"`
	LegalEntity string  `json:"legal_entity"`
	Contact     string  `json:"contact"`
	Phone       string  `json:"phone"`
	Kind        string  `json:"kind"`
	Score       float64 `json:"score"`
	// Highlights maps a field name (name, legal_entity, contact, phone, kind, services)
	// to fragments of its text in which the matched characters are wrapped in <mark>.
	// The text is HTML-escaped first, so a fragment is safe to put in a page as is.
	Highlights map[string][]string `json:"highlights"`
	Lab        catalog.Lab         `json:"-"`
}

// Facets holds, for each facet field, how many matching records hold each value.
type Facets struct {
	Region      Facet `json:"region"`
	Kind        Facet `json:"kind"`
	LegalEntity Facet `json:"legal_entity"`
}

// Facet maps a value to the number of matching records that hold it. Values with no
// match are left out.
type Facet map[string]int

// FacetCount is one value of a facet and its count.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Counts returns the values by count, largest first, then by value.
func (f Facet) Counts() []FacetCount {
	out := make([]FacetCount, 0, len(f))
	for v, n := range f {
		out = append(out, FacetCount{Value: v, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// ProductResult is one page of a product search.
type ProductResult struct {
	Total     int           `json:"total"`
	Suggested string        `json:"suggested,omitempty"` // as in Result
	Hits      []ProductHit  `json:"hits"`
	Facets    ProductFacets `json:"facets"`
	Page      Page          `json:"page"`
}

// ProductHit is one product of a result.
type ProductHit struct {
	ID         string              `json:"id"`
	Name       string              `json:"name"`
	Provider   string              `json:"provider"`
	Category   string              `json:"category"` // "仪器设备/仪器共享"
	Location   string              `json:"location"`
	Price      string              `json:"price"` // "100.00 元/项"
	Voucher    bool                `json:"voucher"`
	Score      float64             `json:"score"`
	Highlights map[string][]string `json:"highlights"` // name, provider, category, location, description
	Product    catalog.Product     `json:"-"`
}

// ProductFacets holds the facet counts of a product search.
type ProductFacets struct {
	Category Facet `json:"category"` // top-level category
	Location Facet `json:"location"`
	Voucher  Facet `json:"voucher"` // "true" / "false"
}
