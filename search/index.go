package search

import (
	"context"
	"errors"

	"github.com/cxqkit/cxq/catalog"
)

// ErrClosed is returned by every method of an Index after Close.
var ErrClosed = errors.New("search: index closed")

// Options configures an Index. A nil *Options means all defaults.
type Options struct {
	// Path keeps the index on disk (scorch) in this directory, which must not exist yet.
	// Defaults to "": the index lives in memory.
	Path string
	// Aliases adds abbreviations to DefaultAliases: 天大 → 天津大学. A query part equal
	// to a key also finds records that contain one of its expansions.
	Aliases map[string][]string
	// NoDefaultAliases makes Aliases replace DefaultAliases instead of adding to it, for
	// a portal outside the region or with its own table. Defaults to false.
	NoDefaultAliases bool
	// PinyinOverrides adds readings to DefaultPinyinOverrides: a word of Chinese text
	// mapped to its syllables separated by spaces ("长城": "chang cheng"). The longest
	// matching word wins.
	PinyinOverrides map[string]string
}

// Index is a searchable set of labs and products. It is safe for concurrent use.
type Index struct {
	labs     *collection[catalog.Lab]
	products *collection[catalog.Product]
}

// New returns an empty index.
func New(opts *Options) (*Index, error) { return newIndex(opts) }

// Build returns an index holding labs and products.
func Build(labs []catalog.Lab, products []catalog.Product, opts *Options) (*Index, error) {
	ix, err := New(opts)
	if err != nil {
		return nil, err
	}
	if err := ix.Rebuild(labs, products); err != nil {
		_ = ix.Close()
		return nil, err
	}
	return ix, nil
}

// Open opens an index kept on disk at path by an earlier New or Build with
// Options.Path. opts.Path is ignored.
func Open(path string, opts *Options) (*Index, error) { return openIndex(path, opts) }

// AddLabs adds labs, replacing any lab with the same ID. A lab without an ID is an
// error and nothing is added.
func (ix *Index) AddLabs(labs ...catalog.Lab) error { return ix.labs.add(labs) }

// DeleteLab removes the lab with this ID; it returns cxq.ErrNotFound if there is none.
func (ix *Index) DeleteLab(id string) error { return ix.labs.delete(id) }

// AddProducts adds products, replacing any product with the same ID.
func (ix *Index) AddProducts(products ...catalog.Product) error { return ix.products.add(products) }

// DeleteProduct removes the product with this ID; it returns cxq.ErrNotFound if there
// is none.
func (ix *Index) DeleteProduct(id string) error { return ix.products.delete(id) }

// Rebuild replaces everything in the index with labs and products.
func (ix *Index) Rebuild(labs []catalog.Lab, products []catalog.Product) error {
	if err := ix.labs.rebuild(labs); err != nil {
		return err
	}
	return ix.products.rebuild(products)
}

// Lab returns the indexed lab with this ID.
func (ix *Index) Lab(id string) (catalog.Lab, bool) { return ix.labs.get(id) }

// Product returns the indexed product with this ID.
func (ix *Index) Product(id string) (catalog.Product, bool) { return ix.products.get(id) }

// Len returns how many labs and products the index holds.
func (ix *Index) Len() (labs, products int) { return ix.labs.len(), ix.products.len() }

// Close releases the index. Closing twice is not an error.
func (ix *Index) Close() error {
	err1 := ix.labs.close()
	err2 := ix.products.close()
	return errors.Join(err1, err2)
}

// SearchLabs runs q. A malformed query returns a *cxq.ValidationError.
func (ix *Index) SearchLabs(ctx context.Context, q Query) (*Result, error) {
	return ix.searchLabs(ctx, q)
}

// SearchProducts runs q. A malformed query returns a *cxq.ValidationError.
func (ix *Index) SearchProducts(ctx context.Context, q ProductQuery) (*ProductResult, error) {
	return ix.searchProducts(ctx, q)
}
