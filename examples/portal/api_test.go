package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cxqkit/cxq/internal/testfile"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher"
)

// apiClient calls the voucher API as the demo people, each signed in through /login
// with a cookie jar of their own.
type apiClient struct {
	t       *testing.T
	base    string
	mu      sync.Mutex
	clients map[string]*http.Client // by person; "" is nobody signed in
}

// requestSeq numbers the test requests' idempotency keys.
var requestSeq atomic.Int64

// newAPIClient calls the portal at base.
func newAPIClient(t *testing.T, base string) *apiClient {
	return &apiClient{t: t, base: base, clients: map[string]*http.Client{}}
}

// client returns the HTTP client of person, logging in on first use. A person the
// demo does not know gets a client without a session.
func (c *apiClient) client(person string) *http.Client {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if hc, ok := c.clients[person]; ok {
		return hc
	}
	jar, err := cookiejar.New(nil)
	require.NoError(c.t, err)
	hc := &http.Client{Jar: jar, Timeout: time.Minute}
	if person != "" {
		status, loc := postLogin(c.t, hc, c.base, url.Values{"person": {person}})
		if person != "nobody" {
			require.Equal(c.t, http.StatusSeeOther, status, "login as %s", person)
			require.Equal(c.t, "/user/", loc, "login as %s goes on to 用户中心", person)
		}
	}
	c.clients[person] = hc
	return hc
}

// postLogin posts the login form with hc's cookie jar without following the redirect,
// and returns the status and the Location.
func postLogin(t *testing.T, hc *http.Client, base string, form url.Values) (int, string) {
	t.Helper()
	once := *hc
	once.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := once.PostForm(base+"/login", form)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location")
}

