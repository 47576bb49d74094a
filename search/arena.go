package search

import (
	"bytes"
	"math"
	"slices"
	"strings"
)

// arena holds one text per ordinal in one contiguous byte slice, so checking the
// candidates of a query reads memory in few places and allocates nothing. A replaced
// text stays in the slice, unused, until the collection is rebuilt.
type arena struct {
	buf  []byte
	span [][2]uint32 // by ordinal: start and end in buf
	norm []float32   // by ordinal: bleve's norm of the field, 1/√tokens
	// starts and owner list every text ever put in buf, in buf's order: where it
	// starts and whose it was (it is still that ordinal's text when span says so).
	starts []uint32
	owner  []int32
	freq   [256]uint32 // how often each byte occurs in buf
}

// set makes s the text of ord, of tokens terms in bleve, growing the arena to hold ord.
func (a *arena) set(ord int32, s string, tokens int) {
	for int(ord) >= len(a.span) {
		a.span = append(a.span, [2]uint32{})
		a.norm = append(a.norm, 0)
	}
	a.span[ord], a.norm[ord] = [2]uint32{}, 0
	if s == "" {
		return
	}
	start := uint32(len(a.buf))
	a.buf = append(a.buf, s...)
	for i := 0; i < len(s); i++ {
		a.freq[s[i]]++
	}
	a.span[ord] = [2]uint32{start, uint32(len(a.buf))}
	a.starts, a.owner = append(a.starts, start), append(a.owner, ord)
	if tokens > 0 {
		a.norm[ord] = float32(1 / math.Sqrt(float64(tokens)))
	}
}

// reserve makes room for n more texts.
func (a *arena) reserve(n int) {
	a.span, a.norm = slices.Grow(a.span, n), slices.Grow(a.norm, n)
	a.starts, a.owner = slices.Grow(a.starts, n), slices.Grow(a.owner, n)
}

// get returns the text of ord; nil for none.
func (a *arena) get(ord int32) []byte {
	if int(ord) >= len(a.span) {
		return nil
	}
	s := a.span[ord]
	return a.buf[s[0]:s[1]:s[1]]
}

// pattern is what a query looks for in the texts of one arena, with the place of its
// byte that is rarest there. In Chinese text the first byte of a pattern (what
// bytes.Index looks for) is one of a few lead bytes that occurs every third byte, and
// in pinyin text a space, so looking for the rarest byte instead and comparing the
// pattern where it is found runs several times faster.
type pattern struct {
	b []byte
	j int
}

// pattern returns p as a pattern over a's texts.
func (a *arena) pattern(p []byte) pattern {
	j := 0
	for k := range p {
		if a.freq[p[k]] < a.freq[p[j]] {
			j = k
		}
	}
	return pattern{b: p, j: j}
}

// index returns the first place of p in s at or after from, or -1.
func (p pattern) index(s []byte, from int) int {
	n := len(p.b)
	for from+n <= len(s) {
		k := bytes.IndexByte(s[from+p.j:len(s)-n+p.j+1], p.b[p.j])
		if k < 0 {
			return -1
		}
		from += k
		if bytes.Equal(s[from:from+n], p.b) {
			return from
		}
		from++
	}
	return -1
}

// in reports whether text contains p.
func (p pattern) in(text []byte) bool { return len(p.b) == 0 || p.index(text, 0) >= 0 }

// each calls visit with every ordinal whose text contains p, in buf's order, once
// each, and stops at the first error visit returns. It searches buf as one slice,
// instead of each text on its own; a match that spans two texts, or lies in a text
// that was replaced, is passed over.
func (a *arena) each(p pattern, visit func(ord int32) error) error {
	if len(p.b) == 0 {
		return nil
	}
	i := 0 // the text of buf that holds pos: starts[i] <= pos < starts[i+1]
	for pos := p.index(a.buf, 0); pos >= 0; pos = p.index(a.buf, pos) {
		for i+1 < len(a.starts) && int(a.starts[i+1]) <= pos {
			i++
		}
		ord := a.owner[i]
		sp := a.span[ord]
		if sp[0] != a.starts[i] || pos+len(p.b) > int(sp[1]) {
			// In a replaced text, or across the end of this one, as is every later
			// match that starts in it: go on from the next text.
			if i+1 == len(a.starts) {
				return nil
			}
			pos = int(a.starts[i+1])
			continue
		}
		if err := visit(ord); err != nil {
			return err
		}
		pos = int(sp[1])
	}
	return nil
}

// normOf returns bleve's norm of ord's text; 0 for none.
func (a *arena) normOf(ord int32) float32 {
	if int(ord) >= len(a.norm) {
		return 0
	}
	return a.norm[ord]
}

// textLayout lists the bleve text fields of a spec in order: each field's characters
// (a group shares one), then the full syllables and initials of the pinyin fields,
// which units marks. Every one of them has an arena of its folded text, in which a
// query's exact pattern for that field is checked.
func textLayout[T any](sp spec[T]) (names []string, at map[string]int, units []bool) {
	at = map[string]int{}
	add := func(n string, u bool) {
		if _, ok := at[n]; !ok {
			at[n] = len(names)
			names, units = append(names, n), append(units, u)
		}
	}
	for _, f := range sp.fields {
		add(f.index(), false)
	}
	for _, f := range sp.fields {
		if f.pinyin {
			add(f.fullName(), true)
			add(f.initialName(), true)
		}
	}
	return names, at, units
}

// unitsText is how an arena of a pinyin field holds its units, " tian jin ", so that a
// run of units is found with its spaces: " jin " is not part of " jing ".
func unitsText(units string) string { return " " + units + " " }

// unitsPattern is the exact pattern of a run of units in unitsText.
func unitsPattern(units []string) string { return " " + strings.Join(units, " ") + " " }
