package search

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
)

// bundled returns an index over the bundled labs and products, built once.
var bundled = sync.OnceValues(func() (*Index, error) {
	labs, err := catalog.BundledLabs()
	if err != nil {
		return nil, err
	}
	products, err := catalog.BundledProducts()
	if err != nil {
		return nil, err
	}
	return Build(labs, products, nil)
})

func bundledIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := bundled()
	require.NoError(t, err)
	return ix
}

func bundledLabs(t testing.TB) []catalog.Lab {
	t.Helper()
	labs, err := catalog.BundledLabs()
	require.NoError(t, err)
	return labs
}

// allIDs runs q over every page and returns the IDs of all hits.
func allIDs(t testing.TB, ix *Index, q Query) map[string]bool {
	t.Helper()
	q.Size, q.Page = MaxSize, 1
	out := map[string]bool{}
	for {
		r, err := ix.SearchLabs(context.Background(), q)
		require.NoError(t, err, q.Text)
		for _, h := range r.Hits {
			out[h.ID] = true
		}
		if !r.Page.HasNext() {
			require.Len(t, out, r.Total, q.Text)
			return out
		}
		q.Page++
	}
}

// labTexts returns the folded texts a lab is searched in, as the scan sees them.
func labTexts(l catalog.Lab) []string {
	out := []string{l.Name, l.LegalEntity, l.Contact, l.Phone, string(l.Kind), string(l.Region)}
	out = append(out, l.Services...)
	if d := digitsOnly(l.Phone); d != "" {
		out = append(out, d)
	}
	for i := range out {
		out[i] = string(foldRunes(out[i]))
	}
	return out
}

// scanIDs is the truth for a literal query: labs in which every whitespace-separated
// part occurs in some field.
func scanIDs(labs []catalog.Lab, text string) map[string]bool {
	parts := strings.Fields(foldString(text))
	out := map[string]bool{}
	for _, l := range labs {
		texts := labTexts(l)
		ok := true
		for _, p := range parts {
			found := false
			for _, s := range texts {
				found = found || strings.Contains(s, p)
			}
			ok = ok && found
		}
		if ok {
			out[l.ID] = true
		}
	}
	return out
}

// pinyinIDs is the truth for a pinyin query of whole syllables (or initials): labs
// whose name, legal entity or contact reads as that run of syllables.
func pinyinIDs(labs []catalog.Lab, py *pinyinTable, syl []string, initials bool) map[string]bool {
	out := map[string]bool{}
	pat := " " + strings.Join(syl, " ") + " "
	for _, l := range labs {
		for i, s := range []string{l.Name, l.LegalEntity, l.Contact} {
			full, ini := py.units(s, i == 2)
			u := full
			if initials {
				u = ini
			}
			if strings.Contains(" "+u+" ", pat) {
				out[l.ID] = true
			}
		}
	}
	return out
}
