package voucherhttp_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// The steps below bring records into each state through the JSON API, as apiFlow does,
// so that the page tests start where they need to.

// placeOrder places an order of the site's product as the enterprise.
func placeOrder(t *testing.T, s *site) voucher.Order {
	t.Helper()
	var o voucher.Order
	s.ok("enterprise", "POST", "/api/orders", map[string]any{"product_id": s.product.ID,
		"client": map[string]any{"name": "天津测试科技有限公司", "contact": "张三", "phone": "13800138000", "email": "zs@example.com"},
		"note":   "请尽快安排检测"}, &o)
	return o
}

// draftApplication places and confirms an order and saves an application for it.
func draftApplication(t *testing.T, s *site) voucherhttp.ApplicationView {
	t.Helper()
	o := placeOrder(t, s)
	s.ok("provider", "POST", "/api/orders/"+o.ID+"/confirm", map[string]any{"confirm": true}, nil)
	var app voucherhttp.ApplicationView
	s.ok("enterprise", "POST", "/api/applications", map[string]any{"order_id": o.ID, "form": s.applicationForm()}, &app)
	return app
}

// submittedApplication is an application awaiting 区初审.
func submittedApplication(t *testing.T, s *site) voucherhttp.ApplicationView {
	t.Helper()
	app := draftApplication(t, s)
	s.ok("enterprise", "POST", "/api/applications/"+app.ID+"/submit", map[string]any{}, &app)
	require.Equal(t, "district_review", string(app.State()))
	return app
}

// expertRedemption is a redemption of an approved application awaiting 专家评审, with
// one invoice and one contract of 10000.00 each.
func expertRedemption(t *testing.T, s *site) voucherhttp.RedemptionView {
	t.Helper()
	app := submittedApplication(t, s)
	s.ok("district", "POST", "/api/applications/"+app.ID+"/review", map[string]any{"action": "approve"}, nil)
	s.ok("office", "POST", "/api/applications/"+app.ID+"/assign", map[string]any{"stage": "professional_review", "reviewer": "u-pro"}, nil)
	s.ok("professional", "POST", "/api/applications/"+app.ID+"/review", map[string]any{"action": "approve"}, nil)
	var red voucherhttp.RedemptionView
	s.ok("enterprise", "POST", "/api/redemptions", map[string]any{"application_id": app.ID}, &red)
	s.addInvoiceAndContract(&red)
	s.completeRedemption(&red)
	s.ok("enterprise", "POST", "/api/redemptions/"+red.ID+"/submit", map[string]any{}, nil)
	s.ok("district", "POST", "/api/redemptions/"+red.ID+"/review", map[string]any{"action": "approve"}, nil)
	s.ok("office", "POST", "/api/redemptions/"+red.ID+"/assign", map[string]any{"stage": "formal_review", "reviewer": "u-pro"}, nil)
	s.ok("office", "POST", "/api/redemptions/"+red.ID+"/assign", map[string]any{"stage": "expert_review", "reviewer": "u-expert"}, nil)
	s.ok("professional", "POST", "/api/redemptions/"+red.ID+"/review", map[string]any{"action": "approve"}, &red)
	require.Equal(t, "expert_review", string(red.State()))
	return red
}

// addInvoiceAndContract adds to red, as the enterprise, one invoice and one contract of
// 10000.00 each, with their scans.
func (s *site) addInvoiceAndContract(red *voucherhttp.RedemptionView) {
	s.t.Helper()
	scan := s.upload("enterprise", voucher.SlotInvoiceScan, "发票.pdf", samplePDF())
	s.ok("enterprise", "POST", "/api/redemptions/"+red.ID+"/invoices", map[string]any{"version": red.Version, "invoice": map[string]any{
		"name": "检测费", "code": "1200000000", "number": "00000001", "amount": "10000.00", "scan": scan}}, red)
	contract := s.upload("enterprise", voucher.SlotContractScan, "合同.pdf", samplePDF())
	s.ok("enterprise", "POST", "/api/redemptions/"+red.ID+"/contracts", map[string]any{"version": red.Version, "contract": map[string]any{
		"name": "新型传感器性能检测技术服务合同", "effective_amount": "10000.00", "scan": contract}}, red)
}

// completeRedemption fills in the rest of red's form as the enterprise: the contact, the
// outcome and its other files (项目实施情况总结, 银行打款回单).
func (s *site) completeRedemption(red *voucherhttp.RedemptionView) {
	s.t.Helper()
	var files []voucher.AttachmentRef
	for _, slot := range []string{voucher.SlotProjectSummary, voucher.SlotBankReceipt} {
		files = append(files, s.upload("enterprise", slot, slot+".pdf", samplePDF()))
	}
	s.ok("enterprise", "PUT", "/api/redemptions/"+red.ID, map[string]any{"version": red.Version, "contact": map[string]any{"name": "张三",
		"phone": "13800138000", "email": "zs@example.com"}, "outcome": "完成检测，产品通过认证。", "files": files}, red)
}

// application reads an application as the office.
func (s *site) application(id string) voucherhttp.ApplicationView {
	s.t.Helper()
	var app voucherhttp.ApplicationView
	s.ok("office", "GET", "/api/applications/"+id, nil, &app)
	return app
}

// redemption reads a redemption as the office.
func (s *site) redemption(id string) voucherhttp.RedemptionView {
	s.t.Helper()
	var red voucherhttp.RedemptionView
	s.ok("office", "GET", "/api/redemptions/"+id, nil, &red)
	return red
}

// formValue returns the value of the hidden input name whose value ends with suffix,
// as the page rendered it.
func formValue(t *testing.T, html, name, suffix string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*` + regexp.QuoteMeta(suffix) + `)"`).FindStringSubmatch(html)
	require.NotNil(t, m, "no %s ending %q in the page", name, suffix)
	return m[1]
}

// decision is the decision form of a case page, as the page filled it in.
func decision(t *testing.T, html, action string) url.Values {
	t.Helper()
	return url.Values{"key": {formValue(t, html, "key", "-decide")}, "version": {formValue(t, html, "version", "")},
		"action": {action}}
}

// buttons lists the values of the action buttons on a page.
func buttons(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`name="action" value="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// section returns the part of the queue page of the section with anchor id.
func section(t *testing.T, html, id string) string {
	t.Helper()
	i := strings.Index(html, `<section class="queue" id="`+id+`"`)
	require.GreaterOrEqual(t, i, 0, "no section %s", id)
	rest := html[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// withOtherDistrict adds "nankai", a district reviewer of another district, to a site.
func withOtherDistrict(o *voucherhttp.Options) {
	prev := o.Authenticate
	o.Authenticate = func(r *http.Request) (voucher.Actor, error) {
		if r.Header.Get("X-Test-Person") == "nankai" {
			return voucher.Actor{ID: "u-nankai", Role: voucher.RoleDistrict, District: "南开区", Name: "南开区科委"}, nil
		}
		return prev(r)
	}
}

// withoutReviewerList leaves Options.Reviewers unset, so the office types IDs.
func withoutReviewerList(o *voucherhttp.Options) {
	o.Reviewers = nil
}
