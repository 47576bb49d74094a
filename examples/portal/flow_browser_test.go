package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/testfile"
)

// walker clicks through the portal in one tab as one person at a time, keeping a
// screenshot of every page it lands on.
type walker struct {
	t    *testing.T
	tab  context.Context
	base string
	shot int
	dir  string // where the files it uploads live
}

func newWalker(t *testing.T, width, height int) *walker {
	return newWalkerOf(t, width, height, config{db: filepath.Join(t.TempDir(), "cxq.db"), searchTimeout: time.Minute})
}

// newWalkerOf walks a portal of cfg (which must name a store).
func newWalkerOf(t *testing.T, width, height int, cfg config) *walker {
	c := startPortalConfig(t, cfg)
	w := &walker{t: t, tab: browser(t, width, height), base: c.base, dir: t.TempDir()}
	for _, name := range []string{"证书.pdf", "报价单.pdf", "发票.pdf", "合同.pdf", "总结.pdf", "回单.pdf"} {
		require.NoError(t, os.WriteFile(filepath.Join(w.dir, name), testfile.PDF(name), 0o644))
	}
	return w
}

// visit opens path (below the portal) and waits for its main content.
func (w *walker) visit(path string) {
	w.t.Helper()
	steps(w.t, w.tab, chromedp.Navigate(w.base+path), chromedp.WaitReady(chromedp.CSS("main")))
	w.snap()
}

// press clicks the element sel and waits for the page it leads to.
func (w *walker) press(sel string) {
	w.t.Helper()
	steps(w.t, w.tab,
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.leaving = "1"`),
		chromedp.Click(chromedp.Search(sel)),
		chromedp.WaitReady(chromedp.CSS("body:not([data-leaving]) main")),
	)
	w.snap()
}

// text is the visible text of the main content.
func (w *walker) text() string {
	w.t.Helper()
	return read(w.t, w.tab, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
}

// see requires every piece of text on the page.
func (w *walker) see(pieces ...string) {
	w.t.Helper()
	txt := w.text()
	for _, p := range pieces {
		require.Contains(w.t, txt, p, "on %s", read(w.t, w.tab, chromedp.Location()))
	}
	require.NotContains(w.t, txt, "未能完成操作", "no refusal on %s", read(w.t, w.tab, chromedp.Location()))
}

// fill sets the value of the inputs named by their CSS selectors.
func (w *walker) fill(values map[string]string) {
	w.t.Helper()
	for sel, v := range values {
		steps(w.t, w.tab, chromedp.SetValue(chromedp.CSS(sel), v))
	}
}

// attach chooses a file of the walker's folder for the file input sel.
func (w *walker) attach(sel, name string) {
	w.t.Helper()
	steps(w.t, w.tab, chromedp.SetUploadFiles(chromedp.CSS(sel), []string{filepath.Join(w.dir, name)}))
}

// as logs out whoever is signed in and logs in the demo person id.
func (w *walker) as(id string) {
	w.t.Helper()
	w.visit("/")
	if ok := read(w.t, w.tab, chromedp.Evaluate[bool](`!!document.querySelector(".who form button")`)); ok {
		w.press(`//header//button[text()="退出"]`)
	}
	w.press(`//header//a[text()="登录"]`)
	w.press(`//form[input[@name="person" and @value="` + id + `"]]/button`)
}

func (w *walker) snap() {
	w.t.Helper()
	// The page must be laid out before it can be captured.
	read(w.t, w.tab, chromedp.Poll[bool](`document.readyState === "complete" && document.documentElement.clientWidth > 0`))
	w.shot++
	name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "_", "&", "_").
		Replace(read(w.t, w.tab, chromedp.Evaluate[string](`location.pathname`))), "_")
	screenshot(w.t, w.tab, fmt.Sprintf("%03d-%s.png", w.shot, name))
}

// TestBrowserWholeFlow clicks the manual's whole flow in Chromium, as its people do:
// the enterprise finds a product and orders it (立刻申请), the provider confirms, the
// enterprise fills the 申请表 with its uploads and submits, 区初审, the office assigns,
// 专业机构复审, 复审通过 on the enterprise's screen; then 申请兑现 with an invoice and a
// contract, 初审, 形式审查, 市级形式审查受理, 导出 downloads the PDF, 专家评审 with the
// actual amount, 评审通过 on screen and in the enterprise's 站内消息; the office's 统计
// counts it.
func TestBrowserWholeFlow(t *testing.T) {
	w := newWalker(t, 1280, 900)
	w.as("enterprise")
	w.visit("/products/?q=" + "气相色谱仪")
	w.press(`//a[@href="/products/prod-0001"]`)
	w.see("收费标准", "浏览量", "服务承诺", "创新券")
	w.press(`//a[text()="立刻申请"]`)
	w.see("填写并核对订单信息", "服务方")
	w.placeOrder()
	w.confirmAndFill("2026-12-01", "2027-06-30")
	w.press(`//button[@name="op" and @value="calc"]`)
	w.see("5000.00")
	w.press(`//p[@class="actions"]/button[@value="submit"]`)
	w.see("待区初审")
	app := w.reviewApplication()

	red := w.redeem(app)
	w.formalReview(red)
	w.as("enterprise")
	w.visit("/user/redemptions/" + red)
	w.see("市级形式审查受理")
	w.download(`//a[text()="导出"]`)
	w.expertApproves(red, "4000.00")
	w.as("enterprise")
	w.visit("/user/redemptions/" + red)
	w.see("评审通过", "4000.00")
	w.inbox("评审通过")

	w.as("office")
	w.visit("/stats/")
	w.see("统计", "创新券兑现 · 按状态", "评审通过")
}

