package search

import (
	_ "embed"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation is the same for the index and the query, one rune for one rune, so a
// position in folded text is a position in the original (highlights need that). A rune
// folds in this order:
//
//  1. format characters (Unicode category Cf: U+200B zero-width space, U+FEFF BOM,
//     U+00AD soft hyphen …) and variation selectors are dropped;
//  2. NFKC: full-width ASCII becomes ASCII, compatibility ideographs their unified
//     forms; where NFKC gives several runes (⑴ is "(1)") the one letter or digit among
//     them is kept, or else the rune itself;
//  3. spaces, punctuation and symbols (quotes, brackets, 、，。；：-) become a space, which
//     separates parts;
//  4. letters become lower case, and Latin letters lose their tone marks: ǚ and ü
//     become v, as pinyin is typed (lǚ, lü, lv), á becomes a;
//  5. traditional characters become simplified ones (TraditionalToSimplified).
//
// A query is put through NFKC as a whole first, so decomposed marks compose, and
// "u:" is read as v.

// dropRune is what fold returns for a rune that is left out.
const dropRune = -1

//go:embed t2s.txt
var t2sData string

// t2s is the traditional → simplified table of t2s.txt.
var t2s = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for line := range strings.SplitSeq(t2sData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		kr, _ := utf8.DecodeRuneInString(k)
		vr, _ := utf8.DecodeRuneInString(v)
		if ok && utf8.RuneCountInString(k) == 1 && utf8.RuneCountInString(v) == 1 {
			m[kr] = vr
		}
	}
	return m
})

// TraditionalToSimplified returns the table that folds traditional characters to
// simplified ones, a fresh copy: 4,105 characters from OpenCC's TSCharacters dictionary
// (Apache License 2.0), taking the first simplified form where it lists several
// (學 → 学, 乾 → 干). The index and queries fold with it, so 天津大學 finds 天津大学.
func TraditionalToSimplified() map[rune]rune {
	out := make(map[rune]rune, len(t2s()))
	for k, v := range t2s() {
		out[k] = v
	}
	return out
}

// toneFree maps the Latin letters with tone marks that pinyin uses to plain letters.
var toneFree = map[rune]rune{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a', 'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e', 'ê': 'e',
	'ế': 'e', 'ề': 'e', 'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i', 'ō': 'o', 'ó': 'o', 'ǒ': 'o',
	'ò': 'o', 'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u', 'ü': 'v', 'ǖ': 'v', 'ǘ': 'v', 'ǚ': 'v',
	'ǜ': 'v', 'ń': 'n', 'ň': 'n', 'ǹ': 'n', 'ḿ': 'm',
}

// bmpFold caches fold of the runes of the Basic Multilingual Plane, each computed on
// first use and kept as its fold + 2 (0 is "not yet"; dropRune is stored as 1). Filling
// all 65,536 at once cost ~17 ms (NFKC per rune) on the first index or query; a
// catalog uses a few thousand runes, so each is computed the first time it is seen.
// Concurrent callers may both compute a rune; they store the same value.
var bmpFold [0x10000]atomic.Int32

// fold maps a rune to the form that is indexed and searched, a space for a separator
// or dropRune for a rune that is left out (see the steps above).
func fold(r rune) rune {
	if r < 0 || r >= 0x10000 {
		return foldSlow(r)
	}
	if v := bmpFold[r].Load(); v != 0 {
		return v - 2
	}
	f := foldSlow(r)
	bmpFold[r].Store(f + 2)
	return f
}

func foldSlow(r rune) rune {
	if r == utf8.RuneError || !utf8.ValidRune(r) || (r >= 0xD800 && r <= 0xDFFF) {
		return r
	}
	if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) {
		return dropRune
	}
	r = nfkcRune(r)
	if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || r == 0 || unicode.IsControl(r) {
		return ' '
	}
	r = unicode.ToLower(r)
	if t, ok := toneFree[r]; ok {
		r = t
	}
	if s, ok := t2s()[r]; ok {
		r = s
	}
	return r
}

// nfkcRune returns the NFKC form of r when it is one rune, or the one letter or digit
// in it, or r.
func nfkcRune(r rune) rune {
	s := norm.NFKC.String(string(r))
	if utf8.RuneCountInString(s) == 1 {
		out, _ := utf8.DecodeRuneInString(s)
		return out
	}
	keep, n := r, 0
	for _, x := range s {
		if unicode.IsLetter(x) || unicode.IsDigit(x) {
			keep, n = x, n+1
		}
	}
	if n == 1 {
		return keep
	}
	return r
}

// isSpace reports whether a rune separates runs: the tokenizers also see unfolded text
// (tabs, other spaces), so every Unicode space counts.
func isSpace(r rune) bool { return r == ' ' || r == '\n' || unicode.IsSpace(r) || r == 0 }

// foldAligned returns s folded without the dropped runes, and for each folded rune the
// index of the rune of s it comes from.
func foldAligned(s string) (rs []rune, from []int) {
	rs, from = make([]rune, 0, len(s)), make([]int, 0, len(s))
	i := 0
	for _, r := range s {
		if f := fold(r); f != dropRune {
			rs, from = append(rs, f), append(from, i)
		}
		i++
	}
	return rs, from
}

// foldRunes returns s folded, without the dropped runes.
func foldRunes(s string) []rune {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if f := fold(r); f != dropRune {
			out = append(out, f)
		}
	}
	return out
}

// appendFolded appends s folded, without the dropped runes, to b: the bytes of
// string(foldRunes(s)).
func appendFolded(b []byte, s string) []byte {
	for _, r := range s {
		if f := fold(r); f != dropRune {
			b = utf8.AppendRune(b, f)
		}
	}
	return b
}

// foldString returns s folded with its separator runs trimmed and collapsed to one space.
func foldString(s string) string { return collapseSpaces(string(appendFolded(nil, s))) }

// collapseSpaces returns s with its runs of spaces trimmed and collapsed to one space,
// as strings.Fields splits them; s itself when it has none to collapse.
func collapseSpaces(s string) string {
	prev := true // at the start, a space would be trimmed
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (r != ' ' || prev) {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = space
	}
	if prev && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// uColon reads "u:", as some pinyin input methods write ü, as v.
var uColon = strings.NewReplacer("u:", "v", "U:", "v")

// foldQuery folds a query text: NFKC over the whole text first, so that decomposed
// marks compose, "u:" read as v, then fold rune by rune.
func foldQuery(s string) string {
	s = norm.NFKC.String(s)
	if strings.Contains(s, "u:") || strings.Contains(s, "U:") { // a replacer makes a copy even when nothing matches
		s = uColon.Replace(s)
	}
	return foldString(s)
}

// digitsOnly returns the digits of s, or "" when s has none or nothing else.
func digitsOnly(s string) string {
	var b strings.Builder
	other := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			other = true
		}
	}
	if !other {
		return ""
	}
	return b.String()
}
