// Command search measures the lab search against a strings.Contains scan on the bundled
// 753 labs and on 100,000 generated labs: a full page query (text, three facets,
// highlights, first ten hits), its median and p99 for both, their ratio, the index build
// time and memory, and recall and precision against the scan's truth.
//
//	go run ./internal/bench/search [-n 100000] [-queries 300] [-seed 1] [-slow N] [-profile DIR]
//
// -n 0 measures the bundled labs only. -profile writes CPU profiles of each corpus's
// build and queries into DIR, for go tool pprof (-tagfocus=run=cxq keeps the queries).
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/internal/labgen"
	"github.com/cxqkit/cxq/search"
)

func main() {
	n := flag.Int("n", 100000, "labs in the large corpus")
	nq := flag.Int("queries", 300, "queries per corpus")
	seed := flag.Int64("seed", 1, "seed of the generated labs and queries")
	slow := flag.Int("slow", 0, "also print the slowest queries of cxq, this many per corpus")
	flag.StringVar(&profileDir, "profile", "", "write CPU profiles of builds and queries into this directory")
	flag.Parse()
	bundled, err := catalog.BundledLabs()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%-8s %-10s %9s %9s %9s %9s %7s %7s %9s %8s %7s %8s\n",
		"labs", "queries", "cxq med", "cxq p99", "scan med", "scan p99", "ratio", "p99 r.", "build", "heap MB", "recall", "precis.")
	for _, c := range []struct {
		name string
		labs []catalog.Lab
	}{{"bundled", bundled}, {"generated", labgen.Generate(*n, *seed)}} {
		if len(c.labs) == 0 {
			continue
		}
		if err := run(c.labs, *nq, *seed, *slow); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func run(labs []catalog.Lab, nq int, seed int64, slow int) error {
	ctx := context.Background()
	scan := newScan(labs)
	before := heap()
	stop := startProfile(fmt.Sprintf("build-%d", len(labs)))
	t0 := time.Now()
	ix, err := search.Build(labs, nil, nil)
	build := time.Since(t0)
	stop()
	if err != nil {
		return err
	}
	mem := float64(heap()-min(before, heap())) / (1 << 20)
	defer ix.Close()

	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	queries := makeQueries(rng, labs, nq)
	// Warm both paths once so neither pays first-use costs inside the measurement.
	for _, q := range queries[:min(10, len(queries))] {
		if _, err := ix.SearchLabs(ctx, search.Query{Text: q}); err != nil {
			return err
		}
		scanPage(scan, q)
	}
	var tc, ts []time.Duration
	found, relevant, returned, correct := 0, 0, 0, 0
	stopQ := startProfile(fmt.Sprintf("query-%d", len(labs)))
	defer stopQ()
	for _, q := range queries {
		var res *search.Result
		t := time.Now()
		pprof.Do(ctx, cxqLabel, func(ctx context.Context) {
			res, err = ix.SearchLabs(ctx, search.Query{Text: q})
		})
		tc = append(tc, time.Since(t))
		if err != nil {
			return fmt.Errorf("%q: %w", q, err)
		}
		t = time.Now()
		scanPage(scan, q)
		ts = append(ts, time.Since(t))

		// Recall and precision in two queries: the truth as a scope finds every lab of
		// the truth exactly when its total is the truth's size.
		want := truth(scan, q)
		ids := make([]string, 0, len(want))
		for id := range want {
			ids = append(ids, id)
		}
		scoped, err := ix.SearchLabs(ctx, search.Query{Text: q, Scope: &search.Scope{IDs: ids}})
		if err != nil {
			return err
		}
		found += scoped.Total
		relevant += len(want)
		if len([]rune(q)) >= 2 && !strings.ContainsAny(q, " abcdefghijklmnopqrstuvwxyz") {
			returned += res.Total
			correct += scoped.Total
		}
	}
	defer printSlow(queries, tc, slow)
	cm, c99 := stats(tc)
	sm, s99 := stats(ts)
	fmt.Printf("%-8d %-10d %9s %9s %9s %9s %7.3f %7.3f %9s %8.1f %7.4f %8.4f\n",
		len(labs), len(queries), ms(cm), ms(c99), ms(sm), ms(s99),
		float64(cm)/float64(sm), float64(c99)/float64(s99), build.Round(time.Millisecond), mem,
		ratio(found, relevant), ratio(correct, returned))
	return nil
}

// printSlow prints the n slowest queries after the table row.
func printSlow(queries []string, d []time.Duration, n int) {
	idx := make([]int, len(d))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(d[b] - d[a]) })
	for _, i := range idx[:min(n, len(idx))] {
		fmt.Printf("         slow: %-12q %s\n", queries[i], ms(d[i]))
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func stats(d []time.Duration) (median, p99 time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, len(s)*99/100)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3fms", float64(d)/1e6) }

// makeQueries draws what users type: one to four characters of a lab's name, legal
// entity, contact, phone or service; whole institutions; two parts; and pinyin words.
func makeQueries(rng *rand.Rand, labs []catalog.Lab, n int) []string {
	out := make([]string, 0, n)
	fixed := []string{"光", "燃烧", "色谱", "液相色谱", "盐雾试验", "天津大学", "天大", "北航", "nankai", "tianjin daxue", "tjdx", "tianjin 化工", "5550"}
	out = append(out, fixed...)
	for len(out) < n {
		l := labs[rng.IntN(len(labs))]
		var src string
		switch k := rng.IntN(10); {
		case k < 4:
			src = l.Name
		case k < 6:
			src = l.LegalEntity
		case k < 7:
			src = l.Contact
		case k < 8:
			src = l.Phone
		default:
			if len(l.Services) == 0 {
				continue
			}
			src = l.Services[rng.IntN(len(l.Services))]
		}
		rs := []rune(src)
		if len(rs) == 0 {
			continue
		}
		size := 1 + rng.IntN(4)
		if size > len(rs) {
			size = len(rs)
		}
		at := rng.IntN(len(rs) - size + 1)
		q := strings.TrimSpace(string(rs[at : at+size]))
		if q == "" {
			continue
		}
		out = append(out, q)
	}
	return out
}
