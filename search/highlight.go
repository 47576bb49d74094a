package search

import (
	"bytes"
	"slices"
	"strings"
)

// readingsOf is the pinyin of a value, one unit per folded character: full syllables
// and initials, "-" for a character without a reading, as the arenas hold them.
type readingsOf struct{ full, ini [][]byte }

// marker marks what a parsed text matched in the values of a page's hits, reusing its
// buffers from value to value: a page of ten hits has some seventy values to look at.
type marker struct {
	p       parsed
	lits    [][]rune // the literals of every part, as runes
	litb    [][]byte // and as bytes
	held    []int8   // by text field of the hit: 1 when it holds a literal, -1 when not, 0 not yet known
	letters bool     // some part may match by its pinyin or initials
	full    [][]byte // the patterns the parts' readings mark in a full-syllable arena text
	inis    [][]byte // and the parts' initials in an initials arena text
	rs, ds  []rune   // the folded value and its digits
	from    []int    // by folded rune: the rune of the value it comes from
	dfrom   []int    // by digit: its place in rs
	m, dm   []bool   // marks on rs and on ds
	out     []bool   // marks on the value's runes
	py      readingsOf
	vals    []string // a field's values
	frags   []string // the fragments of the page, hit after hit and field after field
}

func newMarker(p parsed) *marker {
	mk := &marker{p: p, rs: make([]rune, 0, 64), from: make([]int, 0, 64), frags: make([]string, 0, 32)}
	for _, pt := range p.parts {
		mk.letters = mk.letters || len(pt.pinyin) > 0 || pt.initials
		for _, l := range pt.literals {
			mk.lits, mk.litb = append(mk.lits, []rune(l)), append(mk.litb, []byte(l))
		}
		for _, rd := range pt.pinyin {
			// What markAll marks: the units of the reading, the last one only begun
			// when it is still being typed.
			pat := unitsPattern(rd.syl)
			if rd.open {
				pat = pat[:len(pat)-1]
			}
			mk.full = append(mk.full, []byte(pat))
		}
		if pt.initials {
			mk.inis = append(mk.inis, []byte(unitsPattern(pt.runes)))
		}
	}
	return mk
}

// holdsReading reports whether the readings of ord's pinyin field f hold what a part's
// pinyin or initials would mark there (see mark): a field holding neither, nor a
// literal, has nothing to highlight, and its readings need not be split.
func (c *collection[T]) holdsReading(ord int32, f field[T], mk *marker) bool {
	for _, in := range []struct {
		k    int
		pats [][]byte
	}{{c.tat[f.fullName()], mk.full}, {c.tat[f.initialName()], mk.inis}} {
		text := c.texts[in.k].get(ord)
		for _, p := range in.pats {
			if bytes.Contains(text, p) {
				return true
			}
		}
	}
	return false
}

// marks returns, for each character of value, whether a part of p matched it: as text,
// as an alias expansion, or (when py is set) through its pinyin or initials; nil when
// nothing matched. digits also marks the digits of value that a part matched in
// value's digits-only copy (a phone). Matching runs on the folded value, whose runes
// map back to value's. The slice is valid until the next call.
func (mk *marker) marks(value string, py *readingsOf, digits bool) []bool {
	mk.rs, mk.from = mk.rs[:0], mk.from[:0]
	n := 0
	for _, r := range value {
		if f := fold(r); f != dropRune {
			mk.rs, mk.from = append(mk.rs, f), append(mk.from, n)
		}
		n++
	}
	mk.m = falses(mk.m, len(mk.rs))
	found := mk.mark(mk.m, mk.rs, py)
	if digits {
		mk.ds, mk.dfrom = mk.ds[:0], mk.dfrom[:0]
		for i, r := range mk.rs {
			if r >= '0' && r <= '9' {
				mk.ds, mk.dfrom = append(mk.ds, r), append(mk.dfrom, i)
			}
		}
		mk.dm = falses(mk.dm, len(mk.ds))
		if mk.mark(mk.dm, mk.ds, nil) {
			found = true
			for i, on := range mk.dm {
				mk.m[mk.dfrom[i]] = mk.m[mk.dfrom[i]] || on
			}
		}
	}
	if !found {
		return nil
	}
	mk.out = falses(mk.out, n)
	for i, on := range mk.m {
		mk.out[mk.from[i]] = on
	}
	return mk.out
}

