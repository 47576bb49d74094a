package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cxqkit/cxq"
)

// maxParts bounds the parts of a query text; later parts are left out.
const maxParts = 16

// part is one whitespace-separated part of a query text, folded.
type part struct {
	text    string          // folded
	runes   []string        // one string per character
	letters bool            // the part is all ASCII letters: pinyin or initials
	pinyin  []pinyinReading // syllable readings when the part is all letters
	aliases [][]string      // expansions, one string per character

	literals []string // the part and its alias expansions, in folded text
	initials bool     // the part's letters may be initials (two letters or more)
}

// parsed is a checked query text.
type parsed struct {
	whole string // the folded text, parts joined by one space
	parts []part
	steps int // the parse's work, counted by its budget
}

// CutText returns text cut to at most MaxTextRunes characters, the limit of every
// search: at the last part boundary (a space, punctuation or a symbol) at or before the
// limit, or at the limit where there is none. Shorter text is returned as it is. A
// longer paste is searched by its beginning, never refused.
func CutText(text string) string {
	if utf8.RuneCountInString(text) <= MaxTextRunes {
		return text
	}
	cut, n, last := len(text), 0, -1
	for i, r := range text {
		if n == MaxTextRunes {
			cut = i
			if isBoundary(r) {
				last = i
			}
			break
		}
		if isBoundary(r) {
			last = i
		}
		n++
	}
	if last > 0 {
		cut = last
	}
	return text[:cut]
}

