package memstore_test

import (
	"testing"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(testing.TB) voucher.Store { return memstore.New() })
}
