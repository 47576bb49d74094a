package voucher_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// flakyCatalog answers like its Catalog until down is set, then fails.
type flakyCatalog struct {
	voucher.Catalog
	down *atomic.Bool
}

func (c flakyCatalog) Product(ctx context.Context, id string) (catalog.Product, catalog.Provider, error) {
	if c.down.Load() {
		return catalog.Product{}, catalog.Provider{}, errors.New("catalog service unavailable")
	}
	return c.Catalog.Product(ctx, id)
}

// TestReplayRunsNothing: a call repeated with its key (the client lost the reply) gets
// its first result without the rules running again: a catalog that is down meanwhile
// does not fail it.
func TestReplayRunsNothing(t *testing.T) {
	var down atomic.Bool
	w := storetest.NewWorldConfigured(t, memstore.New(), storetest.WorldPolicy(), func(c *voucher.Config) {
		c.Catalog = flakyCatalog{Catalog: c.Catalog, down: &down}
	})
	in := voucher.PlaceOrder{Key: "order-once", ProductID: "P1",
		Client: voucher.Party{Name: "企业E1", Contact: "张三", Phone: "13812345678"}}
	first, err := w.Svc.PlaceOrder(t.Context(), w.Enterprise, in)
	require.NoError(t, err)
	down.Store(true)
	again, err := w.Svc.PlaceOrder(t.Context(), w.Enterprise, in)
	require.NoError(t, err, "the stored order, whatever the catalog does now")
	require.Equal(t, first, again)
}

// TestReplayLogsNoDenial: a reviewer repeating an approval (the case has moved on to a
// stage they may not act in) gets the first answer, and the security log shows no
// denial that never happened.
func TestReplayLogsNoDenial(t *testing.T) {
	w := storetest.NewWorld(t, memstore.New())
	buf := w.Logs
	app := w.Submitted(w.Enterprise, "9099.00")
	d := voucher.Decision{Key: "review-once", ID: app.ID, Action: review.Approve}
	first, err := w.Svc.ReviewApplication(t.Context(), w.District, d)
	require.NoError(t, err)
	before := buf.String()
	again, err := w.Svc.ReviewApplication(t.Context(), w.District, d)
	require.NoError(t, err)
	require.Equal(t, first.Version, again.Version)
	require.NotContains(t, buf.String()[len(before):], "denied")
}
