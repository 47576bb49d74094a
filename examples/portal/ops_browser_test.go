package main

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/policy"
)

// refused requires the page to show a refusal holding text.
func (w *walker) refused(text string) {
	w.t.Helper()
	txt := w.text()
	require.Contains(w.t, txt, "未能完成操作")
	require.Contains(w.t, txt, text)
}

// TestBrowserProgrammeOperations clicks what running a programme takes in Chromium: the
// office sets this year's budget on its 资金池 page (a total, a pool for 河西区 and a
// waiting list); the enterprise's claim the pool cannot hold is refused with the pool
// and what is left, it joins the waiting list and sees its place; the office's page
// shows what each pool holds.
func TestBrowserProgrammeOperations(t *testing.T) {
	w := newWalker(t, 1280, 900)
	year := strconv.Itoa(policy.ClaimYear(time.Now()))
	w.as("office")
	w.press(`//nav//a[text()="资金池"]`)
	w.see("资金池（"+year+" 年度）", "该年度尚未设置预算")
	w.fill(map[string]string{`input[name="total"]`: "100000.00",
		`#budget-form tbody tr:first-child input[name="pool_id"]`:       "hexi",
		`#budget-form tbody tr:first-child input[name="pool_label"]`:    "河西区资金池",
		`#budget-form tbody tr:first-child input[name="pool_district"]`: "河西区",
		`#budget-form tbody tr:first-child input[name="pool_amount"]`:   "3000.00"})
	steps(t, w.tab, chromedp.Click(chromedp.CSS(`input[name="waiting_list"]`)))
	w.press(`//button[text()="保存预算"]`)
	w.see("已保存", "河西区资金池", "3000.00", "100000.00")

	w.fillApplication("2026-12-01", "2027-06-30")
	w.press(`//p[@class="actions"]/button[@value="submit"]`)
	w.refused("河西区资金池余额 3000.00 元，不足以支持本次申请的 5000.00 元")
	w.press(`//form[@id="join-waiting"]/button`)
	w.see("已加入候补名单", "本申请在候补名单第 1 位")

	w.as("office")
	w.visit("/office/budget?year=" + year)
	w.see("河西区资金池", "3000.00")
}

// fillApplication has the enterprise order prod-0001 and then, as confirmAndFill, the
// provider confirm it and the enterprise fill in its 申请表, not yet submitted.
func (w *walker) fillApplication(start, end string) {
	w.t.Helper()
	w.as("enterprise")
	w.visit("/products/prod-0001/order")
	w.placeOrder()
	w.confirmAndFill(start, end)
}

// placeOrder fills the enterprise's contact in the open order form and places the order.
func (w *walker) placeOrder() {
	w.t.Helper()
	w.fill(map[string]string{"#o-phone": "13800138000", "#o-email": "zs@example.com"})
	w.press(`//button[text()="确认申请"]`)
	w.see("气相色谱仪")
}

// confirmAndFill has the provider confirm the enterprise's order and the enterprise open
// the order's 申请表 and fill it in (a contract from start to end of 10000, with its
// certificate and quote), not yet submitted.
func (w *walker) confirmAndFill(start, end string) {
	w.t.Helper()
	w.as("provider")
	w.visit("/provider/orders")
	w.press(`//button[text()="确认"]`)
	w.see("已确认")
	w.as("enterprise")
	w.visit("/user/orders")
	w.press(`//button[text()="申请创新券"]`)
	w.see("科技创新券申请表", "未提交")
	w.fill(map[string]string{"#a-start": start, "#a-end": end, "#a-est": "10000",
		"#a-activity": "委托检测挥发性有机物，改进产品配方。"})
	w.attach("#a-cert", "证书.pdf")
	w.attach("#a-attach", "报价单.pdf")
}
