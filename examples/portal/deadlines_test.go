package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/storetest"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// TestPortalAppliesDeadlines: a voucher the portal approved expires at its deadline
// with nobody asking, since the portal applies the usage deadlines on its own.
func TestPortalAppliesDeadlines(t *testing.T) {
	t.Parallel()
	p := policy.Tianjin()
	p.ID, p.Version, p.Usage.ValidMonths = "tianjin-1m", "2026", 1
	require.NoError(t, p.Validate())
	b, err := json.Marshal(p)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "policy.json")
	require.NoError(t, os.WriteFile(file, b, 0o600))
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, cxq.China()), 0)
	c := startPortalConfig(t, config{db: filepath.Join(t.TempDir(), "cxq.db"), searchTimeout: time.Minute,
		policy: file, now: clock.Now, deadlineEvery: 20 * time.Millisecond})

	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	var actors map[string]voucher.Actor
	c.ok(http.MethodGet, "/api/actors", "", nil, &actors)
	var order voucher.Order
	c.ok(http.MethodPost, "/api/orders", "enterprise", voucher.PlaceOrder{ProductID: products[0].ID,
		Client: voucher.Party{Name: "天津示例科技有限公司（示例）", Contact: "张三", Phone: "13812345678"}}, &order)
	c.ok(http.MethodPost, "/api/orders/"+order.ID+"/confirm", "provider", map[string]bool{"confirm": true}, &order)
	app := c.approvedApplication(order.ID, actors, clock.Now().UTC().Truncate(24*time.Hour))
	var view voucherhttp.ApplicationView
	c.ok(http.MethodGet, "/api/applications/"+app.ID, "enterprise", nil, &view)
	require.Equal(t, "复审通过", view.Status.ZH)

	clock.Set(clock.Now().AddDate(0, 2, 0))
	require.Eventually(t, func() bool {
		c.ok(http.MethodGet, "/api/applications/"+app.ID, "enterprise", nil, &view)
		return view.Status.ZH == "已失效（期满收回）"
	}, 20*time.Second, 20*time.Millisecond, "the voucher expires at its deadline on its own")
}
