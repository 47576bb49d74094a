package search

import (
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// Subdirectories of Options.Path.
const (
	labsDir     = "labs"
	productsDir = "products"
)

func newIndex(opts *Options) (*Index, error) {
	if opts == nil {
		opts = &Options{}
	}
	py, al := newPinyinTable(opts.PinyinOverrides), newAliasTable(opts.Aliases, opts.NoDefaultAliases)
	labPath, productPath := "", ""
	if opts.Path != "" {
		labPath, productPath = opts.Path+"/"+labsDir, opts.Path+"/"+productsDir
	}
	labs, err := newCollection(labSpec(), labPath, py, al)
	if err != nil {
		return nil, err
	}
	products, err := newCollection(productSpec(), productPath, py, al)
	if err != nil {
		_ = labs.close()
		return nil, err
	}
	return &Index{labs: labs, products: products}, nil
}

func openIndex(path string, opts *Options) (*Index, error) {
	if opts == nil {
		opts = &Options{}
	}
	py, al := newPinyinTable(opts.PinyinOverrides), newAliasTable(opts.Aliases, opts.NoDefaultAliases)
	labs, err := openCollection(labSpec(), path+"/"+labsDir, py, al)
	if err != nil {
		return nil, err
	}
	products, err := openCollection(productSpec(), path+"/"+productsDir, py, al)
	if err != nil {
		_ = labs.close()
		return nil, err
	}
	return &Index{labs: labs, products: products}, nil
}

// openCollection opens a collection kept on disk and rebuilds its columns from the
// records stored with each document.
func openCollection[T any](sp spec[T], path string, py *pinyinTable, al aliasTable) (*collection[T], error) {
	bx, err := bleve.Open(path)
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", path, err)
	}
	c := &collection[T]{spec: sp, py: py, aliases: al, bx: bx, stored: true, scanRatio: defaultScanRatio}
	c.reset()
	fail := func(err error) (*collection[T], error) {
		_ = bx.Close()
		return nil, err
	}
	adv, err := bx.Advanced()
	if err != nil {
		return fail(err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fail(err)
	}
	defer r.Close()
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return fail(err)
	}
	defer ids.Close()
	sc := &scratch{}
	for {
		iid, err := ids.Next()
		if err != nil {
			return fail(err)
		}
		if iid == nil {
			break
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return fail(err)
		}
		doc, err := r.Document(id)
		if err != nil || doc == nil {
			return fail(fmt.Errorf("search: read stored record %q: %v", id, err))
		}
		var raw []byte
		doc.VisitFields(func(f index.Field) {
			if f.Name() == recField {
				raw = f.Value()
			}
		})
		var rec T
		if err := json.Unmarshal(raw, &rec); err != nil {
			return fail(fmt.Errorf("search: read stored record %q: %w", id, err))
		}
		rw := c.rowOf(rec, sc)
		ord := c.put(rec, rw)
		if c.lists != nil && c.count > maxListRecords {
			c.lists = nil
		}
		if c.lists != nil {
			c.lists.add(ord, rw.fields, c.tat)
		}
	}
	return c, c.refresh()
}
