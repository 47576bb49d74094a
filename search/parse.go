package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cxqkit/cxq"
)

// maxParts bounds the whitespace-separated parts of a query text.
const maxParts = 16

// part is one whitespace-separated part of a query text, folded.
type part struct {
	text    string     // folded
	runes   []string   // one string per character
	letters bool       // the part is all ASCII letters: pinyin or initials
	pinyin  [][]string // syllable readings when the part is all letters
	aliases [][]string // expansions, one string per character

	// The exact patterns checked on the candidates bleve returns, when a term query
	// alone is not exact (a cover of three units or more).
	check     bool
	literals  []string // the part and its alias expansions, in folded text
	syllables []string // " tian jin " in full-pinyin columns
	initials  string   // " t j d x " in initials columns, or ""
}

// parsed is a checked query text.
type parsed struct {
	whole string // the folded text, parts joined by one space
	parts []part
}

// parseText folds and splits text and checks its size.
func parseText(text string, al aliasTable) (parsed, *cxq.FieldError) {
	if n := utf8.RuneCountInString(text); n > MaxTextRunes {
		return parsed{}, cxq.NewFieldError("text", "too_long", map[string]string{"max": fmt.Sprint(MaxTextRunes)},
			cxq.T("检索内容不得超过 {max} 个字", "the search text must be at most {max} characters"))
	}
	whole := foldString(strings.ToValidUTF8(text, "\uFFFD"))
	fields := strings.Fields(whole)
	if len(fields) > maxParts {
		return parsed{}, cxq.NewFieldError("text", "too_many_words", map[string]string{"max": fmt.Sprint(maxParts)},
			cxq.T("检索内容不得超过 {max} 个词", "the search text must have at most {max} words"))
	}
	p := parsed{whole: whole}
	for _, f := range fields {
		pt := part{text: f, runes: splitRunes(f)}
		if isLetters(f) {
			pt.letters, pt.pinyin = true, segmentPinyin(f)
		}
		for _, exp := range al[f] {
			pt.aliases = append(pt.aliases, splitRunes(exp))
		}
		pt.plan()
		p.parts = append(p.parts, pt)
	}
	return p, nil
}

// plan sets the exact patterns of a part and whether they must be checked.
func (pt *part) plan() {
	pt.literals = []string{pt.text}
	pt.check = len(pt.runes) >= 3
	for _, exp := range pt.aliases {
		pt.literals = append(pt.literals, strings.Join(exp, ""))
		pt.check = pt.check || len(exp) >= 3
	}
	for _, syl := range pt.pinyin {
		pt.syllables = append(pt.syllables, " "+strings.Join(syl, " ")+" ")
		pt.check = pt.check || len(syl) >= 3
	}
	if pt.letters && len(pt.runes) >= 2 {
		pt.initials = " " + strings.Join(pt.runes, " ") + " "
	}
}

// verify reports whether every part that needs it occurs exactly in hay (the folded
// texts), full or initials (the pinyin columns).
func (p parsed) verify(hay, full, initials string) bool {
	for _, pt := range p.parts {
		if !pt.check {
			continue
		}
		ok := false
		for _, l := range pt.literals {
			ok = ok || strings.Contains(hay, l)
		}
		for _, s := range pt.syllables {
			ok = ok || strings.Contains(full, s)
		}
		ok = ok || (pt.initials != "" && strings.Contains(initials, pt.initials))
		if !ok {
			return false
		}
	}
	return true
}

// needsCheck reports whether some part must be checked on the candidates.
func (p parsed) needsCheck() bool {
	for _, pt := range p.parts {
		if pt.check {
			return true
		}
	}
	return false
}

func splitRunes(s string) []string {
	out := make([]string, 0, len(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// alt is one way a part can match: every term (a cover of its units) in one field.
type alt struct {
	field string
	terms []string
	boost float64
}

// alternatives returns the ways a part matches a record of sp: its characters in a text
// field, its syllables or initials in a pinyin field, an alias expansion in a name.
// One or two units are one exact term; more are the bigrams that cover them, all of
// which a match holds, checked exactly afterwards (see parsed.verify).
func alternatives[T any](sp spec[T], pt part) []alt {
	var out []alt
	add := func(field string, units []string, sep string, boost float64) {
		var terms []string
		for _, t := range bigramCover(units, sep) {
			if t != "" {
				terms = append(terms, t)
			}
		}
		if len(terms) > 0 {
			out = append(out, alt{field: field, terms: terms, boost: boost})
		}
	}
	done := map[string]bool{}
	for _, f := range sp.fields {
		if !done[f.index()] {
			done[f.index()] = true
			add(f.index(), pt.runes, "", f.boost)
		}
		if !f.pinyin {
			continue
		}
		for _, syl := range pt.pinyin {
			add(fullField(f.name), syl, unitSep, f.boost*0.8)
		}
		if pt.initials != "" {
			add(initialField(f.name), pt.runes, unitSep, f.boost*0.5)
		}
		for _, exp := range pt.aliases {
			add(f.index(), exp, "", f.boost*1.5)
		}
	}
	return out
}

// checkPage checks the paging and sort fields of a query.
func checkPage(page, size int, sort Sort, sorts []Sort) []*cxq.FieldError {
	var errs []*cxq.FieldError
	if page < 0 || page > MaxPage {
		errs = append(errs, cxq.NewFieldError("page", "out_of_range", map[string]string{"min": "1", "max": fmt.Sprint(MaxPage)},
			cxq.T("页码须在 {min} 到 {max} 之间", "the page must be between {min} and {max}")))
	}
	if size < 0 || size > MaxSize {
		errs = append(errs, cxq.NewFieldError("size", "out_of_range", map[string]string{"min": "1", "max": fmt.Sprint(MaxSize)},
			cxq.T("每页条数须在 {min} 到 {max} 之间", "the page size must be between {min} and {max}")))
	}
	known := false
	for _, s := range sorts {
		known = known || s == sort
	}
	if !known {
		errs = append(errs, cxq.NewFieldError("sort", "unknown", map[string]string{"value": string(sort)},
			cxq.T("未知的排序方式 {value}", "unknown sort order {value}")))
	}
	return errs
}
