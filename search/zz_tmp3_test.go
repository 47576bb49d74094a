package search

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"

	"github.com/cxqkit/cxq/internal/labgen"
)

func TestZZProf(t *testing.T) {
	labs := labgen.Generate(50000, 1)
	ix, _ := Build(labs, nil, nil)
	qs := []string{"国家重点实验室", "实验室", "技术研究", "重点实验室", "研究中心", "检验中心", "工程技术研究中心"}
	f, _ := os.Create("/tmp/prof/kind.pprof")
	pprof.StartCPUProfile(f)
	for r := 0; r < 40; r++ {
		for _, q := range qs {
			ix.SearchLabs(context.Background(), Query{Text: q})
		}
	}
	pprof.StopCPUProfile()
}
