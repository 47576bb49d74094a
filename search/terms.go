package search

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	index "github.com/blevesearch/bleve_index_api"
)

// postings is the state of one match over bleve's posting lists, by ordinal.
type postings struct {
	score []float32 // Σ boost × idf × norm over the ways each part matched
	seen  []uint8   // how many parts, in order, the record has matched
	stamp []uint32  // the alternative whose terms cnt counts
	cnt   []uint8   // how many terms of that alternative, in order, the record holds
	cands []int32   // the records that matched the first part
	alt   uint32
}

// matchTerms walks the posting list of every term of every alternative of every part,
// without frequencies or term vectors, using bleve's index reader directly: a record
// matches a part when it holds all terms of one alternative in one field, and the
// query when it matches every part. Its score is Σ boost × idf × norm over the
// alternatives it matched, the parts of tf-idf that rank a short name above a long list
// of services; whole-field and prefix bonuses come on top (see bonuses).
func (c *collection[T]) matchTerms(ctx context.Context, p parsed, keep func(int32) bool, visit func(int32, float64)) error {
	st := c.getPostings()
	defer c.pool.Put(st)
	for pi, pt := range p.parts {
		for _, a := range alternatives(c.spec, pt) {
			if err := c.walk(ctx, st, a, uint8(pi+1)); err != nil {
				return err
			}
		}
	}
	last := uint8(len(p.parts))
	for _, ord := range st.cands {
		if st.seen[ord] == last && keep(ord) {
			visit(ord, float64(st.score[ord]))
		}
	}
	return nil
}

// getPostings returns zeroed state for a match over every ordinal, reused from the
// pool: at 100,000 records it is about a megabyte.
func (c *collection[T]) getPostings() *postings {
	n := len(c.recs)
	st, _ := c.pool.Get().(*postings)
	if st == nil || cap(st.seen) < n {
		return &postings{score: make([]float32, n), seen: make([]uint8, n)}
	}
	st.score, st.seen = st.score[:n], st.seen[:n]
	clear(st.score)
	clear(st.seen)
	if st.stamp != nil {
		if cap(st.stamp) < n {
			st.stamp, st.cnt = nil, nil
		} else {
			st.stamp, st.cnt = st.stamp[:n], st.cnt[:n]
			clear(st.stamp)
			clear(st.cnt)
		}
	}
	st.cands, st.alt = st.cands[:0], 0
	return st
}

// walk reads the posting lists of one alternative of part number stamp.
func (c *collection[T]) walk(ctx context.Context, st *postings, a alt, stamp uint8) error {
	k := len(a.terms)
	if k > 1 && st.stamp == nil {
		st.stamp, st.cnt = make([]uint32, len(st.seen)), make([]uint8, len(st.seen))
	}
	st.alt++
	readers := make([]index.TermFieldReader, 0, k)
	defer func() {
		for _, r := range readers {
			_ = r.Close()
		}
	}()
	idf := 0.0
	docs := float64(max(c.count, 1))
	for _, term := range a.terms {
		r, err := c.reader.TermFieldReader(ctx, []byte(term), a.field, false, true, false)
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		readers = append(readers, r)
		if r.Count() == 0 {
			return nil // a term nobody holds: the alternative matches nothing
		}
		idf += 1 + math.Log(docs/float64(r.Count()+1))
	}
	w := a.boost * idf / float64(k)
	text := &c.texts[c.tat[a.field]]
	if k > 2 {
		// Every candidate is checked exactly (a cover of three units or more always
		// is), so the two rarest terms are filter enough.
		slices.SortStableFunc(readers, func(x, y index.TermFieldReader) int { return cmp.Compare(x.Count(), y.Count()) })
		for _, r := range readers[2:] {
			_ = r.Close()
		}
		readers, k = readers[:2], 2
	}
	if a.check && c.dense(st, readers, stamp) {
		return c.scan(ctx, st, a, stamp, w, text)
	}
	var tfd index.TermFieldDoc
	for j, r := range readers {
		for i := 0; ; i++ {
			if i&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			d, err := r.Next(&tfd)
			if err != nil {
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
			if k > 1 {
				if st.stamp[ord] != st.alt {
					st.stamp[ord], st.cnt[ord] = st.alt, 0
				}
				if int(st.cnt[ord]) != j {
					continue
				}
				st.cnt[ord]++
				if j < k-1 {
					continue
				}
			}
			if a.check && !bytes.Contains(text.get(ord), a.lit) {
				continue
			}
			if st.seen[ord] == stamp-1 {
				st.seen[ord] = stamp
				if stamp == 1 {
					st.cands = append(st.cands, ord)
				}
			}
			if st.seen[ord] == stamp {
				st.score[ord] += float32(w * d.Norm)
			}
		}
	}
	return nil
}

// dense reports whether checking a's pattern directly in the text of every record
// that can still match costs less than reading the posting lists: when the lists hold
// more postings than there are such records times scanRatio.
func (c *collection[T]) dense(st *postings, readers []index.TermFieldReader, stamp uint8) bool {
	records := c.count
	if stamp > 1 {
		records = len(st.cands)
	}
	postings := uint64(0)
	for _, r := range readers {
		postings += r.Count()
	}
	return float64(postings) >= c.scanRatio*float64(records)
}

// scan matches alternative a of part number stamp by checking its pattern in the
// field's text of each record that can still match, scoring with the norm bleve keeps.
// It finds exactly what walk finds.
func (c *collection[T]) scan(ctx context.Context, st *postings, a alt, stamp uint8, w float64, text *arena) error {
	check := func(ord int32) {
		if !c.live[ord] || st.seen[ord] < stamp-1 || !bytes.Contains(text.get(ord), a.lit) {
			return
		}
		if st.seen[ord] == stamp-1 {
			st.seen[ord] = stamp
			if stamp == 1 {
				st.cands = append(st.cands, ord)
			}
		}
		st.score[ord] += float32(w * float64(text.normOf(ord)))
	}
	if stamp > 1 {
		for i, ord := range st.cands {
			if i&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			check(ord)
		}
		return nil
	}
	for ord := range int32(len(c.live)) {
		if ord&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		check(ord)
	}
	return nil
}