// falses returns b resized to n and cleared.
func falses(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// mark marks the runes of folded text rs that a part matched, in m, and reports whether
// it marked any.
func (mk *marker) mark(m []bool, rs []rune, py *readingsOf) bool {
	found := false
	for _, l := range mk.lits {
		found = markRunes(m, rs, l) || found
	}
	if !mk.letters || py == nil || len(py.full) != len(rs) {
		return found
	}
	for _, pt := range mk.p.parts {
		for _, rd := range pt.pinyin {
			markAll(m, py.full, rd.syl, rd.open)
		}
		if pt.initials {
			markAll(m, py.ini, pt.runes, false)
		}
	}
	return slices.Contains(m, true)
}

// markRunes marks every occurrence of pat in rs and reports whether there was one.
func markRunes(m []bool, rs, pat []rune) bool {
	n, found := len(pat), false
	if n == 0 {
		return false
	}
outer:
	for i := 0; i+n <= len(rs); i++ {
		for j := range pat {
			if rs[i+j] != pat[j] {
				continue outer
			}
		}
		for j := range pat {
			m[i+j] = true
		}
		found = true
	}
	return found
}

// markAll marks every occurrence of pat in units; when open, the last unit of pat need
// only start the unit it meets.
func markAll(m []bool, units [][]byte, pat []string, open bool) {
	n := len(pat)
	if n == 0 {
		return
	}
outer:
	for i := 0; i+n <= len(units); i++ {
		for j := range pat {
			u := units[i+j]
			if string(u) != pat[j] && !(open && j == n-1 && len(u) >= len(pat[j]) && string(u[:len(pat[j])]) == pat[j]) {
				continue outer
			}
		}
		for j := range pat {
			m[i+j] = true
		}
	}
}

// render returns value HTML-escaped with the marked characters wrapped in <mark>, and
// whether anything was marked. It escapes what html.EscapeString escapes, the same way,
// rune by rune without a string per rune.
func render(value string, m []bool) (string, bool) {
	if m == nil {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(value) + 16)
	any, open, i := false, false, 0
	for _, r := range value {
		on := i < len(m) && m[i]
		if on && !open {
			b.WriteString("<mark>")
		}
		if !on && open {
			b.WriteString("</mark>")
		}
		open = on
		any = any || on
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '"':
			b.WriteString("&#34;")
		default:
			b.WriteRune(r)
		}
		i++
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String(), any
}

// highlights returns the fragments of record r in which p matched, by field name.
func (c *collection[T]) highlights(ord int32, r T, mk *marker) map[string][]string {
	out := make(map[string][]string, len(c.spec.fields))
	p := mk.p
	if len(p.parts) == 0 {
		return out
	}
	readings := mk.letters
	mk.held = slices.Grow(mk.held[:0], len(c.tnames))[:len(c.tnames)]
	clear(mk.held)
	// The fragments of the page share arrays: each field's are in a row, capped so
	// that no append reaches the next field's.
	for _, f := range c.spec.fields {
		if !c.holdsLiteral(ord, c.tat[f.index()], mk) && !(readings && f.pinyin && c.holdsReading(ord, f, mk)) {
			continue // nothing of the query is in the field's text or readings: no value can be marked
		}
		from := len(mk.frags)
		mk.vals = f.valuesOf(mk.vals[:0], r)
		for i, v := range mk.vals {
			var py *readingsOf
			if readings && f.pinyin && i == 0 {
				py = c.readings(ord, f, &mk.py)
			}
			if frag, ok := render(v, mk.marks(v, py, f.digits && i == 0)); ok {
				mk.frags = append(mk.frags, frag)
			}
		}
		if to := len(mk.frags); to > from {
			out[f.name] = mk.frags[from:to:to]
		}
	}
	return out
}

// holdsLiteral reports whether the folded text of ord in text field k (a group's values
// together) contains a literal of some part of the query, once per hit and field.
func (c *collection[T]) holdsLiteral(ord int32, k int, mk *marker) bool {
	if mk.held[k] == 0 {
		mk.held[k] = -1
		text := c.texts[k].get(ord)
		for _, l := range mk.litb {
			if bytes.Contains(text, l) {
				mk.held[k] = 1
				break
			}
		}
	}
	return mk.held[k] > 0
}

// readings returns the pinyin units of ord's pinyin field f, cut from its arenas into
// the arrays of into, which it returns: valid while the arenas are not written to.
func (c *collection[T]) readings(ord int32, f field[T], into *readingsOf) *readingsOf {
	into.full = splitUnits(into.full[:0], c.texts[c.tat[f.fullName()]].get(ord))
	into.ini = splitUnits(into.ini[:0], c.texts[c.tat[f.initialName()]].get(ord))
	return into
}

// splitUnits appends the units of an arena's units text (unitsText), separated by
// spaces, to dst.
func splitUnits(dst [][]byte, text []byte) [][]byte {
	for len(text) > 0 {
		i := bytes.IndexByte(text, ' ')
		if i < 0 {
			return append(dst, text)
		}
		if i > 0 {
			dst = append(dst, text[:i:i])
		}
		text = text[i+1:]
	}
	return dst
}
