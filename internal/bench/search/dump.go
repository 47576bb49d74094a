package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// dumpResults writes cxq's whole result of every query of a corpus to w, one JSON line
// per query as the benchmark asks it (the page it asks for) and once more as one page
// of MaxSize hits: totals, facets, hits with their scores and highlights, the page and
// any suggestion. Two builds of the library answer alike exactly when their dumps of
// the same corpus and seed are equal byte for byte, so a change meant only to be
// faster is checked with cmp.
func dumpResults(w *bufio.Writer, labs []catalog.Lab, nq int, seed int64) error {
	ix, err := search.Build(labs, nil, nil)
	if err != nil {
		return err
	}
	defer ix.Close()
	ctx := context.Background()
	for _, q := range makeQueries(newRand(seed), labs, nq, search.TraditionalToSimplified()) {
		for _, sq := range []search.Query{{Text: q.text, Page: q.page}, {Text: q.text, Size: search.MaxSize}} {
			res, err := ix.SearchLabs(ctx, sq)
			if err != nil {
				return fmt.Errorf("%q: %w", q.text, err)
			}
			b, err := json.Marshal(struct {
				Labs  int
				Query search.Query
				*search.Result
			}{len(labs), sq, res})
			if err != nil {
				return err
			}
			_, _ = w.Write(append(b, '\n'))
		}
	}
	return nil
}

// writeDump writes the dump of every corpus to path.
func writeDump(path string, corpora []func() []catalog.Lab, nq int, seed int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, labs := range corpora {
		if l := labs(); len(l) > 0 {
			if err := dumpResults(w, l, nq, seed); err != nil {
				_ = f.Close()
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
