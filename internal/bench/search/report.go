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

// classStats is the median and p99 of each engine over one class of queries.
type classStats struct {
	name string
	n    int
	st   [nEngines][2]time.Duration // median, p99
}

// ratio returns cxq's median (k = 0) or p99 (k = 1) over engine eng's.
func (c classStats) ratio(eng, k int) float64 {
	return float64(c.st[engCxq][k]) / float64(max(c.st[eng][k], 1))
}

// report prints the per-class table, the builds, the accuracy of one corpus and which
// targets it meets.
func report(labs int, queries []query, times [nEngines][]time.Duration, b built, a acc) {
	fmt.Printf("\n%d labs, %d queries (times in ms; ratios are cxq's)\n", labs, len(queries))
	fmt.Printf("%-14s %4s %8s %8s %8s %8s %8s %8s %7s %7s %7s %7s\n",
		"class", "n", "cxq med", "cxq p99", "scan med", "scan p99", "fts med", "fts p99", "/scan", "p99", "/fts", "p99")
	row := func(name string, idx []int) classStats {
		c := classStats{name: name, n: len(idx)}
		for eng := range nEngines {
			var d []time.Duration
			for _, i := range idx {
				d = append(d, times[eng][i])
			}
			c.st[eng][0], c.st[eng][1] = stats(d)
		}
		fmt.Printf("%-14s %4d %8s %8s %8s %8s %8s %8s %7.3f %7.3f %7.3f %7.3f\n", name, len(idx),
			ms(c.st[engCxq][0]), ms(c.st[engCxq][1]), ms(c.st[engScan][0]), ms(c.st[engScan][1]), ms(c.st[engFTS][0]), ms(c.st[engFTS][1]),
			c.ratio(engScan, 0), c.ratio(engScan, 1), c.ratio(engFTS, 0), c.ratio(engFTS, 1))
		return c
	}
	var all []int
	var rows []classStats
	for _, c := range classes {
		var idx []int
		for i, q := range queries {
			if q.class == c {
				idx = append(idx, i)
			}
		}
		all = append(all, idx...)
		if len(idx) > 0 {
			rows = append(rows, row(string(c), idx))
		}
	}
	slices.Sort(all)
	overall := row("overall", all)
	fmt.Printf("build: cxq %s, fts5 %s; RSS added: cxq %.1f MB (Go heap %.1f MB), fts5 %.1f MB; process RSS %.1f MB\n",
		b.cxqBuild.Round(time.Millisecond), b.ftsBuild.Round(time.Millisecond), b.cxqRSS, b.cxqHeap, b.ftsRSS, mb(readRSS()))
	fmt.Printf("cxq recall %.4f, precision %.4f (literal queries against the truth); found %d of %d labs pinyin and written-form queries were made from\n",
		ratio(a.found, a.relevant), ratio(a.correct, a.returned), a.expFound, a.expected)
	printTargets(targetsFor(labs, rows, overall, b, a))
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
