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

// newCounts returns a zeroed count per value of every facet column.
func (c *collection[T]) newCounts() [][]int {
	out := make([][]int, len(c.cols))
	for i := range c.cols {
		out[i] = make([]int, len(c.cols[i].dict))
	}
	return out
}

// facet returns the non-zero counts of column col.
func (c *collection[T]) facet(col int, counts [][]int) Facet {
	n := 0
	for _, k := range counts[col] {
		if k > 0 {
			n++
		}
	}
	f := make(Facet, n)
	for k, n := range counts[col] {
		if n > 0 {
			f[c.cols[col].dict[k]] = n
		}
	}
	return f
}

// ranked is what one search over a collection yields before it is shaped into a result:
// the number of matches, the facet counts over every match, and the best page.offset+size
// candidates in order.
type ranked struct {
	total  int
	counts [][]int
	top    []cand
}

// rank matches p within keep, counts every facet column over all matches and keeps the
// best k candidates by better. Lab and product searches share it.
func (c *collection[T]) rank(ctx context.Context, p parsed, keep func(int32) bool, better func(a, b cand) bool, k int) (ranked, error) {
	top := &topK{k: k, better: better}
	out := ranked{counts: c.newCounts()}
	bonus := c.bonuses(p)
	defer c.putBonus(bonus)
	err := c.match(ctx, p, keep, func(ord int32, score float64) {
		out.total++
		for i := range out.counts {
			out.counts[i][c.cols[i].codes[ord]]++
		}
		if bonus != nil {
			score += float64(bonus.of[ord])
		}
		top.offer(cand{ord: ord, score: score})
	})
	if err != nil {
		return ranked{}, err
	}
	out.top = top.sorted()
	return out, nil
}
