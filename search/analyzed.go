package search

import (
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// analyzedField is a text field of a document that the collection has analysed
// itself, into the terms, counts and length its analyzer gives (charsTerms or
// unitsTerms). bleve's mapping would walk a map of the record's fields by reflection,
// make a token object per term and a TokenFreq per term, and copy each term to key
// its map; here the terms of a field share two buffers, its TokenFreqs one array, and
// its map keys one string, and the same analysis gives the arena its norm.
type analyzedField struct {
	name   string
	value  []byte
	length int
	freqs  index.TokenFrequencies
}

var _ document.Field = (*analyzedField)(nil)

// slabSize is how many TokenFreqs a scratch's slab holds: some ten records' worth.
const slabSize = 4096

// analyze returns the field name of text s as read reads it, with sc's memory.
func analyze(name, s string, read func([]byte, *scratch) ([]byte, []term), sc *scratch) *analyzedField {
	value := []byte(s)
	text, terms := read(value, sc)
	keys := s // the terms' map keys, cut from text as a string
	if string(text) != s {
		keys = string(text)
	}
	freqs := make(index.TokenFrequencies, len(terms))
	for _, t := range terms {
		tf := freqs[keys[t.s:t.e]]
		if tf == nil {
			if len(sc.slab) == 0 {
				sc.slab = make([]index.TokenFreq, max(slabSize, len(terms)))
			}
			tf, sc.slab = &sc.slab[0], sc.slab[1:]
			tf.Term = text[t.s:t.e:t.e]
			freqs[keys[t.s:t.e]] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	return &analyzedField{name: name, value: value, length: len(terms), freqs: freqs}
}

func (f *analyzedField) Name() string                        { return f.name }
func (f *analyzedField) ArrayPositions() []uint64            { return nil }
func (f *analyzedField) Options() index.FieldIndexingOptions { return index.IndexField }
func (f *analyzedField) Value() []byte                       { return f.value }
func (f *analyzedField) NumPlainTextBytes() uint64           { return uint64(len(f.value)) }
func (f *analyzedField) EncodedFieldType() byte              { return 't' }
func (f *analyzedField) AnalyzedLength() int                 { return f.length }

func (f *analyzedField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Analyze does nothing: the field was analysed when it was made.
func (f *analyzedField) Analyze() {}

// Size estimates the bytes the field holds, for bleve's statistics: its texts and a
// map entry and TokenFreq (two slices and an int) per term.
func (f *analyzedField) Size() int { return len(f.name) + len(f.value) + len(f.freqs)*(16+8+56) }
