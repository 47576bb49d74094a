package search

import (
	"context"
	"fmt"
)

// Document frequencies: how many records hold a term in a field, the idf of a match.

// maxDocFreqs bounds the cache of document frequencies; it is emptied when full.
const maxDocFreqs = 1 << 16

// freqKey is a term of a bleve field, the key of the cache of document frequencies: a
// pair of the strings a query already holds, not a string made per lookup.
type freqKey struct{ field, term string }

// docFreq returns how many records of the reader's snapshot hold term in field. A
// collection that keeps its own term lists answers from them, with the records (see
// termLists). Otherwise counts are cached until the next refresh, since opening a term
// reader looks the term up in every segment and only the two rarest terms of a long
// part are read; a count that was not cached comes with the reader that made it, for
// the caller to read and close.
func (c *collection[T]) docFreq(ctx context.Context, field, term string) (termCount, error) {
	if c.lists != nil {
		ords := c.lists.of(c.tat[field], term)
		return termCount{term: term, n: uint64(len(ords)), ords: ords, listed: true}, nil
	}
	key := freqKey{field, term}
	c.freqMu.Lock()
	n, ok := c.freqs[key]
	c.freqMu.Unlock()
	if ok {
		return termCount{term: term, n: n}, nil
	}
	r, err := c.reader.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return termCount{term: term}, fmt.Errorf("search: %w", err)
	}
	n = r.Count()
	c.freqMu.Lock()
	if len(c.freqs) >= maxDocFreqs {
		clear(c.freqs)
	}
	c.freqs[key] = n
	c.freqMu.Unlock()
	return termCount{term: term, n: n, r: r}, nil
}

// ordOf returns the ordinal of the live record at document number num of the reader.
func (c *collection[T]) ordOf(num uint64) (int32, bool) {
	if num >= uint64(len(c.docOrd)) {
		return 0, false
	}
	ord := c.docOrd[num]
	return ord, ord >= 0 && c.live[ord]
}
