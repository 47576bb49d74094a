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
	day := clock.Now().UTC().Truncate(24 * time.Hour)
	var app voucher.Application
	c.ok(http.MethodPost, "/api/applications", "enterprise", voucher.ApplicationDraft{OrderID: order.ID, Form: voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
		OrgCertificate: c.upload("org_certificate", "营业执照.pdf", samplePDF("certificate")),
		ContractStart:  day, ContractEnd: day.AddDate(0, 3, 0), Estimated: cxq.MustMoney("9099.00"),
		Activity:    "利用气相色谱仪开展新产品成分检测。",
		Attachments: []voucher.AttachmentRef{c.upload("application_attachment", "报价单.pdf", samplePDF("quote"))},
	}}, &app)
	c.ok(http.MethodPost, "/api/applications/"+app.ID+"/submit", "enterprise", map[string]int64{"version": app.Version}, &app)
	c.ok(http.MethodPost, "/api/applications/"+app.ID+"/review", "district", voucher.Decision{Action: "approve", Opinion: "同意"}, &app)
	c.ok(http.MethodPost, "/api/applications/"+app.ID+"/assign", "office",
		map[string]string{"stage": string(app.State()), "reviewer": actors["professional"].ID}, &app)
	c.ok(http.MethodPost, "/api/applications/"+app.ID+"/review", "professional", voucher.Decision{Action: "approve", Opinion: "复审通过"}, &app)
	var view voucherhttp.ApplicationView
	c.ok(http.MethodGet, "/api/applications/"+app.ID, "enterprise", nil, &view)
	require.Equal(t, "复审通过", view.Status.ZH)

	clock.Set(clock.Now().AddDate(0, 2, 0))
	require.Eventually(t, func() bool {
		c.ok(http.MethodGet, "/api/applications/"+app.ID, "enterprise", nil, &view)
		return view.Status.ZH == "已失效（期满收回）"
	}, 20*time.Second, 20*time.Millisecond, "the voucher expires at its deadline on its own")
}
