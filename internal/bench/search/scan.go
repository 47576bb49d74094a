package main

import (
	"html"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// normaliser applies the normalisation package search documents, written here again
// from its description so that the truth does not share the library's folding code:
// NFKC; format characters and variation selectors dropped; spaces, punctuation and
// symbols as separators; lower case; pinyin tone marks and ü folded (ü, ǚ → v);
// traditional characters simplified with the documented table (data, not code).
type normaliser struct{ t2s map[rune]rune }

// pinyinMarks are the combining marks pinyin puts on its letters: the four tones
// (macron, acute, caron, grave) on any of them, the diaeresis on u (ü) and the
// circumflex on e (ê).
var pinyinMarks = map[rune]string{0x304: "aeiounm", 0x301: "aeiounm", 0x30C: "aeiounm", 0x300: "aeiounm", 0x308: "u", 0x302: "e"}

// toneless folds a Latin letter of pinyin to its plain letter by decomposing it (NFD)
// and dropping its pinyin marks: á is a, ǚ and ü are v (a u with a diaeresis), ê is e.
// It is computed from Unicode's decompositions, not the library's table, so that the
// truth does not share the library's folding; a letter with other marks stays as it is.
func toneless(r rune) rune {
	d := []rune(norm.NFD.String(string(r)))
	if len(d) < 2 || !strings.ContainsRune("aeiounm", d[0]) {
		return r
	}
	for _, m := range d[1:] {
		if !strings.ContainsRune(pinyinMarks[m], d[0]) {
			return r
		}
	}
	if d[0] == 'u' && slices.Contains(d[1:], 0x308) {
		return 'v'
	}
	return d[0]
}

func newNormaliser() normaliser { return normaliser{t2s: search.TraditionalToSimplified()} }

// text returns s normalised, separators collapsed to single spaces.
func (n normaliser) text(s string) string {
	s = strings.ReplaceAll(norm.NFKC.String(s), "u:", "v")
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			continue
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r):
			r = ' '
		default:
			r = toneless(unicode.ToLower(r))
			if t, ok := n.t2s[r]; ok {
				r = t
			}
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// parts returns the parts of a query: separators split it, and so does a change from
// Latin letters to Chinese characters.
func (n normaliser) parts(q string) []string {
	var out []string
	for _, f := range strings.Fields(n.text(q)) {
		start, prev := 0, 0
		for i, r := range f {
			k := 0
			if r >= 'a' && r <= 'z' {
				k = 1
			} else if unicode.Is(unicode.Han, r) {
				k = 2
			}
			if i > 0 && k != 0 && prev != 0 && k != prev {
				out, start = append(out, f[start:i]), i
			}
			prev = k
		}
		out = append(out, f[start:])
	}
	return out
}

// scanLab is a lab's searchable text, normalised once.
type scanLab struct {
	lab    catalog.Lab
	fields []string // name, legal entity, contact, phone, kind, region, services…, phone digits
}

func newScan(labs []catalog.Lab, n normaliser) []scanLab {
	out := make([]scanLab, len(labs))
	for i, l := range labs {
		f := []string{n.text(l.Name), n.text(l.LegalEntity), n.text(l.Contact), n.text(l.Phone), n.text(string(l.Kind)), n.text(string(l.Region))}
		for _, s := range l.Services {
			f = append(f, n.text(s))
		}
		f = append(f, digits(l.Phone))
		out[i] = scanLab{lab: l, fields: f}
	}
	return out
}

// digits returns the digits of s: the documented digits-only copy of a phone.
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// contains reports whether every part occurs in some field of s.
func (s *scanLab) contains(parts []string) bool {
	for _, p := range parts {
		found := false
		for _, f := range s.fields {
			if strings.Contains(f, p) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// scanPage is the baseline: the same full page query as cxq (total, three facets,
// the hits of one page ranked name-first, with highlights) by a strings.Contains scan.
func scanPage(labs []scanLab, parts []string, page int) (total int, ids []string) {
	region, kind, entity := map[string]int{}, map[string]int{}, map[string]int{}
	type hit struct{ i, rank int }
	var hits []hit
	for i := range labs {
		s := &labs[i]
		if !s.contains(parts) {
			continue
		}
		region[string(s.lab.Region)]++
		kind[string(s.lab.Kind)]++
		entity[s.lab.LegalEntity]++
		rank := 0
		if len(parts) > 0 && strings.Contains(s.fields[0], parts[0]) {
			rank = 1
		}
		hits = append(hits, hit{i, rank})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank > hits[b].rank })
	from := min(len(hits), (page-1)*search.DefaultSize)
	for _, h := range hits[from:min(from+search.DefaultSize, len(hits))] {
		s := &labs[h.i]
		for _, f := range s.fields {
			for _, p := range parts {
				_ = strings.ReplaceAll(html.EscapeString(f), p, "<mark>"+p+"</mark>")
			}
		}
		ids = append(ids, s.lab.ID)
	}
	return len(hits), ids
}

// truth returns the IDs of every lab in which each part, or one of its documented
// alias expansions, occurs.
func truth(labs []scanLab, parts []string, aliases map[string][]string) map[string]bool {
	out := map[string]bool{}
	for i := range labs {
		ok := true
		for _, p := range parts {
			alts := append([]string{p}, aliases[p]...)
			found := false
			for _, a := range alts {
				found = found || labs[i].contains([]string{a})
			}
			ok = ok && found
		}
		if ok {
			out[labs[i].lab.ID] = true
		}
	}
	return out
}
