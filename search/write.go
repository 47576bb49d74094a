package search

import (
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/cxqkit/cxq"
)

// Writes to a collection: every one holds the lock, indexes in bleve, updates the
// columns and arenas, and opens a reader on the new snapshot (refresh).

// add indexes records, replacing those with the same ID, in one batch.
func (c *collection[T]) add(rs []T) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	if err := c.addLocked(rs); err != nil {
		return err
	}
	return c.refresh()
}

// addLocked indexes records in batches of batchSize; the caller holds the lock and
// refreshes the reader afterwards. Every record is checked before any is indexed.
func (c *collection[T]) addLocked(rs []T) error {
	for i, r := range rs {
		if c.spec.id(r) == "" {
			return cxq.NewFieldError(fmt.Sprintf("[%d].id", i), "required", nil, cxq.T("记录编号不能为空", "the record ID is required"))
		}
	}
	rs = lastByID(rs, c.spec.id)
	c.reserve(len(rs))
	// Batches of distinct records are indexed concurrently, one segment each; every
	// term of a query is looked up in every segment.
	workers := max(1, min(runtime.GOMAXPROCS(0), 4))
	size := min(maxBatchSize, max(128, (len(rs)+workers-1)/workers))
	var chunks [][]T
	for start := 0; start < len(rs); start += size {
		chunks = append(chunks, rs[start:min(start+size, len(rs))])
	}
	return c.indexInOrder(chunks, workers, c.listable(rs))
}

// listable reports whether the collection keeps its term lists through adding rs: it
// has them, every record of rs is new and the collection stays within maxListRecords.
// It drops the lists otherwise.
func (c *collection[T]) listable(rs []T) bool {
	if c.lists != nil && len(c.recs)+len(rs) > maxListRecords {
		c.lists = nil
	}
	for i := 0; c.lists != nil && i < len(rs); i++ {
		if _, ok := c.ords[c.spec.id(rs[i])]; ok {
			c.lists = nil // a list cannot drop the record's old terms
		}
	}
	return c.lists != nil
}

