package search

import (
	"html"
	"strings"
	"unicode/utf8"
)

// marks returns, for each character of value, whether a part of p matched it: as text,
// as an alias expansion, or (when py is set) through its pinyin or initials. digits
// also marks the digits of value that a part of digits matched in value's digits-only
// copy (a phone). Matching runs on the folded value, whose runes map back to value's.
func marks(value string, p parsed, py *pinyinTable, surname, digits bool) []bool {
	rs, from := foldAligned(value)
	m := foldedMarks(rs, p, py, surname)
	if digits {
		ds, dfrom := digitRunes(rs)
		dm := foldedMarks(ds, p, nil, false)
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
func foldedMarks(rs []rune, p parsed, py *pinyinTable, surname bool) []bool {
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
		f, i := py.units(folded, surname)
		full, ini = strings.Split(f, " "), strings.Split(i, " ")
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
// whether anything was marked.
func render(value string, m []bool) (string, bool) {
	if m == nil {
		return "", false
	}
	var b strings.Builder
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
		b.WriteString(html.EscapeString(string(r)))
		i++
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String(), any
}

// highlights returns the fragments of record r in which p matched, by field name.
func (c *collection[T]) highlights(r T, p parsed) map[string][]string {
	out := map[string][]string{}
	if len(p.parts) == 0 {
		return out
	}
	for _, f := range c.spec.fields {
		for i, v := range f.values(r) {
			var py *pinyinTable
			if f.pinyin && i == 0 {
				py = c.py
			}
			if frag, ok := render(v, marks(v, p, py, f.surname, f.digits && i == 0)); ok {
				out[f.name] = append(out[f.name], frag)
			}
		}
	}
	return out
}
