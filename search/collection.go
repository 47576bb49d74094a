package search

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// field describes one searchable field of a record.
type field[T any] struct {
	name    string           // the name in hits and highlights
	group   string           // the bleve field it shares with others; "" for its own
	boost   float64          // weight of a match in this field
	value   func(T) string   // the field's text, for a field of one value ("" for none)
	values  func(T) []string // or its text, one value per element
	pinyin  bool             // also index the pinyin of the first value
	surname bool             // the first character is a surname (contacts)
	exact   float64          // rank bonus when the whole field equals the query; 0 for none
	prefix  float64          // rank bonus when the field starts with the query; 0 for none
	digits  bool             // also index a digits-only copy of the first value (phones)

	tname, pname, iname string // its bleve fields, set by prepare: a query names them often
}

// spec describes how a record type is indexed.
type spec[T any] struct {
	id     func(T) string
	fields []field[T]
	facets []func(T) string // compact columns, counted per match and used as filters
}

// valuesOf appends the values of f in r to dst: its value unless empty, or its values.
// A field of one value makes no slice per record this way.
func (f field[T]) valuesOf(dst []string, r T) []string {
	if f.value == nil {
		return append(dst, f.values(r)...)
	}
	if v := f.value(r); v != "" {
		return append(dst, v)
	}
	return dst
}

// index returns the name of the bleve text field f is indexed in.
func (f field[T]) index() string {
	switch {
	case f.tname != "":
		return f.tname
	case f.group != "":
		return textField(f.group)
	}
	return textField(f.name)
}

// fullName and initialName return the names of the bleve fields of f's pinyin.
func (f field[T]) fullName() string {
	if f.pname != "" {
		return f.pname
	}
	return fullField(f.name)
}

func (f field[T]) initialName() string {
	if f.iname != "" {
		return f.iname
	}
	return initialField(f.name)
}

// prepare sets the bleve field names of fields, once, so that queries do not build them.
func prepare[T any](fields []field[T]) []field[T] {
	for i := range fields {
		f := &fields[i]
		f.tname, f.pname, f.iname = f.index(), f.fullName(), f.initialName()
	}
	return fields
}

// Bleve field names derived from a field name.
func textField(n string) string    { return "t_" + n }
func fullField(n string) string    { return "p_" + n }
func initialField(n string) string { return "i_" + n }

const recField = "rec" // the record as JSON, stored for Open

// defaultScanRatio is the collections' scanRatio. Reading a posting and then checking
// its record costs about four times a direct check of one record's field
// (BenchmarkSearchGenerated at 100,000 labs: 技术研究 24 ms at 1, 14 ms at 0.25). Since
// the first part searches its arena in one pass for the pattern's rarest byte, ratios
// from 0.02 to 0.5 cost about the same for the kind words at 20,000 labs and 1 costs
// three to five times more, so 0.25 stays.
const defaultScanRatio = 0.25

// collection is one bleve index over records of type T, with compact in-memory columns
// that give a match's record and facet values by ordinal. Ordinals are given once per
// ID and never reused, so the per-segment maps from bleve's document numbers stay valid.
type collection[T any] struct {
	spec    spec[T]
	stored  bool // keep each record as JSON with its document, so Open can read it back
	py      *pinyinTable
	aliases aliasTable

	mu     sync.RWMutex
	bx     bleve.Index
	reader index.IndexReader
	closed bool

	ords   map[string]int32
	recs   []T
	live   []bool
	count  int
	cols   []column
	keys   [][]string     // per field with a rank bonus: the folded first value, by ordinal
	sorted [][]int32      // per field with a rank bonus: the live ordinals in key order
	tnames []string       // the bleve text fields, as textLayout gives them
	tat    map[string]int // a bleve text field's place in tnames and texts
	tunits []bool         // by text field: it holds pinyin units, not characters
	texts  []arena        // by text field: the folded text of each ordinal
	lists  *termLists     // the records that hold each term; nil when the collection keeps none

	// scanRatio decides between posting lists and the arenas for a long part: the
	// arenas are checked directly when the posting lists to read hold more than
	// scanRatio postings per record that can still match (see dense).
	scanRatio float64

	pool       sync.Pool                   // *postings, the per-query state of matchTerms
	bonusPool  sync.Pool                   // *bonus, the rank bonuses of one query
	countsPool sync.Pool                   // *counts, the facet counts of one query
	freqMu     sync.Mutex                  // guards freqs
	freqs      map[freqKey]uint64          // document frequencies in reader (docFreq)
	segOrds    map[segment.Segment][]int32 // document number in a segment → ordinal
	docOrd     []int32                     // document number in the reader → ordinal, -1 for none
}