// do sends body (JSON-encoded unless it is []byte) as person and decodes the answer
// into out (when not nil; a *[]byte gets the raw body), returning the status.
func (c *apiClient) do(method, path, as string, body, out any) int {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(c.t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(c.t.Context(), method, c.base+path, rd)
	require.NoError(c.t, err)
	switch {
	case body == nil:
	case strings.HasPrefix(path, "/api/attachments"): // a file, uploaded as it is
		req.Header.Set("Content-Type", "application/octet-stream")
	default:
		req.Header.Set("Content-Type", "application/json")
	}
	// Each request its own key, across clients: a key stays bound to the first
	// request it was sent with, even a refused one.
	req.Header.Set("Idempotency-Key", fmt.Sprintf("test-%d", requestSeq.Add(1)))
	res, err := c.client(as).Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	if out != nil {
		if p, ok := out.(*[]byte); ok {
			*p = raw
		} else {
			require.NoError(c.t, json.Unmarshal(raw, out), "%s %s: %s", method, path, raw)
		}
	}
	return res.StatusCode
}

// ok is do that requires 200.
func (c *apiClient) ok(method, path, as string, body, out any) {
	c.t.Helper()
	var raw []byte
	status := c.do(method, path, as, body, &raw)
	require.Equal(c.t, http.StatusOK, status, "%s %s as %s: %s", method, path, as, raw)
	if out != nil {
		require.NoError(c.t, json.Unmarshal(raw, out), "%s %s: %s", method, path, raw)
	}
}

func (c *apiClient) upload(slot, name string, content []byte) voucher.AttachmentRef {
	c.t.Helper()
	var ref voucher.AttachmentRef
	c.ok(http.MethodPost, "/api/attachments?"+url.Values{"slot": {slot}, "name": {name}}.Encode(), "enterprise", content, &ref)
	require.NotEmpty(c.t, ref.ID)
	return ref
}

// samplePDF is a small well-formed one-page PDF showing text.
func samplePDF(text string) []byte { return testfile.PDF(text) }

// samplePNG is a small scan-like image.
func samplePNG(t *testing.T, shade uint8) []byte {
	img := image.NewGray(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = shade
	}
	img.Set(3, 3, color.Gray{Y: 0})
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

func startPortalWithAPI(t *testing.T) *apiClient {
	t.Helper()
	return startPortalConfig(t, config{db: filepath.Join(t.TempDir(), "cxq.db"), searchTimeout: time.Minute})
}

// startPortalConfig serves a portal of cfg (which must name a store) and calls it.
func startPortalConfig(t *testing.T, cfg config) *apiClient {
	t.Helper()
	p, err := newPortal(t.Context(), cfg)
	require.NoError(t, err)
	srv := httptest.NewServer(p)
	t.Cleanup(func() {
		srv.Close()
		require.NoError(t, p.Close())
	})
	return newAPIClient(t, srv.URL)
}

// approvedApplication applies for the confirmed order with a certificate and a quote
// under a contract starting on day, and has the district and the assigned professional
// body approve it (复审通过).
func (c *apiClient) approvedApplication(orderID string, actors map[string]voucher.Actor, day time.Time) voucher.Application {
	c.t.Helper()
	var app voucher.Application
	c.ok(http.MethodPost, "/api/applications", "enterprise", voucher.ApplicationDraft{OrderID: orderID, Form: voucher.ApplicationForm{
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
	return app
}

// TestVoucherFlow walks the manual's whole flow through the portal's JSON API: the demo
// enterprise orders the 气相色谱仪, the provider confirms, the enterprise applies with its
// certificate and quote, the district and the assigned professional body approve
// (复审通过), the enterprise redeems with invoice and contract, the reviewers approve
// with the actual amount, and both forms export as PDF.
func TestVoucherFlow(t *testing.T) {
	t.Parallel()
	c := startPortalWithAPI(t)
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	product := products[0]
	require.True(t, product.Voucher)

	var actors map[string]voucher.Actor
	c.ok(http.MethodGet, "/api/actors", "", nil, &actors)
	require.Equal(t, voucher.RoleEnterprise, actors["enterprise"].Role)

	// 下单 and the provider's confirmation
	var order voucher.Order
	c.ok(http.MethodPost, "/api/orders", "enterprise", voucher.PlaceOrder{ProductID: product.ID,
		Client: voucher.Party{Name: "天津示例科技有限公司（示例）", Contact: "张三", Phone: "13812345678", Email: "zhang@example.com"}}, &order)
	require.NotEmpty(t, order.ID)
	c.ok(http.MethodPost, "/api/orders/"+order.ID+"/confirm", "provider", map[string]bool{"confirm": true}, &order)

	// 科技创新券申请, 复审通过
	app := c.approvedApplication(order.ID, actors, time.Now().UTC().Truncate(24*time.Hour))
	require.Equal(t, "approved", string(app.State()))

	// nobody signed in sees nothing
	require.Equal(t, http.StatusUnauthorized, c.do(http.MethodGet, "/api/applications/"+app.ID, "nobody", nil, nil))
	require.Equal(t, http.StatusNotFound, c.do(http.MethodGet, "/api/applications/no-such-id", "enterprise", nil, nil))

	// 创新券兑现
	var red voucher.Redemption
	c.ok(http.MethodPost, "/api/redemptions", "enterprise", map[string]string{"application_id": app.ID}, &red)
	invoiceScan := c.upload("invoice_scan", "发票.png", samplePNG(t, 200))
	contractScan := c.upload("contract_scan", "合同.pdf", samplePDF("contract"))
	summary := c.upload("project_summary", "总结.pdf", samplePDF("summary"))
	receipt := c.upload("bank_receipt", "回单.png", samplePNG(t, 180))
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/invoices", "enterprise", voucher.AddInvoiceParams{Version: red.Version, Invoice: voucher.Invoice{
		Name: "检测费", Code: "1200171320", Number: "01234567", Amount: cxq.MustMoney("9099.00"), Scan: invoiceScan}}, &red)
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/contracts", "enterprise", voucher.AddContractParams{Version: red.Version, Contract: voucher.Contract{
		Name: "检测服务合同", EffectiveAmount: cxq.MustMoney("9099.00"), Scan: contractScan}}, &red)
	c.ok(http.MethodPut, "/api/redemptions/"+red.ID, "enterprise", voucher.RedemptionDraft{Version: red.Version,
		Contact: voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
		Outcome: "完成新产品成分检测，产品通过验证。", Files: []voucher.AttachmentRef{summary, receipt}}, &red)
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/submit", "enterprise", map[string]int64{"version": red.Version}, &red)
	t.Logf("redemption %s at %s", red.ID, red.State())
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/review", "district", voucher.Decision{Action: "approve", Opinion: "同意"}, &red)
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/assign", "office",
		map[string]string{"stage": string(red.State()), "reviewer": actors["professional"].ID}, &red)
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/review", "professional", voucher.Decision{Action: "approve", Opinion: "形式审查通过"}, &red)
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/assign", "office",
		map[string]string{"stage": string(red.State()), "reviewer": actors["expert"].ID}, &red)
	c.ok(http.MethodPost, "/api/redemptions/"+red.ID+"/review", "expert", voucher.Decision{Action: "approve", Opinion: "评审通过",
		Fields: map[string]string{"actual_amount": "4549.50"}}, &red)
	require.Equal(t, "approved", string(red.State()))

	// the printable forms and the audit trail
	for _, path := range []string{"/api/applications/" + app.ID + "/form.pdf", "/api/redemptions/" + red.ID + "/form.pdf"} {
		var pdf []byte
		require.Equal(t, http.StatusOK, c.do(http.MethodGet, path, "enterprise", nil, &pdf), path)
		require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), path)
	}
	// the lists the manual shows: 我买到的产品 and the reviewer's queue
	var orders voucher.Page[voucher.OrderItem]
	c.ok(http.MethodGet, "/api/orders?page=1&per_page=10", "enterprise", nil, &orders)
	require.Equal(t, 1, orders.Total)
	var apps voucher.Page[voucher.Application]
	c.ok(http.MethodGet, "/api/applications", "enterprise", nil, &apps)
	require.Equal(t, 1, apps.Total)

	var audit []voucher.AuditEntry
	c.ok(http.MethodGet, "/api/applications/"+app.ID+"/audit", "enterprise", nil, &audit)
	require.NotEmpty(t, audit)
}

