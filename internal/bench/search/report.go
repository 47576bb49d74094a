package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/cxqkit/cxq/search"
)

// acc is cxq's accuracy: recall and precision of literal queries against the truth,
// and how many of the labs that pinyin and written-form queries were made from it found.
type acc struct {
	found, relevant, correct, returned int
	expFound, expected                 int
}

// accuracy checks every query outside the timed loop. The truth as a scope finds every
// lab of the truth exactly when its total is the truth's size; the query alone gives
// what cxq returns.
func accuracy(e engines, queries []query) (acc, error) {
	ctx := context.Background()
	aliases := search.DefaultAliases()
	var a acc
	for _, q := range queries {
		res, err := e.ix.SearchLabs(ctx, search.Query{Text: q.text, Size: 1})
		if err != nil {
			return a, err
		}
		if len(q.expect) > 0 {
			scoped, err := e.ix.SearchLabs(ctx, search.Query{Text: q.text, Size: 1, Scope: &search.Scope{IDs: q.expect}})
			if err != nil {
				return a, err
			}
			a.expFound += scoped.Total
			a.expected += len(q.expect)
		}
		if q.pinyin {
			continue
		}
		want := truth(e.scan, e.norm.parts(q.text), aliases)
		ids := make([]string, 0, len(want))
		for id := range want {
			ids = append(ids, id)
		}
		scoped, err := e.ix.SearchLabs(ctx, search.Query{Text: q.text, Size: 1, Scope: &search.Scope{IDs: ids}})
		if err != nil {
			return a, err
		}
		a.found += scoped.Total
		a.relevant += len(want)
		a.correct += scoped.Total
		a.returned += res.Total
	}
	return a, nil
}

// report prints the per-class table, the builds and the accuracy of one corpus.
func report(labs int, queries []query, times [nEngines][]time.Duration, b built, a acc) {
	fmt.Printf("\n%d labs, %d queries (times in ms; ratios are cxq's)\n", labs, len(queries))
	fmt.Printf("%-14s %4s %8s %8s %8s %8s %8s %8s %7s %7s %7s %7s\n",
		"class", "n", "cxq med", "cxq p99", "scan med", "scan p99", "fts med", "fts p99", "/scan", "p99", "/fts", "p99")
	row := func(name string, idx []int) {
		var st [nEngines][2]time.Duration
		for eng := range nEngines {
			var d []time.Duration
			for _, i := range idx {
				d = append(d, times[eng][i])
			}
			st[eng][0], st[eng][1] = stats(d)
		}
		r := func(a, b time.Duration) float64 { return float64(a) / float64(max(b, 1)) }
		fmt.Printf("%-14s %4d %8s %8s %8s %8s %8s %8s %7.3f %7.3f %7.3f %7.3f\n", name, len(idx),
			ms(st[engCxq][0]), ms(st[engCxq][1]), ms(st[engScan][0]), ms(st[engScan][1]), ms(st[engFTS][0]), ms(st[engFTS][1]),
			r(st[engCxq][0], st[engScan][0]), r(st[engCxq][1], st[engScan][1]), r(st[engCxq][0], st[engFTS][0]), r(st[engCxq][1], st[engFTS][1]))
	}
	var all []int
	for _, c := range classes {
		var idx []int
		for i, q := range queries {
			if q.class == c {
				idx = append(idx, i)
			}
		}
		all = append(all, idx...)
		if len(idx) > 0 {
			row(string(c), idx)
		}
	}
	slices.Sort(all)
	row("overall", all)
	fmt.Printf("build: cxq %s, fts5 %s; RSS added: cxq %.1f MB (Go heap %.1f MB), fts5 %.1f MB; process RSS %.1f MB\n",
		b.cxqBuild.Round(time.Millisecond), b.ftsBuild.Round(time.Millisecond), b.cxqRSS, b.cxqHeap, b.ftsRSS, mb(readRSS()))
	fmt.Printf("cxq recall %.4f, precision %.4f (literal queries against the truth); found %d of %d labs pinyin and written-form queries were made from\n",
		ratio(a.found, a.relevant), ratio(a.correct, a.returned), a.expFound, a.expected)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func stats(d []time.Duration) (median, p99 time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, len(s)*99/100)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f", float64(d)/1e6) }