// column holds one facet value per ordinal, as a code into dict.
type column struct {
	codes  []uint32
	dict   []string
	lookup map[string]uint32
}

func (c *column) code(v string) uint32 {
	if k, ok := c.lookup[v]; ok {
		return k
	}
	k := uint32(len(c.dict))
	c.dict = append(c.dict, v)
	c.lookup[v] = k
	return k
}

func newCollection[T any](sp spec[T], path string, py *pinyinTable, al aliasTable) (*collection[T], error) {
	c := &collection[T]{spec: sp, py: py, aliases: al, stored: path != "", scanRatio: defaultScanRatio}
	bx, err := bleve.NewUsing(path, c.mapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("search: create index: %w", err)
	}
	c.bx = bx
	c.reset()
	return c, c.refresh()
}

func (c *collection[T]) reset() {
	c.ords = map[string]int32{}
	c.recs, c.live, c.count = nil, nil, 0
	c.keys = make([][]string, len(c.spec.fields))
	c.tnames, c.tat, c.tunits = textLayout(c.spec)
	c.texts = make([]arena, len(c.tnames))
	c.lists = newTermLists(len(c.tnames))
	c.cols = make([]column, len(c.spec.facets))
	for i := range c.cols {
		c.cols[i].lookup = map[string]uint32{}
	}
	c.segOrds = map[segment.Segment][]int32{}
}

func (c *collection[T]) mapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	must(im.AddCustomAnalyzer(charsAnalyzer, map[string]any{"type": custom.Name, "tokenizer": charsAnalyzer}))
	must(im.AddCustomAnalyzer(unitsAnalyzer, map[string]any{"type": custom.Name, "tokenizer": unitsAnalyzer}))
	dm := bleve.NewDocumentStaticMapping()
	text := func(analyzer string) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer, fm.Store, fm.IncludeTermVectors = analyzer, false, false
		fm.IncludeInAll, fm.DocValues = false, false
		return fm
	}
	mapped := map[string]bool{}
	for _, f := range c.spec.fields {
		if !mapped[f.index()] {
			// One mapping per bleve field: each mapping of a path indexes its text again.
			mapped[f.index()] = true
			dm.AddFieldMappingsAt(f.index(), text(charsAnalyzer))
		}
		if f.pinyin {
			dm.AddFieldMappingsAt(f.fullName(), text(unitsAnalyzer))
			dm.AddFieldMappingsAt(f.initialName(), text(unitsAnalyzer))
		}
	}
	rec := bleve.NewTextFieldMapping()
	rec.Index, rec.Store, rec.IncludeInAll, rec.DocValues = false, true, false, false
	dm.AddFieldMappingsAt(recField, rec)
	// No query reads bleve's composite _all field; left enabled, every document pays
	// for one more (empty) field in every segment.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	im.DefaultAnalyzer = charsAnalyzer
	return im
}

func must(err error) {
	if err != nil {
		panic(err) // the mapping is built from constants; an error is a bug here
	}
}

// document returns the bleve document of a record, its text fields analysed by rowOf.
func (c *collection[T]) document(r T, rw *row) (*document.Document, error) {
	doc := document.NewDocument(c.spec.id(r))
	for _, f := range rw.fields {
		doc.AddField(f)
	}
	if c.stored {
		b, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("search: encode record: %w", err)
		}
		doc.AddField(document.NewTextFieldWithIndexingOptions(recField, nil, b, index.StoreField))
	}
	doc.SetIndexed()
	return doc, nil
}

