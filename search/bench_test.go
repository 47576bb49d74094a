package search

import (
	"context"
	"flag"
	"fmt"
	"sync"
	"testing"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/internal/labgen"
)

// benchLabs is the size of the generated corpus of the query benchmarks:
// go test -bench SearchGenerated -benchlabs 100000.
var benchLabs = flag.Int("benchlabs", 20000, "generated labs in the query benchmarks")

var generated = sync.OnceValues(func() (*Index, error) {
	return Build(labgen.Generate(*benchLabs, 1), nil, nil)
})

// BenchmarkSearchGenerated runs full page queries that match many generated labs: a
// character, a phone fragment in every lab, and long parts with many candidates, at
// several scan ratios (see collection.dense).
func BenchmarkSearchGenerated(b *testing.B) {
	ix, err := generated()
	if err != nil {
		b.Fatal(err)
	}
	defer func() { ix.labs.scanRatio = defaultScanRatio }()
	for _, ratio := range []float64{0.25, 0.5, 1, 2} {
		ix.labs.scanRatio = ratio
		for _, q := range []string{"业", "5550", "技术研究", "点实验室", "tianjin daxue"} {
			b.Run(fmt.Sprintf("ratio=%g/%s", ratio, q), func(b *testing.B) {
				for b.Loop() {
					if _, err := ix.SearchLabs(context.Background(), Query{Text: q}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkBuildBundled builds the index of the bundled labs.
func BenchmarkBuildBundled(b *testing.B) {
	labs, err := catalog.BundledLabs()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := Build(labs, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		_ = ix.Close()
	}
}

// BenchmarkSearchBundled runs full page queries over the bundled labs, where the fixed
// cost of a query (parsing, facets, highlights) matters more than the postings.
func BenchmarkSearchBundled(b *testing.B) {
	ix, err := bundled()
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"光", "检测", "燃烧学", "实验室", "tianjin daxue", "nanka", "022-2740", ""} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.SearchLabs(context.Background(), Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
