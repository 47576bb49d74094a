package main

import (
	"html"
	"sort"
	"strings"
	"unicode"

	"github.com/cxqkit/cxq/catalog"
)

// fold is the scan's normal form of text: full-width ASCII to ASCII, lower case.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if r == 0x3000 {
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
}

// scanLab is a lab's searchable text, folded once.
type scanLab struct {
	lab    catalog.Lab
	fields []string // name, legal entity, contact, phone, kind, region, services…
}

func newScan(labs []catalog.Lab) []scanLab {
	out := make([]scanLab, len(labs))
	for i, l := range labs {
		f := []string{fold(l.Name), fold(l.LegalEntity), fold(l.Contact), fold(l.Phone), fold(string(l.Kind)), fold(string(l.Region))}
		for _, s := range l.Services {
			f = append(f, fold(s))
		}
		out[i] = scanLab{lab: l, fields: f}
	}
	return out
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
// the first ten hits ranked name-first, with highlights) by a strings.Contains scan.
func scanPage(labs []scanLab, text string) (total int, ids []string) {
	parts := strings.Fields(fold(text))
	region, kind, entity := map[string]int{}, map[string]int{}, map[string]int{}
	type hit struct {
		i    int
		rank int
	}
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
	for _, h := range hits[:min(10, len(hits))] {
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

// truth returns the IDs of every lab whose text contains each part of text.
func truth(labs []scanLab, text string) map[string]bool {
	parts := strings.Fields(fold(text))
	out := map[string]bool{}
	for i := range labs {
		if labs[i].contains(parts) {
			out[labs[i].lab.ID] = true
		}
	}
	return out
}
