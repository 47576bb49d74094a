package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"
)

// The analyzers of the index. Both emit unigrams and bigrams of "units" at the unit's
// position (counted from 1), so a query part of n units becomes a phrase of bigrams.
// The collection analyses its documents itself with the same terms (analyzedField);
// the analyzers name them in the mapping an index on disk keeps.
const (
	// charsAnalyzer reads text: a unit is a character, folded by fold; whitespace
	// separates runs and no bigram spans it.
	charsAnalyzer = "cxq_chars"
	// unitsAnalyzer reads a space-separated list of units (pinyin syllables or their
	// initials), one per character of the source text; "-" stands for a character
	// without a reading.
	unitsAnalyzer = "cxq_units"
	// unitSep joins the two units of a pinyin bigram.
	unitSep = "'"
	// noUnit stands for a character without a reading in a units list.
	noUnit = "-"
)

func init() {
	registry.RegisterTokenizer(charsAnalyzer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return charsTokenizer{}, nil
	})
	registry.RegisterTokenizer(unitsAnalyzer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return unitsTokenizer{}, nil
	})
}

// term is one term an analyzer makes: its bytes text[s:e] of the text the terms are
// cut from, where it lies in the input (start, end; 0 for units) and its position.
type term struct{ s, e, start, end, pos int }

// scratch is memory that one goroutine's analyses reuse, field after field: what
// charsTerms and unitsTerms return is valid until the next call with the same scratch.
type scratch struct {
	vals  []string // a field's values
	terms []term
	runes []rune
	offs  []int
	// slab is where analyze cuts the TokenFreqs of fields from, one distinct term at a
	// time: the fields of a batch live as long as one another, so they share slabs.
	slab []index.TokenFreq
}

// charsTerms returns the terms charsAnalyzer makes of input, a unigram per character
// that is not a space and a bigram per two such characters in a row, and the text
// their bytes lie in: input itself when folding changes no character of a term, else
// the folded characters.
func charsTerms(input []byte, sc *scratch) (text []byte, terms []term) {
	rs, offs := sc.runes[:0], sc.offs[:0]
	same := true // folding changed no character a term holds, so terms can share the input's bytes
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		f := fold(r)
		if f == dropRune {
			same = false
			i += n
			continue
		}
		same = same && (f == r && r != utf8.RuneError || isSpace(f))
		rs = append(rs, f)
		offs = append(offs, i)
		i += n
	}
	offs = append(offs, len(input))
	sc.runes, sc.offs = rs, offs
	text, at := input, offs
	if !same {
		text, at = make([]byte, 0, len(input)), make([]int, 0, len(offs))
		for _, r := range rs {
			at = append(at, len(text))
			text = utf8.AppendRune(text, r)
		}
		at = append(at, len(text))
	}
	terms = sc.terms[:0]
	for i, r := range rs {
		if isSpace(r) {
			continue
		}
		terms = append(terms, term{s: at[i], e: at[i+1], start: offs[i], end: offs[i+1], pos: i + 1})
		if i+1 < len(rs) && !isSpace(rs[i+1]) {
			terms = append(terms, term{s: at[i], e: at[i+2], start: offs[i], end: offs[i+2], pos: i + 1})
		}
	}
	sc.terms = terms
	return text, terms
}

// unitsTerms returns the terms unitsAnalyzer makes of input, a unigram of every unit
// but noUnit and "" and a bigram of every two such units in a row, and the text their
// bytes lie in: input followed by the bigrams, one after another.
func unitsTerms(input []byte, sc *scratch) (text []byte, terms []term) {
	units := sc.offs[:0] // where each unit starts and ends, in pairs
	for start, i := 0, 0; i <= len(input); i++ {
		if i == len(input) || input[i] == ' ' {
			units = append(units, start, i)
			start = i + 1
		}
	}
	sc.offs = units
	on := func(u int) bool {
		return u < len(units)/2 && units[2*u+1] > units[2*u] && string(input[units[2*u]:units[2*u+1]]) != noUnit
	}
	size := len(input)
	for u := range len(units) / 2 {
		if on(u) && on(u+1) {
			size += units[2*u+1] - units[2*u] + len(unitSep) + units[2*u+3] - units[2*u+2]
		}
	}
	text = append(make([]byte, 0, size), input...)
	terms = sc.terms[:0]
	for u := range len(units) / 2 {
		if !on(u) {
			continue
		}
		terms = append(terms, term{s: units[2*u], e: units[2*u+1], pos: u + 1})
		if on(u + 1) {
			from := len(text)
			text = append(append(append(text, input[units[2*u]:units[2*u+1]]...), unitSep...), input[units[2*u+2]:units[2*u+3]]...)
			terms = append(terms, term{s: from, e: len(text), pos: u + 1})
		}
	}
	sc.terms = terms
	return text, terms
}

// tokenStream returns terms as bleve's tokens, in one array.
func tokenStream(text []byte, terms []term, typ analysis.TokenType) analysis.TokenStream {
	tokens := make([]analysis.Token, len(terms))
	stream := make(analysis.TokenStream, len(terms))
	for i, t := range terms {
		tokens[i] = analysis.Token{Term: text[t.s:t.e:t.e], Start: t.start, End: t.end, Position: t.pos, Type: typ}
		stream[i] = &tokens[i]
	}
	return stream
}

type charsTokenizer struct{}

func (charsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	text, terms := charsTerms(input, &scratch{})
	return tokenStream(text, terms, analysis.Ideographic)
}

type unitsTokenizer struct{}

func (unitsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	text, terms := unitsTerms(input, &scratch{})
	return tokenStream(text, terms, analysis.AlphaNumeric)
}

// charsCover returns bigramCover(units, "") cut from text, the units joined: the terms
// share its bytes instead of a string each.
func charsCover(text string, units []string) []string {
	if len(units) < 2 {
		return bigramCover(units, "")
	}
	out := make([]string, len(units)-1)
	for k, at := 0, 0; k < len(units)-1; k++ {
		if k%2 == 0 || k == len(units)-2 {
			out[k] = text[at : at+len(units[k])+len(units[k+1])]
		}
		at += len(units[k])
	}
	return out
}

// bigramCover returns the terms of a phrase that finds units: one unit is a unigram,
// two a bigram, more a phrase of bigrams at every other position (plus the last) with
// "" gaps, which covers every unit and so matches exactly where units occur.
func bigramCover(units []string, sep string) []string {
	n := len(units)
	switch n {
	case 0:
		return nil
	case 1:
		return []string{units[0]}
	}
	out := make([]string, n-1)
	for k := 0; k < n-1; k++ {
		if k%2 == 0 || k == n-2 {
			out[k] = units[k] + sep + units[k+1]
		}
	}
	return out
}
