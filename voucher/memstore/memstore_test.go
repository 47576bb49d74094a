package memstore_test

import (
	"fmt"
	"testing"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(testing.TB) voucher.Store { return memstore.New() })
}

func BenchmarkSubmitApprove(b *testing.B) {
	for _, clients := range []int{1, 16} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			storetest.Benchmark(b, func(testing.TB) voucher.Store { return memstore.New() }, clients)
		})
	}
}

func TestTamperDetected(t *testing.T) {
	storetest.RunTamper(t, func(testing.TB) voucher.Store { return memstore.New() }, memstore.Tamper{})
}
