package search

import (
	"container/heap"
	"sort"
	"strings"
)

// cand is a match: its ordinal and its score.
type cand struct {
	ord   int32
	score float64
}

// topK keeps the k best candidates seen, by better.
type topK struct {
	k      int
	better func(a, b cand) bool
	items  []cand // a heap whose root is the worst kept candidate
}

func (t *topK) Len() int           { return len(t.items) }
func (t *topK) Less(i, j int) bool { return t.better(t.items[j], t.items[i]) }
func (t *topK) Swap(i, j int)      { t.items[i], t.items[j] = t.items[j], t.items[i] }
func (t *topK) Push(x any)         { t.items = append(t.items, x.(cand)) }
func (t *topK) Pop() any {
	last := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return last
}

func (t *topK) offer(c cand) {
	switch {
	case t.k <= 0:
	case len(t.items) < t.k:
		heap.Push(t, c)
	case t.better(c, t.items[0]):
		t.items[0] = c
		heap.Fix(t, 0)
	}
}

// sorted returns the kept candidates, best first.
func (t *topK) sorted() []cand {
	out := append([]cand(nil), t.items...)
	sort.Slice(out, func(i, j int) bool { return t.better(out[i], out[j]) })
	return out
}

// byScore orders by score, highest first, then by ordinal (the order records came in).
func byScore(a, b cand) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.ord < b.ord
}

// byKeys orders by the keys of each ordinal in turn, then by ordinal.
func byKeys(keys ...func(int32) string) func(a, b cand) bool {
	return func(a, b cand) bool {
		for _, k := range keys {
			if c := strings.Compare(k(a.ord), k(b.ord)); c != 0 {
				return c < 0
			}
		}
		return a.ord < b.ord
	}
}

// bonus is the rank bonus of ordinal ord for a parsed text: a field equal to the whole
// text (or to an alias expansion) counts most, then a field that starts with it.
func (c *collection[T]) bonus(ord int32, p parsed) float64 {
	if p.whole == "" {
		return 0
	}
	best := 0.0
	for i, f := range c.spec.fields {
		if f.exact == 0 && f.prefix == 0 {
			continue
		}
		key := c.keys[i][ord]
		switch {
		case key == p.whole:
			best = max(best, f.exact)
		case f.prefix > 0 && strings.HasPrefix(key, p.whole):
			best = max(best, f.prefix)
		case len(p.parts) == 1 && f.exact > 0:
			for _, exp := range p.parts[0].aliases {
				if key == strings.Join(exp, "") {
					best = max(best, f.exact*0.8)
				}
			}
		}
	}
	return best
}
