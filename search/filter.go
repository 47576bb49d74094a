package search

import "context"

// allOf returns a filter that passes what every test passes.
func allOf(tests []func(int32) bool) func(int32) bool {
	switch len(tests) {
	case 0:
		return func(int32) bool { return true }
	case 1:
		return tests[0]
	}
	return func(ord int32) bool {
		for _, t := range tests {
			if !t(ord) {
				return false
			}
		}
		return true
	}
}

// inColumn returns a filter passing ordinals whose value in column col is one of
// values, or nil when values is empty (no filter). A value the column has never held
// passes nothing.
func (c *collection[T]) inColumn(col int, values []string) func(int32) bool {
	if len(values) == 0 {
		return nil
	}
	want := make([]bool, len(c.cols[col].dict))
	for _, v := range values {
		if k, ok := c.cols[col].lookup[v]; ok {
			want[k] = true
		}
	}
	codes := c.cols[col].codes
	return func(ord int32) bool { return want[codes[ord]] }
}

// inIDs returns a filter passing the records with these IDs, or nil when ids is nil.
// An empty, non-nil list passes nothing.
func (c *collection[T]) inIDs(ids []string) func(int32) bool {
	if ids == nil {
		return nil
	}
	set := map[int32]bool{}
	for _, id := range ids {
		if ord, ok := c.ords[id]; ok {
			set[ord] = true
		}
	}
	return func(ord int32) bool { return set[ord] }
}

// counts is the facet counts of one query: by column, a count per value code and the
// codes counted so far. Reading and clearing them costs what the matches hold, not the
// size of a column's dictionary (tens of thousands of legal entities at 100,000 labs).
type counts struct {
	n    [][]int32
	used [][]uint32
}

// getCounts returns zeroed counts for every facet column, reused from the pool.
func (c *collection[T]) getCounts() *counts {
	fc, _ := c.countsPool.Get().(*counts)
	if fc == nil {
		fc = &counts{n: make([][]int32, len(c.cols)), used: make([][]uint32, len(c.cols))}
	}
	for i := range c.cols {
		if len(fc.n[i]) < len(c.cols[i].dict) {
			fc.n[i] = make([]int32, len(c.cols[i].dict))
		}
	}
	return fc
}

// add counts the values of ord.
func (fc *counts) add(cols []column, ord int32) {
	for i := range cols {
		k := cols[i].codes[ord]
		if fc.n[i][k] == 0 {
			fc.used[i] = append(fc.used[i], k)
		}
		fc.n[i][k]++
	}
}

// facets returns the non-zero counts of every column, clears fc and returns it to the
// pool.
func (c *collection[T]) facets(fc *counts) []Facet {
	out := make([]Facet, len(c.cols))
	for i := range c.cols {
		f := make(Facet, len(fc.used[i]))
		for _, k := range fc.used[i] {
			f[c.cols[i].dict[k]] = int(fc.n[i][k])
			fc.n[i][k] = 0
		}
		fc.used[i] = fc.used[i][:0]
		out[i] = f
	}
	c.countsPool.Put(fc)
	return out
}

// ranked is what one search over a collection yields before it is shaped into a result:
// the number of matches, the facet counts over every match by column, and the best
// page.offset+size candidates in order.
type ranked struct {
	total  int
	facets []Facet
	top    []cand
}

// rank matches p within keep, counts every facet column over all matches and keeps the
// best k candidates by better. Lab and product searches share it.
func (c *collection[T]) rank(ctx context.Context, p parsed, keep func(int32) bool, better func(a, b cand) bool, k int) (ranked, error) {
	top := &topK{k: k, better: better, items: make([]cand, 0, min(k, 32))}
	var out ranked
	fc := c.getCounts()
	bonus := c.bonuses(p)
	defer c.putBonus(bonus)
	err := c.match(ctx, p, keep, func(ord int32, score float64) {
		out.total++
		fc.add(c.cols, ord)
		if bonus != nil {
			score += float64(bonus.of[ord])
		}
		top.offer(cand{ord: ord, score: score})
	})
	out.facets = c.facets(fc)
	if err != nil {
		return ranked{}, err
	}
	out.top = top.sorted()
	return out, nil
}
