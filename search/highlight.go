package search

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// readingsOf is the pinyin of a value, one unit per folded character: full syllables
// and initials, "-" for a character without a reading.
type readingsOf struct{ full, ini []string }

// marks returns, for each character of value, whether a part of p matched it: as text,
// as an alias expansion, or (when py is set) through its pinyin or initials. digits
// also marks the digits of value that a part of digits matched in value's digits-only
// copy (a phone). Matching runs on the folded value, whose runes map back to value's.
func marks(value string, p parsed, py *readingsOf, digits bool) []bool {
	rs, from := foldAligned(value)
	m := foldedMarks(rs, p, py)
	if digits {
		ds, dfrom := digitRunes(rs)
		dm := foldedMarks(ds, p, nil)
		for i, on := range dm {
			if on {
				if m == nil {
					m = make([]bool, len(rs))
				}
				m[dfrom[i]] = true
			}
		}
	}
	if m == nil {
		return nil
	}
	out := make([]bool, utf8.RuneCountInString(value))
	for i, on := range m {
		out[from[i]] = on
	}
	return out
}

// digitRunes returns the digits of rs and the index in rs of each.
func digitRunes(rs []rune) (ds []rune, from []int) {
	for i, r := range rs {
		if r >= '0' && r <= '9' {
			ds, from = append(ds, r), append(from, i)
		}
	}
	return ds, from
}

// foldedMarks marks the runes of folded text rs that a part of p matched, or returns nil.
func foldedMarks(rs []rune, p parsed, py *readingsOf) []bool {
	folded := string(rs)
	letters, found := false, false
	for _, pt := range p.parts {
		letters = letters || len(pt.pinyin) > 0 || pt.initials
		for _, l := range pt.literals {
			found = found || strings.Contains(folded, l)
		}
	}
	if !letters {
		py = nil
	}
	if !found && py == nil {
		return nil
	}
	m := make([]bool, len(rs))
	var full, ini []string
	if py != nil {
		full, ini = py.full, py.ini
	}
	for _, pt := range p.parts {
		for _, l := range pt.literals {
			if strings.Contains(folded, l) {
				markRunes(m, rs, []rune(l))
			}
		}
		if py == nil || len(full) != len(rs) {
			continue
		}
		for _, rd := range pt.pinyin {
			markAll(m, full, rd.syl, rd.open)
		}
		if pt.initials {
			markAll(m, ini, pt.runes, false)
		}
	}
	return m
}

// markRunes marks every occurrence of pat in rs.
func markRunes(m []bool, rs, pat []rune) {
	n := len(pat)
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
	}
}

// markAll marks every occurrence of pat in units; when open, the last unit of pat need
// only start the unit it meets.
func markAll(m []bool, units, pat []string, open bool) {
	n := len(pat)
	if n == 0 {
		return
	}
outer:
	for i := 0; i+n <= len(units); i++ {
		for j := range pat {
			if u := units[i+j]; u != pat[j] && !(open && j == n-1 && strings.HasPrefix(u, pat[j])) {
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
func (c *collection[T]) highlights(ord int32, r T, p parsed) map[string][]string {
	out := map[string][]string{}
	if len(p.parts) == 0 {
		return out
	}
	readings := false
	for _, pt := range p.parts {
		readings = readings || len(pt.pinyin) > 0 || pt.initials
	}
	for _, f := range c.spec.fields {
		if !(readings && f.pinyin) && !c.holdsLiteral(ord, f.index(), p) {
			continue // nothing of the query is in the field's text: no value can be marked
		}
		for i, v := range f.values(r) {
			var py *readingsOf
			if readings && f.pinyin && i == 0 {
				py = c.readings(ord, f.name)
			}
			if frag, ok := render(v, marks(v, p, py, f.digits && i == 0)); ok {
				out[f.name] = append(out[f.name], frag)
			}
		}
	}
	return out
}

// holdsLiteral reports whether the folded text of ord in bleve field name (a group's
// values together) contains a literal of some part of p.
func (c *collection[T]) holdsLiteral(ord int32, name string, p parsed) bool {
	text := c.texts[c.tat[name]].get(ord)
	for _, pt := range p.parts {
		for _, l := range pt.literals {
			if bytes.Contains(text, []byte(l)) {
				return true
			}
		}
	}
	return false
}

// readings returns the pinyin units of ord's pinyin field name, as its arenas hold them.
func (c *collection[T]) readings(ord int32, name string) *readingsOf {
	full := strings.Fields(string(c.texts[c.tat[fullField(name)]].get(ord)))
	ini := strings.Fields(string(c.texts[c.tat[initialField(name)]].get(ord)))
	return &readingsOf{full: full, ini: ini}
}