// row is what the columns keep of a record besides its facets, and the text fields
// bleve indexes of it, computed once.
type row struct {
	keys   []string         // by field: the folded first value, for fields with a rank bonus
	texts  []string         // by text field (textLayout): its folded text, values joined by newlines
	tokens []int            // by text field: how many terms bleve indexes of it
	fields []document.Field // the text fields that are not empty, analysed
}

func (c *collection[T]) rowOf(r T, sc *scratch) *row {
	n, nt := len(c.spec.fields), len(c.tnames)
	rw := &row{keys: make([]string, n), texts: make([]string, nt), tokens: make([]int, nt)}
	bufs := make([][]byte, nt)
	type value struct {
		at  [2]int // where it lies, folded, in its text field's text
		raw string // as the record holds it
		ok  bool   // the field has a value
	}
	first := make([]value, n) // by field: its first value
	for i, f := range c.spec.fields {
		vs := f.valuesOf(sc.vals[:0], r)
		if sc.vals = vs; f.digits && len(vs) > 0 {
			if d := digitsOnly(vs[0]); d != "" {
				vs = append(vs, d)
			}
		}
		k := c.tat[f.index()]
		for j, v := range vs {
			if len(bufs[k]) > 0 {
				bufs[k] = append(bufs[k], '\n')
			}
			from := len(bufs[k])
			if bufs[k] = appendFolded(bufs[k], v); j == 0 {
				first[i] = value{at: [2]int{from, len(bufs[k])}, raw: v, ok: true}
			}
		}
	}
	for k, b := range bufs {
		rw.texts[k] = string(b)
	}
	for i, f := range c.spec.fields {
		if !first[i].ok {
			continue
		}
		text := rw.texts[c.tat[f.index()]]
		v := text[first[i].at[0]:first[i].at[1]] // the first value, folded
		if f.exact > 0 || f.prefix > 0 {
			// The columns keep the key: a part of a longer text is copied, so that it
			// does not keep the rest alive.
			if rw.keys[i] = collapseSpaces(v); len(rw.keys[i]) < len(text) {
				rw.keys[i] = strings.Clone(rw.keys[i])
			}
		}
		if f.pinyin && first[i].raw != "" {
			full, ini := c.py.units(v, f.surname)
			rw.texts[c.tat[f.fullName()]], rw.texts[c.tat[f.initialName()]] = unitsText(full), unitsText(ini)
		}
	}
	for k, t := range rw.texts {
		read := charsTerms
		if c.tunits[k] {
			t, read = strings.TrimSuffix(strings.TrimPrefix(t, " "), " "), unitsTerms // the units, as bleve gets them
		}
		if t != "" {
			af := analyze(c.tnames[k], t, read, sc)
			rw.tokens[k], rw.fields = af.length, append(rw.fields, af)
		}
	}
	return rw
}

// match finds the records p matches (see matchTerms) and calls visit with the ordinal and score of each live match that keep
// accepts, in no particular order. An empty text matches every record.
func (c *collection[T]) match(ctx context.Context, p parsed, keep func(int32) bool, visit func(int32, float64)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(p.parts) == 0 {
		for ord, ok := range c.live {
			if ok && keep(int32(ord)) {
				visit(int32(ord), 0)
			}
		}
		return nil
	}
	return c.matchTerms(ctx, p, keep, visit)
}

func (c *collection[T]) get(id string) (T, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var zero T
	ord, ok := c.ords[id]
	if !ok || !c.live[ord] {
		return zero, false
	}
	return c.recs[ord], true
}

func (c *collection[T]) len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.count
}

func (c *collection[T]) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	if c.reader != nil {
		_ = c.reader.Close()
	}
	return c.bx.Close()
}