// isBoundary reports whether r ends a part of a query: a space, punctuation or a symbol.
func isBoundary(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// splitScripts splits a folded word where Latin letters meet Chinese characters, so that
// tianjin大学 is the parts tianjin and 大学.
func splitScripts(w string) []string {
	var out []string
	start, prev := 0, 0 // prev: 1 for a letter, 2 for Han, 0 for anything else
	for i, r := range w {
		kind := 0
		switch {
		case r >= 'a' && r <= 'z':
			kind = 1
		case unicode.Is(unicode.Han, r):
			kind = 2
		}
		if i > 0 && kind != 0 && prev != 0 && kind != prev {
			out = append(out, w[start:i])
			start = i
		}
		prev = kind
	}
	return append(out, w[start:])
}

// parseText cuts (CutText), folds and splits text into at most maxParts parts. Its work
// is bounded by a budget of maxParseSteps steps and it stops when ctx is done.
func parseText(ctx context.Context, text string, al aliasTable) (parsed, error) {
	var fields []string
	for f := range strings.FieldsSeq(foldQuery(CutText(strings.ToValidUTF8(text, "\uFFFD")))) {
		fields = append(fields, splitScripts(f)...)
	}
	fields = fields[:min(len(fields), maxParts)]
	whole := strings.Join(fields, " ")
	b := &budget{limit: maxParseSteps}
	p := parsed{whole: whole}
	for i, f := range fields {
		if err := ctx.Err(); err != nil {
			return parsed{}, err
		}
		pt := part{text: f, runes: splitRunes(f)}
		if isLetters(f) {
			open := i == len(fields)-1 && (len(fields) > 1 || len(f) >= 2)
			pt.letters, pt.pinyin = true, segmentPinyin(f, open, b)
		}
		for _, exp := range al[f] {
			pt.aliases = append(pt.aliases, splitRunes(exp))
		}
		pt.plan()
		p.parts = append(p.parts, pt)
	}
	p.steps = b.steps
	return p, nil
}

// plan sets the literals of a part and whether its letters may be initials.
func (pt *part) plan() {
	pt.literals = []string{pt.text}
	for _, exp := range pt.aliases {
		pt.literals = append(pt.literals, strings.Join(exp, ""))
	}
	pt.initials = pt.letters && len(pt.runes) >= 2
}

// splitRunes returns the characters of s, one string each: substrings of s, but for
// bytes that are not UTF-8, which are U+FFFD each as string(r) makes them.
func splitRunes(s string) []string {
	out := make([]string, 0, utf8.RuneCountInString(s))
	for i, r := range s {
		if n := utf8.RuneLen(r); r != utf8.RuneError || strings.HasPrefix(s[i:], "\uFFFD") {
			out = append(out, s[i:i+n])
		} else {
			out = append(out, string(r))
		}
	}
	return out
}

// alt is one way a part can match: its exact pattern in one field's text. The terms
// (a cover of its units) are what bleve's posting lists find; a cover of one or two
// units is exact, a longer one a superset in which lit is checked.
type alt struct {
	field string
	terms []string
	boost float64
	lit   []byte // the pattern in the field's arena text (see textLayout)
	check bool   // lit must be checked: the cover has three units or more
}

// alternatives returns the ways a part matches a record of sp: its characters in a text
// field, its syllables or initials in a pinyin field, an alias expansion in a name.
// One or two units are one exact term; more are the bigrams that cover them, all of
// which a match holds, and the pattern is checked in the field's text.
func alternatives[T any](sp spec[T], pt part) []alt {
	out := make([]alt, 0, 8) // a field or seven, more for pinyin
	type pattern struct {
		units []string
		sep   string
		terms []string
		lit   []byte
		check bool
	}
	// The same units in several fields share one pattern; a part has a few, so they
	// are found by comparing units rather than by a key string made per field.
	memo := make([]pattern, 0, 4)
	add := func(field string, units []string, sep string, boost float64) {
		at := slices.IndexFunc(memo, func(p pattern) bool { return p.sep == sep && slices.Equal(p.units, units) })
		if at < 0 {
			pat := pattern{units: units, sep: sep}
			lit := strings.Join(units, "")
			var cover []string
			if sep == "" {
				cover = charsCover(lit, units)
			} else {
				cover, lit = bigramCover(units, sep), unitsPattern(units)
			}
			pat.terms = cover[:0] // the cover without its gaps, in its own array
			for _, t := range cover {
				if t != "" {
					pat.terms = append(pat.terms, t)
				}
			}
			pat.lit, pat.check = []byte(lit), len(units) >= 3
			at, memo = len(memo), append(memo, pat)
		}
		if pat := memo[at]; len(pat.terms) > 0 {
			out = append(out, alt{field: field, terms: pat.terms, boost: boost, lit: pat.lit, check: pat.check})
		}
	}
	var done []string // the text fields already added: a group's fields share one
	for _, f := range sp.fields {
		if !slices.Contains(done, f.index()) {
			done = append(done, f.index())
			add(f.index(), pt.runes, "", f.boost)
		}
		if !f.pinyin {
			continue
		}
		full := f.fullName()
		for _, rd := range pt.pinyin {
			if !rd.open {
				add(full, rd.syl, unitSep, f.boost*0.8)
			} else if len(rd.syl) == 1 {
				for _, s := range completions()[rd.syl[0]] {
					add(full, []string{s}, unitSep, f.boost*0.8)
				}
			} else if a, ok := openAlt(full, rd.syl, f.boost*0.8); ok {
				out = append(out, a)
			}
		}
		if pt.initials {
			add(f.initialName(), pt.runes, unitSep, f.boost*0.5)
		}
		for _, exp := range pt.aliases {
			add(f.index(), exp, "", f.boost*1.5)
		}
	}
	return out
}

// openAlt is the alternative of a reading whose last syllable is still being typed: the
// complete syllables before it are the terms, and the pattern, checked in the field's
// text, ends in the typed letters: " nan ka" is part of " nan kai da xue ". (A reading
// of one open syllable is instead the syllables it starts, each its own alternative.)
func openAlt(field string, syl []string, boost float64) (alt, bool) {
	var terms []string
	for _, t := range bigramCover(syl[:len(syl)-1], unitSep) {
		if t != "" {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return alt{}, false
	}
	lit := " " + strings.Join(syl, " ")
	return alt{field: field, terms: terms, boost: boost, lit: []byte(lit), check: true}, true
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
