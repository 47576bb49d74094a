package voucherhttp_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// TestDeliveryAndEvaluationThroughThePages: the provider records the delivery with its
// result file from its orders page; the enterprise sees it on 我买到的产品 and evaluates
// once with the form built from the rubric; the grade is shown afterwards on both pages
// and the rating on the product's page.
func TestDeliveryAndEvaluationThroughThePages(t *testing.T) {
	s := newSite(t)
	id := s.placeOrder(true)
	_, html := s.page("enterprise", "/user/orders")
	require.Contains(t, html, "待服务机构登记交付")
	require.NotContains(t, html, `id="evaluate-`+id)

	_, html = s.page("provider", "/provider/orders")
	require.Contains(t, html, `id="delivery-`+id)
	fields := url.Values{"key": {formValue(t, html, "key", "-"+id+"-delivery")}, "version": {"2"}, "page": {"1"},
		"date": {"２０２６-０３-０２"}, "content": {"完成检测，出具检测报告。"}} // typed with a Chinese input method on
	report := map[string]file{voucher.SlotServiceProof + "_file": {name: "检测报告.pdf", content: samplePDF()}}
	stale := url.Values{"key": {"page-stale"}, "version": {"1"}, "date": {"2026-03-02"}, "content": {"x"}}
	status, _, body := s.multipart("provider", "/provider/orders/"+id+"/delivery", stale, nil)
	require.Equal(t, http.StatusConflict, status, "a stale rendering: %s", body)
	status, _, _ = s.multipart("enterprise", "/provider/orders/"+id+"/delivery", fields, nil)
	require.Equal(t, http.StatusForbidden, status)
	early := url.Values{"key": {"page-early"}, "version": {"2"}, "date": {"1900-01-01"}, "content": {"x"}}
	status, _, body = s.multipart("provider", "/provider/orders/"+id+"/delivery", early, nil)
	require.Equal(t, http.StatusBadRequest, status, "a delivery before the order: %s", body)
	require.Contains(t, body, `data-field="date"`)
	require.Contains(t, body, "交付日期不能早于下单日期 2026-03-02")
	status, loc, body := s.multipart("provider", "/provider/orders/"+id+"/delivery", fields, report)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, "/provider/orders?page=1&done=delivered", loc)
	_, html = s.page("provider", loc)
	require.Contains(t, html, "服务交付已登记。")
	o, err := s.svc.Order(context.Background(), s.people["provider"], id)
	require.NoError(t, err)
	require.True(t, o.Delivery.Date.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, cxq.China())), "%v", o.Delivery.Date)
	require.Contains(t, html, "检测报告.pdf")
	require.Contains(t, html, "等待企业评价")
	require.NotContains(t, html, `id="delivery-`+id, "delivered once")

	s.deliver()
	_, html = s.page("enterprise", "/messages")
	require.Contains(t, html, "服务机构已登记服务交付，请对服务进行评价。")
	require.Contains(t, html, `href="/user/orders"`, "the notice leads to the evaluation form")
	_, html = s.page("enterprise", "/user/orders")
	require.Contains(t, html, "完成检测，出具检测报告。")
	require.Contains(t, html, `id="evaluate-`+id)
	for _, it := range s.svc.Rubric().Items {
		require.Contains(t, html, `name="score_`+it.Code+`"`)
	}
	ev := url.Values{"key": {formValue(t, html, "key", "-"+id+"-evaluate")}, "version": {"3"}}
	for code, n := range s.fullMarks(0) {
		ev.Set("score_"+code, itoa(int64(n)))
	}
	ev.Set("score_price", "abc")
	status, _, body = s.form("enterprise", "/user/orders/"+id+"/evaluate", ev)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="scores.price"`)
	ev.Set("key", formValue(t, body, "key", "-"+id+"-evaluate"))
	ev.Set("score_price", "2")
	status, loc, body = s.form("enterprise", "/user/orders/"+id+"/evaluate", ev)
	require.Equal(t, http.StatusSeeOther, status, body)
	_, html = s.page("enterprise", loc)
	require.Contains(t, html, `data-grade="A"`)
	require.Contains(t, html, "<strong>A</strong>（优秀） 92/100")
	require.NotContains(t, html, `id="evaluate-`+id, "evaluated once")
	ev.Set("key", "page-again")
	status, _, body = s.form("enterprise", "/user/orders/"+id+"/evaluate", ev)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, body, `data-code="already_evaluated"`)

	_, html = s.page("provider", "/provider/orders")
	require.Contains(t, html, `data-grade="A"`)
	_, html = s.page("", "/products/"+s.product.ID)
	require.Contains(t, html, "1 次评价，平均 92.0 分")
	require.True(t, strings.Contains(html, `<span data-grade="A">A（优秀） 1</span>`), html)
}