// TestVoucherAPIErrors: bad input is a 4xx in the kernel's JSON shape, never a 500.
func TestVoucherAPIErrors(t *testing.T) {
	t.Parallel()
	c := startPortalWithAPI(t)
	tests := []struct {
		name, method, path, as string
		body                   any
		status                 int
		field                  string
	}{
		{"nobody signed in", http.MethodGet, "/api/orders", "", nil, 401, "session"},
		{"bad page", http.MethodGet, "/api/orders?page=x", "enterprise", nil, 400, "page"},
		{"huge per_page", http.MethodGet, "/api/applications?per_page=100000", "district", nil, 400, "per_page"},
		{"bad JSON", http.MethodPost, "/api/orders", "enterprise", []byte("{"), 400, "body"},
		{"unknown field", http.MethodPost, "/api/orders", "enterprise", []byte(`{"product_id":"x","evil":1}`), 400, "evil"},
		{"wrong type", http.MethodPost, "/api/orders", "enterprise", []byte(`{"product_id":5}`), 400, "product_id"},
		{"too big", http.MethodPost, "/api/orders", "enterprise", []byte(`{"note":"` + strings.Repeat("a", 70000) + `"}`), 413, "body"},
		{"unknown product", http.MethodPost, "/api/orders", "enterprise", voucher.PlaceOrder{ProductID: "nope",
			Client: voucher.Party{Name: "x", Contact: "y", Phone: "13812345678"}}, 404, ""},
		{"unknown slot", http.MethodPost, "/api/attachments?slot=x&name=a.pdf", "enterprise", samplePDF("x"), 400, "slot"},
		{"html as pdf", http.MethodPost, "/api/attachments?slot=org_certificate&name=a.pdf", "enterprise",
			[]byte("<html><body>x %PDF-1.7</body></html>\n%%EOF"), 400, ""},
		{"enterprise reviewing", http.MethodPost, "/api/applications/x/review", "enterprise", voucher.Decision{Action: "approve"}, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ve cxq.ValidationError
			cc := &apiClient{t: t, base: c.base, clients: c.clients}
			status := cc.do(tt.method, tt.path, tt.as, tt.body, &ve)
			require.Equal(t, tt.status, status, "%+v", ve.Errors)
			require.NotEmpty(t, ve.Errors)
			if tt.field != "" {
				require.True(t, ve.Has(tt.field, ""), "%+v", ve.Errors[0])
			}
			for _, fe := range ve.Errors {
				for _, lang := range []cxq.Lang{cxq.ZH, cxq.EN} {
					msg := fe.Message(lang)
					for _, internal := range []string{"json:", "Go struct", "voucher.", "cxq.", "sqlstore", "of type"} {
						require.NotContains(t, msg, internal, "a person sees no internals")
					}
				}
			}
		})
	}
}
