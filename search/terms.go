package search

import (
	"context"
	"fmt"
	"math"

	index "github.com/blevesearch/bleve_index_api"
)

// termsOnly reports whether every part of p is one indexed term: one or two characters,
// not letters (no pinyin) and no alias. Such queries, the ones that match the most
// records, read bleve's posting lists directly instead of going through its searchers.
func termsOnly(p parsed) bool {
	if len(p.parts) == 0 {
		return false
	}
	for _, pt := range p.parts {
		if pt.letters || len(pt.aliases) > 0 || len(pt.runes) > 2 {
			return false
		}
	}
	return true
}

// matchTerms is match for a termsOnly query. It walks the posting list of each part's
// term in each text field, without frequencies or term vectors, and scores a record by
// the fields it matched in: Σ boost × norm × idf, the parts of tf-idf that tell a short
// name from a long list of services.
func (c *collection[T]) matchTerms(ctx context.Context, p parsed, keep func(int32) bool, visit func(int32, float64)) error {
	type group struct {
		field string
		boost float64
	}
	var groups []group
	done := map[string]bool{}
	for _, f := range c.spec.fields {
		if !done[f.index()] {
			done[f.index()] = true
			groups = append(groups, group{f.index(), f.boost})
		}
	}
	n := len(c.recs)
	score := make([]float32, n)
	seen := make([]uint8, n) // how many parts, in order, a record has matched
	var cands []int32
	docs := float64(max(c.count, 1))
	var tfd index.TermFieldDoc
	for pi, pt := range p.parts {
		term := []byte(pt.text)
		stamp := uint8(pi + 1)
		for _, g := range groups {
			tfr, err := c.reader.TermFieldReader(ctx, term, g.field, false, true, false)
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			idf := 1 + math.Log(docs/float64(tfr.Count()+1))
			w := g.boost * idf
			for k := 0; ; k++ {
				if k&4095 == 0 {
					if err := ctx.Err(); err != nil {
						_ = tfr.Close()
						return err
					}
				}
				d, err := tfr.Next(&tfd)
				if err != nil {
					_ = tfr.Close()
					return fmt.Errorf("search: %w", err)
				}
				if d == nil {
					break
				}
				num := d.ID.Value()
				if num >= uint64(len(c.docOrd)) {
					continue
				}
				ord := c.docOrd[num]
				if ord < 0 || !c.live[ord] {
					continue
				}
				if seen[ord] == stamp-1 {
					seen[ord] = stamp
					if pi == 0 {
						cands = append(cands, ord)
					}
				}
				if seen[ord] == stamp {
					score[ord] += float32(w * d.Norm)
				}
			}
			if err := tfr.Close(); err != nil {
				return fmt.Errorf("search: %w", err)
			}
		}
	}
	last := uint8(len(p.parts))
	for _, ord := range cands {
		if seen[ord] == last && keep(ord) {
			visit(ord, float64(score[ord]))
		}
	}
	return nil
}
