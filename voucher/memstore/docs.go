package memstore

import (
	"context"

	"github.com/cxqkit/cxq/voucher"
)

// A Doc holds only values (its Data is a string), so it is stored and returned as it is.

func (t *tx) Doc(_ context.Context, kind, id string) (voucher.Doc, error) {
	d, ok := t.s.docs[voucher.StreamOf(kind, id)]
	if !ok {
		return d, notFound(kind, id)
	}
	return d, nil
}

func (t *tx) CreateDoc(_ context.Context, d voucher.Doc) error {
	if err := t.writable(); err != nil {
		return err
	}
	k := voucher.StreamOf(d.Kind, d.ID)
	if _, ok := t.s.docs[k]; ok {
		return conflict("%s exists", k)
	}
	if d.Version != 1 {
		return conflict("%s created at version %d", k, d.Version)
	}
	setUndo(t, t.s.docs, k)
	t.s.docs[k] = d
	return nil
}

func (t *tx) UpdateDoc(_ context.Context, d voucher.Doc) error {
	if err := t.writable(); err != nil {
		return err
	}
	k := voucher.StreamOf(d.Kind, d.ID)
	cur, ok := t.s.docs[k]
	switch {
	case !ok:
		return notFound(d.Kind, d.ID)
	case cur.Version != d.Version-1:
		return conflict("%s is at version %d, not %d", k, cur.Version, d.Version-1)
	}
	d.Created = cur.Created
	setUndo(t, t.s.docs, k)
	t.s.docs[k] = d
	return nil
}

func (t *tx) Docs(_ context.Context, f voucher.DocFilter) ([]voucher.Doc, error) {
	var out []voucher.Doc
	for _, d := range t.s.docs {
		if f.Matches(d) {
			out = append(out, d)
		}
	}
	sortKeys(out, voucher.DocLess)
	return out, nil
}