// indexInOrder indexes each chunk as one batch on up to workers goroutines, each taking
// the next batch as it finishes one, and puts each batch's rows into the columns in
// order as soon as it is indexed, while later batches still are. When listing, each
// batch also lists its records' terms under the ordinals put will give them, the next
// ones in order, and its lists are appended to the collection's. On an error the
// batches under way finish before it returns.
func (c *collection[T]) indexInOrder(chunks [][]T, workers int, listing bool) error {
	type done struct {
		rows  []*row
		lists *termLists
		err   error
	}
	from := make([]int32, len(chunks)) // the ordinal of each chunk's first record when listing, else -1
	ord := int32(len(c.recs))
	for i, part := range chunks {
		from[i] = -1
		if listing {
			from[i], ord = ord, ord+int32(len(part))
		}
	}
	results := make([]chan done, len(chunks))
	for i := range results {
		results[i] = make(chan done, 1)
	}
	next, stop := make(chan int), make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		close(stop)
		wg.Wait()
	}()
	go func() {
		defer close(next)
		for i := range chunks {
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for range min(workers, len(chunks)) {
		wg.Go(func() {
			for i := range next {
				rows, lists, err := c.indexBatch(chunks[i], from[i])
				results[i] <- done{rows, lists, err}
			}
		})
	}
	for i, part := range chunks {
		d := <-results[i]
		if d.err != nil {
			return d.err
		}
		for j, r := range part {
			if ord := c.put(r, d.rows[j]); ord != from[i]+int32(j) {
				c.lists = nil // not the ordinal it was listed under (never, as records are new)
			}
		}
		if c.lists != nil {
			c.lists.merge(d.lists)
		}
	}
	return nil
}

// maxBatchSize bounds the records of one batch, and so of one segment.
var maxBatchSize = 2000

// indexBatch indexes records in one bleve batch and, unless from is -1, lists their
// terms under the ordinals from, from+1 and so on.
func (c *collection[T]) indexBatch(part []T, from int32) ([]*row, *termLists, error) {
	batch := c.bx.NewBatch()
	rows := make([]*row, len(part))
	var lists *termLists
	if from >= 0 {
		lists = newTermLists(len(c.tnames))
	}
	sc := &scratch{}
	for i, r := range part {
		rows[i] = c.rowOf(r, sc)
		if lists != nil {
			lists.add(from+int32(i), rows[i].fields, c.tat)
		}
		doc, err := c.document(r, rows[i])
		if err != nil {
			return nil, nil, err
		}
		if err := batch.IndexAdvanced(doc); err != nil {
			return nil, nil, fmt.Errorf("search: index %q: %w", c.spec.id(r), err)
		}
	}
	if err := c.bx.Batch(batch); err != nil {
		return nil, nil, fmt.Errorf("search: index batch: %w", err)
	}
	return rows, lists, nil
}

// lastByID returns rs without records whose ID comes again later, keeping the order.
func lastByID[T any](rs []T, id func(T) string) []T {
	last := make(map[string]int, len(rs))
	for i, r := range rs {
		last[id(r)] = i
	}
	if len(last) == len(rs) {
		return rs
	}
	out := make([]T, 0, len(last))
	for i, r := range rs {
		if last[id(r)] == i {
			out = append(out, r)
		}
	}
	return out
}

// reserve makes room in the columns and arenas for n more records, so that a large
// batch grows each of them once instead of by doubling.
func (c *collection[T]) reserve(n int) {
	c.recs, c.live = slices.Grow(c.recs, n), slices.Grow(c.live, n)
	for i := range c.cols {
		c.cols[i].codes = slices.Grow(c.cols[i].codes, n)
	}
	for i := range c.keys {
		c.keys[i] = slices.Grow(c.keys[i], n)
	}
	for k := range c.texts {
		c.texts[k].reserve(n)
	}
}

// put records r in the columns and returns its ordinal. Replacing a record drops the
// term lists, which cannot drop its old terms.
func (c *collection[T]) put(r T, rw *row) int32 {
	id := c.spec.id(r)
	ord, ok := c.ords[id]
	if ok {
		c.lists = nil
	} else {
		ord = int32(len(c.recs))
		c.ords[id] = ord
		var zero T
		c.recs = append(c.recs, zero)
		c.live = append(c.live, false)
		for i := range c.cols {
			c.cols[i].codes = append(c.cols[i].codes, 0)
		}
		for i := range c.keys {
			c.keys[i] = append(c.keys[i], "")
		}
	}
	if !c.live[ord] {
		c.count++
	}
	c.recs[ord], c.live[ord] = r, true
	for i, f := range c.spec.facets {
		c.cols[i].codes[ord] = c.cols[i].code(f(r))
	}
	for i := range c.keys {
		c.keys[i][ord] = rw.keys[i]
	}
	for k := range c.texts {
		c.texts[k].set(ord, rw.texts[k], rw.tokens[k])
	}
	return ord
}

func (c *collection[T]) delete(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	ord, ok := c.ords[id]
	if !ok || !c.live[ord] {
		return fmt.Errorf("search: record %q: %w", id, cxq.ErrNotFound)
	}
	if err := c.bx.Delete(id); err != nil {
		return fmt.Errorf("search: delete %q: %w", id, err)
	}
	var zero T
	c.recs[ord], c.live[ord], c.lists = zero, false, nil
	for i := range c.keys {
		c.keys[i][ord] = ""
	}
	for k := range c.texts {
		c.texts[k].set(ord, "", 0)
	}
	c.count--
	return c.refresh()
}

// rebuild replaces every record of the index with rs.
func (c *collection[T]) rebuild(rs []T) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	if err := c.clear(); err != nil {
		return err
	}
	c.reset()
	if err := c.addLocked(rs); err != nil {
		_ = c.refresh()
		return err
	}
	return c.refresh()
}

// clear empties the index: a fresh in-memory index, or every document deleted from the
// one on disk.
func (c *collection[T]) clear() error {
	if c.count == 0 {
		return nil
	}
	if !c.stored {
		bx, err := bleve.NewUsing("", c.mapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			return fmt.Errorf("search: create index: %w", err)
		}
		if c.reader != nil {
			_ = c.reader.Close()
			c.reader = nil
		}
		_ = c.bx.Close()
		c.bx = bx
		return nil
	}
	batch := c.bx.NewBatch()
	for id, ord := range c.ords {
		if c.live[ord] {
			batch.Delete(id)
		}
	}
	if err := c.bx.Batch(batch); err != nil {
		return fmt.Errorf("search: clear index: %w", err)
	}
	return nil
}

// refresh opens a reader on the newest snapshot and maps its document numbers to
// ordinals, reusing the maps of segments it already knows.
func (c *collection[T]) refresh() error {
	adv, err := c.bx.Advanced()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("search: open reader: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		_ = r.Close()
		return fmt.Errorf("search: unexpected index reader %T", r)
	}
	seen := map[segment.Segment][]int32{}
	var docOrd []int32
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		m, ok := c.segOrds[seg]
		if !ok {
			m = make([]int32, seg.Count())
			for num := range m {
				m[num] = -1
				id, err := ss.DocID(uint64(num))
				if err != nil || id == nil {
					continue
				}
				if ord, ok := c.ords[string(id)]; ok {
					m[num] = ord
				}
			}
		}
		seen[seg] = m
		docOrd = append(docOrd, m...)
	}
	if c.reader != nil {
		_ = c.reader.Close()
	}
	c.reader, c.segOrds, c.docOrd = r, seen, docOrd
	c.freqMu.Lock()
	c.freqs = map[freqKey]uint64{}
	c.freqMu.Unlock()
	c.sortKeys()
	return nil
}
