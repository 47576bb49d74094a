package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/document"
)

// maxListRecords is the most records for which a collection keeps its own term lists.
const maxListRecords = 5000

// termLists is a small collection's own inverted index: by text field (textLayout) and
// term, the ordinals of the records that hold it, made from the same analysis as the
// documents bleve indexes, so a list holds exactly the records bleve's posting lists
// hold and its length is bleve's count. In a catalog of a few thousand labs a query's
// cost is mostly opening term readers over every segment, for terms whose lists are a
// few records long or empty; a map lookup gives the same list. A list is only ever
// appended to, in the order records are put, so it holds live records only while no
// record was replaced or deleted: a collection drops its lists then, or when it grows
// past maxListRecords, and reads bleve's posting lists until it is rebuilt.
type termLists struct {
	ids  []map[string]int32 // by text field: each term's place in ords
	ords [][]int32
}

func newTermLists(fields int) *termLists {
	l := &termLists{ids: make([]map[string]int32, fields)}
	for k := range l.ids {
		l.ids[k] = map[string]int32{}
	}
	return l
}

// of returns the list of term in text field k; nil for none.
func (l *termLists) of(k int, term string) []int32 {
	if i, ok := l.ids[k][term]; ok {
		return l.ords[i]
	}
	return nil
}

// merge appends the lists of more, of records put after l's, to l's.
func (l *termLists) merge(more *termLists) {
	for k, m := range more.ids {
		for t, j := range m {
			if i, ok := l.ids[k][t]; ok {
				l.ords[i] = append(l.ords[i], more.ords[j]...)
			} else {
				l.ids[k][t] = int32(len(l.ords))
				l.ords = append(l.ords, more.ords[j])
			}
		}
	}
}

// add lists ord under every term of the analysed fields of its row.
func (l *termLists) add(ord int32, fields []document.Field, at map[string]int) {
	for _, fd := range fields {
		f := fd.(*analyzedField)
		m := l.ids[at[f.name]]
		for t := range f.freqs {
			i, ok := m[t]
			if !ok {
				i = int32(len(l.ords))
				m[strings.Clone(t)] = i // the key is cut from the record's text
				l.ords = append(l.ords, nil)
			}
			l.ords[i] = append(l.ords[i], ord)
		}
	}
}
