package search

import (
	"bytes"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzers of the index. Both emit unigrams and bigrams of "units" at the unit's
// position (counted from 1), so a query part of n units becomes a phrase of bigrams.
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

type charsTokenizer struct{}

func (charsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	rs := make([]rune, 0, len(input)/2)
	offs := make([]int, 0, len(input)/2+1)
	same := true // folding changed nothing, so terms can share the input's bytes
	for i := 0; i < len(input); {
		r, n := utf8.DecodeRune(input[i:])
		f := fold(r)
		if f == dropRune {
			same = false
			i += n
			continue
		}
		same = same && f == r && r != utf8.RuneError
		rs = append(rs, f)
		offs = append(offs, i)
		i += n
	}
	offs = append(offs, len(input))
	term := func(i, j int) []byte {
		if same {
			return input[offs[i]:offs[j]:offs[j]]
		}
		return []byte(string(rs[i:j]))
	}
	tokens := make([]analysis.Token, 0, 2*len(rs))
	for i, r := range rs {
		if isSpace(r) {
			continue
		}
		tokens = append(tokens, analysis.Token{Term: term(i, i+1), Start: offs[i], End: offs[i+1], Position: i + 1, Type: analysis.Ideographic})
		if i+1 < len(rs) && !isSpace(rs[i+1]) {
			tokens = append(tokens, analysis.Token{Term: term(i, i+2), Start: offs[i], End: offs[i+2], Position: i + 1, Type: analysis.Ideographic})
		}
	}
	stream := make(analysis.TokenStream, len(tokens))
	for i := range tokens {
		stream[i] = &tokens[i]
	}
	return stream
}

type unitsTokenizer struct{}

// Tokenize makes a unigram of every unit and a bigram of every two units in a row, in
// one array of tokens whose unigrams share input's bytes and whose bigrams share one
// buffer: a build makes some 60 of them per record.
func (unitsTokenizer) Tokenize(input []byte) analysis.TokenStream {
	type span struct{ s, e int }
	units := make([]span, 0, bytes.Count(input, []byte{' '})+1)
	for start, i := 0, 0; i <= len(input); i++ {
		if i == len(input) || input[i] == ' ' {
			units = append(units, span{start, i})
			start = i + 1
		}
	}
	on := func(u span) bool { return u.e > u.s && string(input[u.s:u.e]) != noUnit }
	count, size := 0, 0
	for i, u := range units {
		if on(u) {
			count++
			if i+1 < len(units) && on(units[i+1]) {
				count, size = count+1, size+u.e-u.s+len(unitSep)+units[i+1].e-units[i+1].s
			}
		}
	}
	tokens := make([]analysis.Token, 0, count)
	buf := make([]byte, 0, size)
	for i, u := range units {
		if !on(u) {
			continue
		}
		tokens = append(tokens, analysis.Token{Term: input[u.s:u.e:u.e], Position: i + 1, Type: analysis.AlphaNumeric})
		if i+1 < len(units) && on(units[i+1]) {
			from := len(buf)
			buf = append(append(append(buf, input[u.s:u.e]...), unitSep...), input[units[i+1].s:units[i+1].e]...)
			tokens = append(tokens, analysis.Token{Term: buf[from:len(buf):len(buf)], Position: i + 1, Type: analysis.AlphaNumeric})
		}
	}
	stream := make(analysis.TokenStream, len(tokens))
	for i := range tokens {
		stream[i] = &tokens[i]
	}
	return stream
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
