package search

import (
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
	tfd   index.TermFieldDoc // the posting read, reused
}

// matchTerms walks the posting list of every term of every alternative of every part,
// without frequencies, norms or term vectors, using bleve's index reader directly (the
// norm of a match is its field's in the arena, the same float32 1/√tokens bleve keeps,
// so bleve need not decode one per posting): a record
// matches a part when it holds all terms of one alternative in one field, and the
// query when it matches every part. Its score is Σ boost × idf × norm over the
// alternatives it matched, the parts of tf-idf that rank a short name above a long list
// of services; whole-field and prefix bonuses come on top (see bonuses).
func (c *collection[T]) matchTerms(ctx context.Context, p parsed, keep func(int32) bool, visit func(int32, float64)) error {
	st := c.getPostings()
	defer c.putPostings(st)
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
// pool: at 100,000 records it is about a megabyte, so it is never cleared whole. Only
// the records of cands ever hold a score or a count of parts (a record enters cands
// when it matches the first part, and later parts only count records that did), so
// putPostings clears those alone; stamp is left as it is, since st.alt only grows and a
// stale stamp never equals it. Work per query scales with the matches, not the corpus.
func (c *collection[T]) getPostings() *postings {
	n := len(c.recs)
	st, _ := c.pool.Get().(*postings)
	if st == nil || cap(st.seen) < n {
		return &postings{score: make([]float32, n), seen: make([]uint8, n)}
	}
	st.score, st.seen = st.score[:n], st.seen[:n]
	if st.stamp != nil {
		if cap(st.stamp) < n || st.alt > math.MaxUint32-1<<16 {
			st.stamp, st.cnt, st.alt = nil, nil, 0
		} else {
			st.stamp, st.cnt = st.stamp[:n], st.cnt[:n]
		}
	}
	st.cands = st.cands[:0]
	return st
}

// putPostings clears what a match wrote and returns st to the pool.
func (c *collection[T]) putPostings(st *postings) {
	for _, ord := range st.cands {
		st.score[ord], st.seen[ord] = 0, 0
	}
	st.cands = st.cands[:0]
	c.pool.Put(st)
}

// walk reads the posting lists of one alternative of part number stamp.
func (c *collection[T]) walk(ctx context.Context, st *postings, a alt, stamp uint8) error {
	k := len(a.terms)
	if k > 1 && st.stamp == nil {
		st.stamp, st.cnt = make([]uint32, len(st.seen)), make([]uint8, len(st.seen))
	}
	st.alt++
	var tbuf [8]termCount // an alternative has a term or two, a long part a few more
	terms := tbuf[:]
	if k > len(tbuf) {
		terms = make([]termCount, k)
	}
	terms = terms[:k]
	var opened []index.TermFieldReader // every reader of this walk, closed at its end
	defer func() {
		for _, r := range opened {
			_ = r.Close()
		}
	}()
	idf, docs := 0.0, float64(max(c.count, 1))
	for i, term := range a.terms {
		t, err := c.docFreq(ctx, a.field, term)
		if err != nil {
			return err
		}
		if terms[i] = t; t.r != nil {
			opened = append(opened, t.r)
		}
		if t.n == 0 {
			return nil // a term nobody holds: the alternative matches nothing
		}
		idf += 1 + math.Log(docs/float64(t.n+1))
	}
	w := a.boost * idf / float64(k)
	text := &c.texts[c.tat[a.field]]
	if k > 2 {
		// Every candidate is checked exactly (a cover of three units or more always
		// is), so the two rarest terms are filter enough.
		terms = slices.Clone(terms)
		slices.SortStableFunc(terms, func(x, y termCount) int { return cmp.Compare(x.n, y.n) })
		terms, k = terms[:2], 2
	}
	if a.check && c.dense(st, terms, stamp) {
		return c.scan(ctx, st, a, stamp, w, text)
	}
	rd := &altRead{check: a.check, pat: text.pattern(a.lit), text: text, stamp: stamp, w: w, k: k}
	if terms[0].listed {
		return readLists(ctx, st, rd, terms)
	}
	readers := make([]index.TermFieldReader, 0, k)
	for i := range terms {
		if terms[i].r == nil {
			r, err := c.reader.TermFieldReader(ctx, []byte(terms[i].term), a.field, false, false, false)
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			terms[i].r, opened = r, append(opened, r)
		}
		readers = append(readers, terms[i].r)
	}
	return c.read(ctx, st, rd, readers)
}

// altRead is what each posting of one alternative is matched with: the check of its
// pattern, when it has one, in the field's text, the part number and weight of a
// match, and how many terms a record must hold.
type altRead struct {
	check bool
	pat   pattern
	text  *arena
	stamp uint8
	w     float64
	k     int
}

// read walks the posting lists of readers, in order (see posting).
func (c *collection[T]) read(ctx context.Context, st *postings, rd *altRead, readers []index.TermFieldReader) error {
	tfd := &st.tfd
	for j, r := range readers {
		for i := 0; ; i++ {
			if i&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			d, err := r.Next(tfd)
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			if d == nil {
				break
			}
			if ord, ok := c.ordOf(d.ID.Value()); ok {
				st.posting(rd, ord, j)
			}
		}
	}
	return nil
}

// readLists walks the lists of terms (see termLists), in order, as read walks posting
// lists, checking ctx as often.
func readLists(ctx context.Context, st *postings, rd *altRead, terms []termCount) error {
	for j, t := range terms {
		for i, ord := range t.ords {
			if i&4095 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			st.posting(rd, ord, j)
		}
	}
	return nil
}

// posting takes a posting of term j of the alternative being read, of record ord: a
// record holding all k terms, the earlier ones first, that passes the check (when
// there is one) matches part number stamp with weight w.
func (st *postings) posting(rd *altRead, ord int32, j int) {
	if rd.k > 1 {
		if st.stamp[ord] != st.alt {
			st.stamp[ord], st.cnt[ord] = st.alt, 0
		}
		if int(st.cnt[ord]) != j {
			return
		}
		st.cnt[ord]++
		if j < rd.k-1 {
			return
		}
	}
	if rd.check && !rd.pat.in(rd.text.get(ord)) {
		return
	}
	if st.seen[ord] == rd.stamp-1 {
		st.seen[ord] = rd.stamp
		if rd.stamp == 1 {
			st.cands = append(st.cands, ord)
		}
	}
	if st.seen[ord] == rd.stamp {
		st.score[ord] += float32(rd.w * float64(rd.text.normOf(ord)))
	}
}

// dense reports whether checking a's pattern directly in the text of every record
// that can still match costs less than reading the posting lists: when the lists hold
// more postings than there are such records times scanRatio.
func (c *collection[T]) dense(st *postings, terms []termCount, stamp uint8) bool {
	records := c.count
	if stamp > 1 {
		records = len(st.cands)
	}
	postings := uint64(0)
	for _, t := range terms {
		postings += t.n
	}
	return float64(postings) >= c.scanRatio*float64(records)
}

// termCount is a term and the number of records that hold it, with the reader that
// counted them when it was opened for this match (nil when the count was cached), or
// with the records themselves.
type termCount struct {
	term   string
	n      uint64
	r      index.TermFieldReader
	ords   []int32 // the live records that hold it, when listed
	listed bool    // ords lists them: the collection keeps its own lists (termLists)
}

// scan matches alternative a of part number stamp by checking its pattern in the
// field's text of each record that can still match, scoring with the norm bleve keeps:
// the first part searches the whole arena at once (arena.each), a later one the text of
// each candidate. It finds exactly what walk finds.
func (c *collection[T]) scan(ctx context.Context, st *postings, a alt, stamp uint8, w float64, text *arena) error {
	pat := text.pattern(a.lit)
	hit := func(ord int32) { // ord's text holds a.lit
		if !c.live[ord] || st.seen[ord] < stamp-1 {
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
			if pat.in(text.get(ord)) {
				hit(ord)
			}
		}
		return nil
	}
	n := 0
	return text.each(pat, func(ord int32) error {
		if n++; n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		hit(ord)
		return nil
	})
}
