package search

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// cand is a match: its ordinal and its score.
type cand struct {
	ord   int32
	score float64
}

// topK keeps the k best candidates seen, by better, in a heap typed on cand (container/heap
// would box every candidate it is offered).
type topK struct {
	k      int
	better func(a, b cand) bool
	items  []cand // a heap whose root is the worst kept candidate
}

// worse reports whether kept candidate i ranks below kept candidate j.
func (t *topK) worse(i, j int) bool { return t.better(t.items[j], t.items[i]) }

func (t *topK) offer(c cand) {
	switch {
	case t.k <= 0:
	case len(t.items) < t.k:
		t.items = append(t.items, c)
		for i := len(t.items) - 1; i > 0; {
			up := (i - 1) / 2
			if !t.worse(i, up) {
				break
			}
			t.items[i], t.items[up] = t.items[up], t.items[i]
			i = up
		}
	case t.better(c, t.items[0]):
		t.items[0] = c
		for i, n := 0, len(t.items); ; {
			w := i
			if l := 2*i + 1; l < n && t.worse(l, w) {
				w = l
			}
			if r := 2*i + 2; r < n && t.worse(r, w) {
				w = r
			}
			if w == i {
				break
			}
			t.items[i], t.items[w] = t.items[w], t.items[i]
			i = w
		}
	}
}

// sorted returns the kept candidates, best first, sorted in place: t is done with.
// better is a strict order (its ties go by ordinal), so only a candidate compared with
// itself is equal.
func (t *topK) sorted() []cand {
	slices.SortFunc(t.items, func(a, b cand) int {
		switch {
		case t.better(a, b):
			return -1
		case a.ord == b.ord:
			return 0
		}
		return 1
	})
	return t.items
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

// bonus is the rank bonus of every ordinal for one query, in a slice reused from a
// pool; only the ordinals in given hold a bonus, and only they are cleared.
type bonus struct {
	of    []float32
	given []int32
}

// bonuses returns the rank bonus of every ordinal for a parsed text, found by binary
// search in the sorted keys: a field equal to the whole text (or to an alias
// expansion) counts most, then a field that starts with it. It returns nil when no
// record earns a bonus; a bonus that is not nil goes back with putBonus.
func (c *collection[T]) bonuses(p parsed) *bonus {
	if p.whole == "" {
		return nil
	}
	var out *bonus
	give := func(ord int32, b float64) {
		if out == nil {
			out, _ = c.bonusPool.Get().(*bonus)
			if out == nil || len(out.of) < len(c.recs) {
				out = &bonus{of: make([]float32, len(c.recs))}
			}
		}
		if out.of[ord] == 0 {
			out.given = append(out.given, ord)
		}
		out.of[ord] = max(out.of[ord], float32(b))
	}
	for i, f := range c.spec.fields {
		sorted := c.sorted[i]
		if len(sorted) == 0 {
			continue
		}
		keys := c.keys[i]
		if !mayStart(keys[sorted[0]], keys[sorted[len(sorted)-1]], p.whole, p.parts[0].literals[1:]) {
			continue // no key can equal or start with the text or an expansion
		}
		from := sort.Search(len(sorted), func(j int) bool { return keys[sorted[j]] >= p.whole })
		for _, ord := range sorted[from:] {
			key := keys[ord]
			if !strings.HasPrefix(key, p.whole) {
				break
			}
			switch {
			case key == p.whole:
				give(ord, f.exact)
			case f.prefix > 0:
				give(ord, f.prefix)
			default:
			}
		}
		if len(p.parts) != 1 || f.exact == 0 {
			continue
		}
		for _, exp := range p.parts[0].literals[1:] {
			j := sort.Search(len(sorted), func(j int) bool { return keys[sorted[j]] >= exp })
			for ; j < len(sorted) && keys[sorted[j]] == exp; j++ {
				give(sorted[j], f.exact*0.8)
			}
		}
	}
	return out
}

// mayStart reports whether a key between lo and hi, the least and the greatest, may
// equal or start with whole or equal one of exps: the binary searches of bonuses
// cost a cache miss a step, and most queries fall outside most fields' keys (Chinese
// text past every phone, letters before every name).
func mayStart(lo, hi, whole string, exps []string) bool {
	in := func(s string) bool { return s <= hi && (s >= lo || strings.HasPrefix(lo, s)) }
	if in(whole) {
		return true
	}
	for _, e := range exps {
		if in(e) {
			return true
		}
	}
	return false
}

// putBonus clears b and returns it to the pool.
func (c *collection[T]) putBonus(b *bonus) {
	if b == nil {
		return
	}
	for _, ord := range b.given {
		b.of[ord] = 0
	}
	b.given = b.given[:0]
	c.bonusPool.Put(b)
}

// sortKeys orders, for each field with a rank bonus, the live ordinals by key.
func (c *collection[T]) sortKeys() {
	c.sorted = make([][]int32, len(c.spec.fields))
	for i, f := range c.spec.fields {
		if f.exact == 0 && f.prefix == 0 {
			continue
		}
		keys := c.keys[i]
		var ords []int32
		for ord, live := range c.live {
			if live && keys[ord] != "" {
				ords = append(ords, int32(ord))
			}
		}
		slices.SortFunc(ords, func(a, b int32) int { return cmp.Or(strings.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
		c.sorted[i] = ords
	}
}
