// Command search measures the lab search against two others on the bundled 753 labs and
// on 100,000 generated labs: a strings.Contains scan, and SQLite FTS5 with the trigram
// tokenizer (the embedded engine a Go team would pick instead). Each answers the same
// page query (total, three facets, one page of hits with highlights), in turn, the
// order rotating from query to query. The report gives, per class of query (1, 2, 3,
// 4+ characters; common kind words; pinyin; phone digits; written forms such as
// traditional or punctuated names; the empty query with facets; deep pages) and
// overall, the median and p99 of each and cxq's ratios to both, then each engine's
// build time and the process RSS it added, and cxq's recall and precision against a
// truth that applies the documented normalisation itself, checked outside the timed
// loop, and last whether each target of the corpus's size is met (targetsFor).
//
//	go run ./internal/bench/search [-n 100000] [-queries 400] [-seed 1] [-slow N] [-profile DIR] [-dump FILE]
//
// -n 0 measures the bundled labs only. -profile writes CPU profiles of each corpus's
// build and queries into DIR, for go tool pprof (-tagfocus=run=cxq keeps cxq's queries).
// -dump measures nothing: it writes cxq's whole result of every query into FILE
// (dumpResults), so that the dumps of two builds of the library can be compared.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/internal/labgen"
	"github.com/cxqkit/cxq/search"
)

func main() {
	n := flag.Int("n", 100000, "labs in the large corpus")
	nq := flag.Int("queries", 400, "queries per corpus")
	seed := flag.Int64("seed", 1, "seed of the generated labs and queries")
	slow := flag.Int("slow", 0, "also print the slowest queries of cxq, this many per corpus")
	flag.StringVar(&profileDir, "profile", "", "write CPU profiles of builds and queries into this directory")
	dump := flag.String("dump", "", "write cxq's results of every query into this file instead of measuring")
	flag.Parse()
	bundled, err := catalog.BundledLabs()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The generated labs are made only after the bundled run, so that their heap does
	// not slow the collections of the small one.
	corpora := []func() []catalog.Lab{
		func() []catalog.Lab { return bundled },
		func() []catalog.Lab { return labgen.Generate(*n, *seed) },
	}
	if *dump != "" {
		if err := writeDump(*dump, corpora, *nq, *seed); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	for _, labs := range corpora {
		l := labs()
		if len(l) == 0 {
			continue
		}
		if err := run(l, *nq, *seed, *slow); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// engines is what one corpus is measured with.
type engines struct {
	ix   *search.Index
	fts  *fts
	scan []scanLab
	norm normaliser
}

// built is what building the engines cost.
type built struct {
	cxqBuild, ftsBuild time.Duration
	cxqRSS, ftsRSS     float64 // MB the process's resident set grew by
	cxqHeap            float64 // MB of Go heap the index holds
}

func run(labs []catalog.Lab, nq int, seed int64, slow int) error {
	e, b, err := build(labs)
	if err != nil {
		return err
	}
	defer e.ix.Close()
	defer e.fts.close()
	queries := makeQueries(newRand(seed), labs, nq, e.norm.t2s)
	times, err := measure(e, queries)
	if err != nil {
		return err
	}
	acc, err := accuracy(e, queries)
	if err != nil {
		return err
	}
	report(len(labs), queries, times, b, acc)
	printSlow(queries, times[0], slow)
	return nil
}

// build builds cxq's index and the FTS5 peer, measuring each one's time and the RSS it
// adds after a collection that returns freed memory to the system.
func build(labs []catalog.Lab) (engines, built, error) {
	var b built
	e := engines{norm: newNormaliser()}
	e.scan = newScan(labs, e.norm)
	rss0, heap0 := settle()
	stop := startProfile(fmt.Sprintf("build-%d", len(labs)))
	t := time.Now()
	ix, err := search.Build(labs, nil, nil)
	b.cxqBuild = time.Since(t)
	stop()
	if err != nil {
		return e, b, err
	}
	e.ix = ix
	rss1, heap1 := settle()
	b.cxqRSS, b.cxqHeap = mb(rss1-min(rss0, rss1)), mb(heap1-min(heap0, heap1))
	t = time.Now()
	f, err := newFTS(labs, e.norm)
	b.ftsBuild = time.Since(t)
	if err != nil {
		_ = ix.Close()
		return e, b, fmt.Errorf("fts5: %w", err)
	}
	e.fts = f
	rss2, _ := settle()
	b.ftsRSS = mb(rss2 - min(rss1, rss2))
	return e, b, nil
}

// settle collects garbage, returns freed memory to the system and reports the RSS and
// the live Go heap, in bytes.
func settle() (rss, heap uint64) {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return readRSS(), m.HeapAlloc
}

// newRand returns the source the queries of a seed are drawn from.
func newRand(seed int64) *rand.Rand { return rand.New(rand.NewPCG(uint64(seed), 7)) }

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// engine numbers, in times' order.
const (
	engCxq = iota
	engScan
	engFTS
	nEngines
)

// measure times each query on the three engines, rotating which goes first.
func measure(e engines, queries []query) ([nEngines][]time.Duration, error) {
	ctx := context.Background()
	var times [nEngines][]time.Duration
	for i := range times {
		times[i] = make([]time.Duration, len(queries))
	}
	runs := [nEngines]func(q query) error{
		engCxq: func(q query) error {
			_, err := e.ix.SearchLabs(ctx, search.Query{Text: q.text, Page: q.page})
			return err
		},
		engScan: func(q query) error { scanPage(e.scan, e.norm.parts(q.text), q.page); return nil },
		engFTS: func(q query) error {
			_, _, err := e.fts.page(ctx, e.norm.parts(q.text), q.page)
			return err
		},
	}
	for _, q := range queries[:min(20, len(queries))] { // warm every path once
		for _, r := range runs {
			if err := r(q); err != nil {
				return times, fmt.Errorf("%q: %w", q.text, err)
			}
		}
	}
	stop := startProfile("query")
	defer stop()
	for i, q := range queries {
		for k := range nEngines {
			eng := (i + k) % nEngines
			t := time.Now()
			err := withLabel(eng == engCxq, func() error { return runs[eng](q) })
			times[eng][i] = time.Since(t)
			if err != nil {
				return times, fmt.Errorf("%q: %w", q.text, err)
			}
		}
	}
	return times, nil
}

// printSlow prints cxq's n slowest queries.
func printSlow(queries []query, d []time.Duration, n int) {
	idx := make([]int, len(d))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(d[b] - d[a]) })
	for _, i := range idx[:min(n, len(idx))] {
		fmt.Printf("  slow: %-14s %-16q page %-3d %s\n", queries[i].class, queries[i].text, queries[i].page, ms(d[i]))
	}
}