// inbox opens the signed-in person's 站内消息 until a message holding text has been
// delivered (the portal's worker delivers every two seconds).
func (w *walker) inbox(text string) {
	w.t.Helper()
	for range 20 {
		w.visit("/messages")
		if strings.Contains(w.text(), text) {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	w.t.Fatalf("no message with %q in the inbox", text)
}

// review signs in as person and approves the first case of kind in the queue, whose
// status reads status (when given); it returns the case's ID.
func (w *walker) review(person, kind, status string) string {
	w.t.Helper()
	w.as(person)
	w.visit("/review/")
	w.press(`//a[starts-with(@href, "/review/` + kind + `/")]`)
	if status != "" {
		w.see(status)
	}
	id := read(w.t, w.tab, chromedp.Evaluate[string](`location.pathname.split("/").pop()`))
	w.press(`//button[text()="审核通过"]`)
	return id
}

// assign signs in as the office and assigns the demo person to stage of record id.
func (w *walker) assign(kind, id, stage, person string) {
	w.t.Helper()
	w.as("office")
	w.visit("/review/" + kind + "/" + id)
	sel := `form[action$="/assign"]:has(input[name="stage"][value="` + stage + `"]) select`
	steps(w.t, w.tab, chromedp.SetValue(chromedp.CSS(sel), "demo-"+person))
	w.press(`//form[input[@name="stage" and @value="` + stage + `"]]//button`)
	w.see("审核人已分配")
}

// redeem starts the redemption of app as the enterprise, adds an invoice and a contract,
// the use report and the other files, and submits; it returns the redemption's ID.
func (w *walker) redeem(app string) string {
	w.t.Helper()
	id := w.draftRedemption()
	w.press(`//form[@id="redemption-form"]//button[@value="submit"]`)
	w.see("待区科技主管部门初审")
	return id
}

// draftRedemption starts a redemption as the enterprise and fills in everything redeem
// submits, without submitting it; it returns the redemption's ID.
func (w *walker) draftRedemption() string {
	w.t.Helper()
	w.visit("/user/redemptions")
	w.press(`//button[text()="申请兑现"]`)
	id := read(w.t, w.tab, chromedp.Evaluate[string](`location.pathname.split("/").pop()`))
	// Typed, not saved, before 添加发票 and 添加合同 post their own forms: still there after.
	typed := "检测后改进了配方"
	steps(w.t, w.tab, chromedp.SendKeys(chromedp.CSS("#r-outcome"), typed))
	w.attach("#i-scan", "发票.pdf")
	w.fill(map[string]string{"#i-name": "检测费", "#i-code": "1200000000", "#i-number": "00000001", "#i-amount": "10000.00"})
	w.press(`//form[@id="add-invoice"]//button[text()="添加发票"]`)
	w.attach("#c-scan", "合同.pdf")
	w.fill(map[string]string{"#c-name": "挥发性有机物检测技术服务合同", "#c-amount": "10000.00"})
	w.press(`//form[@id="add-contract"]//button[text()="添加合同"]`)
	w.see("检测费", "挥发性有机物检测技术服务合同")
	require.Equal(w.t, typed, read(w.t, w.tab, chromedp.Evaluate[string](`document.getElementById("r-outcome").value`)),
		"what was typed survives adding an invoice and a contract")
	w.fill(map[string]string{"#r-outcome": "完成检测，产品配方改进后通过认证。"})
	w.attach("#f-project_summary", "总结.pdf")
	w.attach("#f-bank_receipt", "回单.pdf")
	return id
}

// download clicks the link sel and waits for the file it downloads, which must be a PDF.
func (w *walker) download(sel string) {
	w.t.Helper()
	dir := w.t.TempDir()
	steps(w.t, w.tab, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
		return err
	}), chromedp.Click(chromedp.Search(sel)))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		if len(files) == 1 {
			b, err := os.ReadFile(files[0])
			require.NoError(w.t, err)
			if len(b) > 4 && string(b[:4]) == "%PDF" {
				require.NoError(w.t, os.WriteFile(filepath.Join(w.t.ArtifactDir(), filepath.Base(files[0])), b, 0o644))
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	w.t.Fatal("导出 downloaded no PDF")
}

// TestBrowserPhoneEnterprisePages walks the enterprise's pages on a 390 px wide phone
// screen: each is usable without sideways scrolling of the page (wide tables scroll in
// their own box).
func TestBrowserPhoneEnterprisePages(t *testing.T) {
	w := newWalker(t, 390, 844)
	w.as("enterprise")
	w.visit("/products/prod-0001")
	w.press(`//a[text()="立刻申请"]`)
	w.fill(map[string]string{"#o-phone": "13800138000"})
	w.press(`//button[text()="确认申请"]`)
	w.as("provider")
	w.visit("/provider/orders")
	w.press(`//button[text()="确认"]`)
	w.as("enterprise")
	for _, path := range []string{"/user/orders", "/user/applications", "/user/redemptions", "/products/prod-0001",
		"/products/prod-0001/order", "/verify"} {
		w.visit(path)
		w.fitsWidth()
	}
	w.visit("/user/orders")
	w.press(`//button[text()="申请创新券"]`)
	w.fitsWidth()
	w.see("科技创新券申请表")
}

// fitsWidth requires the page not to be wider than the screen.
func (w *walker) fitsWidth() {
	w.t.Helper()
	over := read(w.t, w.tab, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	require.LessOrEqual(w.t, over, 0, "%s is %d px wider than the screen", read(w.t, w.tab, chromedp.Location()), over)
}
