package search

import "github.com/cxqkit/cxq/catalog"

// Sort orders the hits of a result.
type Sort string

// The orders a search can return.
const (
	SortRelevance Sort = ""       // best match first: whole-field matches, then name matches
	SortName      Sort = "name"   // by name, in Unicode order
	SortRegion    Sort = "region" // by region, then by name
)

// Limits on a query.
const (
	DefaultSize  = 10  // hits per page when Query.Size is 0
	MaxSize      = 100 // the largest page size accepted
	MaxTextRunes = 200 // the longest query text accepted, in characters
	MaxPage      = 10000
)

// Query is a lab search. The zero Query matches every lab and returns its first page.
type Query struct {
	// Text is what the user typed. Whitespace separates parts; every part must be found
	// in some field (or its pinyin, or an alias). Empty text matches everything.
	Text string `json:"text"`
	// Regions keeps labs in any of these regions; empty means all.
	Regions []catalog.Region `json:"regions,omitempty"`
	// Kinds keeps labs of any of these kinds; empty means all.
	Kinds []catalog.LabKind `json:"kinds,omitempty"`
	// LegalEntity keeps labs of exactly this legal entity (法人单位); empty means all.
	LegalEntity string `json:"legal_entity,omitempty"`
	// Page is the page number, counted from 1. Defaults to 1.
	Page int `json:"page,omitempty"`
	// Size is the number of hits per page. Defaults to DefaultSize; at most MaxSize.
	Size int `json:"size,omitempty"`
	// Sort orders the hits. Defaults to SortRelevance.
	Sort Sort `json:"sort,omitempty"`
	// Scope is the part of the catalog the caller may see; nil means everything.
	// It is applied inside the query: totals and facets count only what it allows.
	Scope *Scope `json:"-"`
}

// Scope restricts a search to what a caller may see. Every non-empty list must match.
type Scope struct {
	Regions       []catalog.Region  // labs (or products' provider locations) in these regions
	Kinds         []catalog.LabKind // labs of these kinds
	LegalEntities []string          // labs of these legal entities
	IDs           []string          // only these records
}

// ProductQuery is a product search. The zero ProductQuery matches every product.
type ProductQuery struct {
	// Text is what the user typed, as in Query.Text; it is matched against the product
	// name, provider, category, location and description.
	Text string `json:"text"`
	// Categories keeps products whose top-level or second-level category is one of these.
	Categories []string `json:"categories,omitempty"`
	// Locations keeps products located in one of these places (所在地).
	Locations []string `json:"locations,omitempty"`
	// Provider keeps products of this provider ID.
	Provider string `json:"provider,omitempty"`
	// Voucher keeps only products that carry the innovation-voucher badge (创新券标识).
	Voucher bool `json:"voucher,omitempty"`
	// Page, Size and Sort are as in Query.
	Page int  `json:"page,omitempty"`
	Size int  `json:"size,omitempty"`
	Sort Sort `json:"sort,omitempty"`
	// Scope restricts the search; only its IDs list applies to products.
	Scope *Scope `json:"-"`
}
