package voucherhttp_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

func TestProviderConfirmsThroughThePage(t *testing.T) {
	s := newSite(t)
	o := placeOrder(t, s)
	status, html := s.page("provider", "/provider/orders")
	require.Equal(t, http.StatusOK, status, html)
	for _, want := range []string{o.ID, s.product.Name, "天津测试科技有限公司", "张三", "13800138000", "zs@example.com",
		"请尽快安排检测", "待确认", `name="confirm" value="1"`, `name="confirm" value="0"`} {
		require.Contains(t, html, want)
	}
	form := url.Values{"key": {formValue(t, html, "key", "-"+o.ID)}, "version": {formValue(t, html, "version", "")},
		"page": {"1"}, "confirm": {"1"}}
	status, loc, body := s.form("provider", "/provider/orders/"+o.ID, form)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, "/provider/orders?page=1&done=confirmed", loc)

	var got voucher.Order
	s.ok("enterprise", "GET", "/api/orders/"+o.ID, nil, &got)
	require.Equal(t, voucher.OrderConfirmed, got.Status)
	_, html = s.page("provider", loc)
	require.Contains(t, html, "订单已确认。")
	require.Contains(t, html, "已确认")
	require.NotContains(t, html, `name="confirm"`, "a confirmed order offers no buttons")

	status, _, body = s.form("provider", "/provider/orders/"+o.ID, form)
	require.Equal(t, http.StatusSeeOther, status, "the same rendering posted again has its one effect: %s", body)
	form.Set("key", "page-another")
	form.Set("confirm", "0")
	status, _, body = s.form("provider", "/provider/orders/"+o.ID, form)
	require.Equal(t, http.StatusConflict, status, "a confirmed order cannot be declined: %s", body)
	require.Contains(t, body, `data-code="conflict"`)
	s.ok("enterprise", "GET", "/api/orders/"+o.ID, nil, &got)
	require.Equal(t, voucher.OrderConfirmed, got.Status)
}

func TestProviderDeclinesThroughThePage(t *testing.T) {
	s := newSite(t)
	o := placeOrder(t, s)
	_, html := s.page("provider", "/provider/orders")
	require.Contains(t, html, `name="reason"`)
	form := url.Values{"key": {formValue(t, html, "key", "-"+o.ID)}, "version": {"1"}, "confirm": {"0"}}
	status, _, body := s.form("provider", "/provider/orders/"+o.ID, form)
	require.Equal(t, http.StatusBadRequest, status, "declining needs a reason")
	require.Contains(t, body, `data-field="reason"`)
	form.Set("key", formValue(t, body, "key", "-"+o.ID)) // the page shown again, with its own key
	form.Set("reason", "本月仪器检修，无法安排。")
	status, loc, body := s.form("provider", "/provider/orders/"+o.ID, form)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.True(t, strings.HasSuffix(loc, "done=declined"), loc)
	var got voucher.Order
	s.ok("enterprise", "GET", "/api/orders/"+o.ID, nil, &got)
	require.Equal(t, voucher.OrderDeclined, got.Status)
	_, html = s.page("enterprise", "/user/orders")
	require.Contains(t, html, "拒绝原因：本月仪器检修，无法安排。", "the enterprise is shown why")
}

func TestProviderPagesAreTheProvidersOnly(t *testing.T) {
	s := newSite(t)
	o := placeOrder(t, s)
	for _, who := range []string{"enterprise", "district", "office"} {
		status, html := s.page(who, "/provider/orders")
		require.Equal(t, http.StatusForbidden, status, who)
		require.NotContains(t, html, o.ID, who)
		status, _, _ = s.form(who, "/provider/orders/"+o.ID, url.Values{"confirm": {"1"}})
		require.Equal(t, http.StatusForbidden, status, who)
	}
	var got voucher.Order
	s.ok("enterprise", "GET", "/api/orders/"+o.ID, nil, &got)
	require.Equal(t, voucher.OrderPlaced, got.Status)
	status, loc, _ := s.form("", "/provider/orders/"+o.ID, url.Values{"confirm": {"1"}})
	require.Equal(t, http.StatusSeeOther, status)
	require.True(t, strings.HasPrefix(loc, "/login?next="), loc)
}

func TestProviderOrdersPage(t *testing.T) {
	s := newSite(t)
	var ids []string
	for i := 0; i < 11; i++ {
		ids = append(ids, placeOrder(t, s).ID)
		s.now = s.now.Add(time.Minute)
	}
	_, html := s.page("provider", "/provider/orders")
	require.Contains(t, html, "共有 11 行数据, 当前显示 1 到 10 行")
	require.Contains(t, html, `href="/provider/orders?page=2"`)
	require.NotContains(t, html, ">上一页</a>", "no link back from the first page")
	require.NotContains(t, html, "order-"+ids[0]+`"`, "newest first: the first order is on page 2")
	_, html = s.page("provider", "/provider/orders?page=2")
	require.Contains(t, html, "当前显示 11 到 11 行")
	require.Contains(t, html, "order-"+ids[0]+`"`)
	require.Contains(t, html, `href="/provider/orders?page=1"`)

	form := url.Values{"key": {formValue(t, html, "key", "-"+ids[0])}, "version": {"1"}, "page": {"2"}, "confirm": {"1"}}
	status, loc, body := s.form("provider", "/provider/orders/"+ids[0], form)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, "/provider/orders?page=2&done=confirmed", loc, "back to the page it was confirmed on")
	_, html = s.page("provider", loc)
	require.Contains(t, html, "订单已确认")
	require.Contains(t, html, `href="/provider/orders?page=1">首页</a>`, "the pager does not carry the notice on")
	status, _, body = s.form("provider", "/provider/orders/"+ids[1], url.Values{"key": {"page-stale"}, "version": {"7"}, "confirm": {"1"}})
	require.Equal(t, http.StatusConflict, status, "a stale rendering is refused: %s", body)
	require.Contains(t, body, "共有 11 行数据", "the list is shown again")
}
