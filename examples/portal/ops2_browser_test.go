package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/testfile"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// opsPolicyFile writes the tianjin preset with a 7-day public notice, half-yearly spot
// checks of at least 20% by district, a required service evaluation and returns the
// office reviews, as a policy JSON file the portal's -policy reads.
func opsPolicyFile(t *testing.T) string {
	t.Helper()
	p := policy.Tianjin()
	p.ID, p.Version = "tianjin-ops", "2026"
	p.Notice = policy.Notice{Days: 7, Columns: policy.PublicColumns()}
	p.SpotCheck = &policy.SpotCheckRule{MinShare: cxq.Percent(20), Months: 6, By: policy.StrataDistrict}
	p.EvaluationRequired = true
	p.Usage.Return = policy.ReturnRules{Review: true}
	require.NoError(t, p.Validate())
	b, err := json.Marshal(p)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "policy.json")
	require.NoError(t, os.WriteFile(file, b, 0o600))
	return file
}

// signOut logs out whoever is signed in, with 退出 on a page of the programme (the
// portal's front page has none).
func (w *walker) signOut() {
	w.t.Helper()
	w.visit("/notices")
	if ok := read(w.t, w.tab, chromedp.Evaluate[bool](`!!document.querySelector(".who form button")`)); ok {
		w.press(`//header//button[text()="退出"]`)
	}
}

// absent requires none of the pieces on the page.
func (w *walker) absent(pieces ...string) {
	w.t.Helper()
	txt := w.text()
	for _, p := range pieces {
		require.NotContains(w.t, txt, p, "on %s", read(w.t, w.tab, chromedp.Location()))
	}
}

// id is the last segment of the page's path: the record it shows.
func (w *walker) id() string {
	w.t.Helper()
	return read(w.t, w.tab, chromedp.Evaluate[string](`location.pathname.split("/").pop()`))
}

// TestBrowserNoticeSpotCheckAndSanctions clicks a programme with a budget, a public
// notice, spot checks and a required evaluation in Chromium, on a programme clock the
// test moves: the office sets the year's budget with a pool and a batch; the application
// is refused until the batch opens, then approved; the provider records the delivery with
// its result file; the redemption is refused until the enterprise evaluates the service,
// whose grade the provider and the product page show; the redemption passes review and
// waits for the notice; the office publishes it, a visitor objects, the office closes the
// notice (the entry held) and decides to pay with an opinion the enterprise reads; after
// the half year the office draws the spot check, the reviewer who took part is refused as
// inspector, the inspector fails the case with a clawback the enterprise sees and the pool
// takes back; a freeze refuses the enterprise's order with its terms until lifted; the
// provider declines the order with a reason the enterprise reads.
func TestBrowserNoticeSpotCheckAndSanctions(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, cxq.China()), 0) // the test moves it
	w := newWalkerOf(t, 1280, 900, config{db: filepath.Join(t.TempDir(), "cxq.db"), searchTimeout: time.Minute,
		policy: opsPolicyFile(t), now: clock.Now})
	require.NoError(t, os.WriteFile(filepath.Join(w.dir, "检测报告.pdf"), testfile.PDF("检测报告"), 0o644))

	// 1. the year's budget with a pool for 河西区 and a batch opening at 10:00; the
	// voucher: order, confirmation, 申请表 (refused before the batch opens), 区初审,
	// assignment, 复审通过
	w.budgetWithBatch()
	app := w.approvedVoucher(func() {
		w.refused("当前不在申请批次时间内（下一批次开始：2026-03-02 10:00）")
		clock.Set(time.Date(2026, 3, 2, 10, 0, 0, 0, cxq.China()))
	})

	// 2. 登记交付 with the result file; the redemption waits for the evaluation
	red := w.deliveredAndEvaluated()

	// 3. the redemption goes through and, approved, waits for the notice
	w.visit("/user/redemptions/" + red)
	w.press(`//form[@id="redemption-form"]//button[@value="submit"]`)
	w.see("待区科技主管部门初审")
	w.approveRedemption(red, "4000.00")
	w.as("enterprise")
	w.visit("/user/redemptions/" + red)
	w.see("评审通过", "4000.00", "评审通过，待公示")

	// 4. 公示: published, objected to by a visitor, closed with the entry held, paid
	w.noticeHeldAndPaid(clock, red)
	require.Equal(t, "河西区资金池\t50000.00\t0.00\t4000.00\t46000.00", w.pool("河西区资金池"))

	// 5. 抽查 of 2026H1: the reviewer is refused as inspector, the inspector claws back
	clock.Set(time.Date(2026, 7, 2, 9, 0, 0, 0, cxq.China()))
	w.spotCheckWithClawback(red)
	w.as("enterprise")
	w.visit("/user/applications/" + app)
	w.see("抽查结论", "2026H1", red, "不合格", "检测数据与原始记录不符。", "1000.00 元")
	w.inbox("收回已兑现资金 1000.00 元")
	require.Equal(t, "河西区资金池\t50000.00\t0.00\t3000.00\t47000.00", w.pool("河西区资金池"), "the clawback goes back to the pool")

	// 6. 处理名单: a freeze refuses the next order with its terms until it is lifted
	w.freezeAndLift()
}

// approvedVoucher walks the voucher to 复审通过 as its people do and returns the
// application's ID; the contract runs from the programme clock's March. When refused is
// given the first submission is refused: refused checks the page and makes the next one
// go through.
func (w *walker) approvedVoucher(refused func()) string {
	w.t.Helper()
	w.fillApplication("2026-03-01", "2026-06-30")
	w.press(`//p[@class="actions"]/button[@value="submit"]`)
	if refused != nil {
		refused()
		w.visit("/user/applications/" + w.id())
		w.see("证书.pdf", "报价单.pdf", "未提交")
		w.press(`//p[@class="actions"]/button[@value="submit"]`)
	}
	w.see("待区初审")
	return w.reviewApplication()
}

// reviewApplication takes the application awaiting 区初审 through it, the office's
// assignment and 专业机构复审, checks 复审通过 on the enterprise's screen and returns its ID.
func (w *walker) reviewApplication() string {
	w.t.Helper()
	app := w.review("district", "applications", "待区初审")
	w.assign("applications", app, "professional_review", "professional")
	w.review("professional", "applications", "待专业机构复审")
	w.as("enterprise")
	w.visit("/user/applications/" + app)
	w.see("复审通过")
	return app
}

// approveRedemption takes the submitted redemption red through 初审, 形式审查 and 专家评审
// with the actual amount.
func (w *walker) approveRedemption(red, actual string) {
	w.t.Helper()
	w.formalReview(red)
	w.expertApproves(red, actual)
}

// formalReview takes the submitted redemption red through 初审 and 形式审查, with its
// expert assigned.
func (w *walker) formalReview(red string) {
	w.t.Helper()
	w.review("district", "redemptions", "")
	w.assign("redemptions", red, "formal_review", "professional")
	w.assign("redemptions", red, "expert_review", "expert")
	w.review("professional", "redemptions", "")
}

// expertApproves has the expert approve red with the actual amount (专家评审).
func (w *walker) expertApproves(red, actual string) {
	w.t.Helper()
	w.as("expert")
	w.visit("/review/redemptions/" + red)
	w.fill(map[string]string{`input[name="field.actual_amount"]`: actual})
	w.press(`//button[text()="审核通过"]`)
}

// noticeWithObjection has the office publish what awaits the notice, and a visitor who
// is not signed in read the list, which shows no phone number and no case ID, and object
// to its entry; it returns the list's ID.
func (w *walker) noticeWithObjection() string {
	w.t.Helper()
	w.as("office")
	w.press(`//nav//a[text()="公示管理"]`)
	w.see("待公示（1 件）", "气相色谱仪", "4000.00")
	w.press(`//form[@id="publish"]//button[text()="发布公示"]`)
	w.see("公示名单已发布", "2026-03-09")
	pub := w.id()
	// the office sees which case each entry is; the public does not
	caseID := read(w.t, w.tab, chromedp.Evaluate[string](`document.querySelector("#entry-1 a").textContent`))

	w.signOut()
	require.Equal(w.t, "/", read(w.t, w.tab, chromedp.Evaluate[string](`location.pathname`)), "退出 leads to the front page")
	w.press(`//header//a[text()="公示"]`)
	require.Equal(w.t, "登录", read(w.t, w.tab, chromedp.Evaluate[string](`document.querySelector("header .who").innerText.trim()`)))
	w.see(pub, "公示中")
	w.press(`//table[@id="notices"]//a[text()="查看"]`)
	w.see("天津示例科技有限公司（示例）", "气相色谱仪", "4000.00", "提出异议")
	w.absent("13800138000", "zs@example.com", caseID, "兑现申请")
	w.fill(map[string]string{"#o-text": "检测报告系伪造，请核实。", "#o-name": "李四", "#o-contact": "13900139000"})
	w.press(`//form[@id="object"]//button[text()="提交异议"]`)
	w.see("异议已提交")
	w.absent("13900139000", "李四")
	return pub
}

// spotCheckWithClawback has the office draw 2026H1 and assign red's inspector — the
// professional body that reviewed it is refused — and the inspector fail it with a
// clawback.
func (w *walker) spotCheckWithClawback(red string) {
	w.t.Helper()
	w.as("office")
	w.press(`//nav//a[text()="抽查"]`)
	w.fill(map[string]string{"#period": "2026H1", "#seed": "2026070100"})
	w.press(`//form[@id="draw"]//button[text()="抽取"]`)
	w.see("已抽取抽查样本", "抽查 2026H1", "河西区", red, "4000.00 元", "未分配")
	spot := w.id()
	sel := "#inspector-" + red
	steps(w.t, w.tab, chromedp.SetValue(chromedp.CSS(sel), "demo-professional"))
	w.press(`//section[@id="case-` + red + `"]//button[text()="分配"]`)
	w.refused("抽查人员与该案件存在利害关系（参与过其审核，或属于企业、服务机构）")
	// the refused page keeps the form: the office picks another
	steps(w.t, w.tab, chromedp.SetValue(chromedp.CSS(sel), "demo-inspector"))
	w.press(`//section[@id="case-` + red + `"]//button[text()="分配"]`)
	w.see("抽查人员已分配", "抽查专业机构（示例）")

	w.as("inspector")
	w.visit("/spotchecks/" + spot)
	w.fill(map[string]string{"#text-" + red: "检测数据与原始记录不符。", "#clawback-" + red: "1000.00"})
	w.press(`//section[@id="case-` + red + `"]//button[@value="failed"]`)
	w.see("抽查结论已记录", "不合格", "检测数据与原始记录不符。", "1000.00 元")
}

// freezeAndLift has the office freeze the demo enterprise; its order is refused with the
// freeze's terms; lifted, the order goes through, and the provider declines it with a
// reason the enterprise reads.
func (w *walker) freezeAndLift() {
	w.t.Helper()
	w.as("office")
	w.press(`//nav//a[text()="处理名单"]`)
	w.fill(map[string]string{"#s-id": demoEnterpriseID, "#s-until": "2026-12-31",
		"#s-basis": "《天津市科技创新券管理办法》第二十条", "#s-note": "抽查不合格"})
	w.press(`//form[@id="sanction-form"]//button[text()="登记"]`)
	w.see("处理已登记", "冻结", "2026-07-02 至 2026-12-31", "生效中")
	sanction := read(w.t, w.tab, chromedp.Evaluate[string](`document.querySelector("#sanctions tbody tr").id.replace("sanction-", "")`))

	w.as("enterprise")
	w.visit("/products/prod-0001/order")
	w.fill(map[string]string{"#o-phone": "13800138000"})
	w.press(`//button[text()="确认申请"]`)
	w.refused("已被冻结（2026-07-02 至 2026-12-31，依据：《天津市科技创新券管理办法》第二十条），不得申报或兑现创新券")

	w.as("office")
	w.visit("/review/sanctions")
	w.fill(map[string]string{"#l-" + sanction: "已退回收回资金"})
	w.press(`//tr[@id="sanction-` + sanction + `"]//button[text()="解除"]`)
	w.see("处理已解除", "已解除", "已退回收回资金")

	w.as("enterprise")
	w.visit("/products/prod-0001/order")
	w.fill(map[string]string{"#o-phone": "13800138000"})
	w.press(`//button[text()="确认申请"]`)
	w.see("气相色谱仪", "待确认")
	w.inbox("处理已解除：已退回收回资金")

	// the provider declines the new order, and the enterprise reads why
	w.as("provider")
	w.visit("/provider/orders")
	w.fill(map[string]string{`textarea[name="reason"]`: "仪器检修，暂停接单至八月。"})
	w.press(`//button[text()="拒绝"]`)
	w.see("订单已拒绝", "拒绝原因：仪器检修，暂停接单至八月。")
	w.as("enterprise")
	w.visit("/user/orders")
	w.see("已拒绝", "拒绝原因：仪器检修，暂停接单至八月。")
}

// pool is the row of the 2026 budget's pool label on the office's 资金池 page.
func (w *walker) pool(label string) string {
	w.t.Helper()
	w.as("office")
	w.visit("/office/budget?year=2026")
	return read(w.t, w.tab, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('tr[id^="pool-"]')).
		find(r => r.cells[0].innerText === `+strconv.Quote(label)+`).innerText.trim()`))
}

// TestBrowserVoucherReturn clicks 退券 under a policy whose returns the office reviews:
// the enterprise sees what returning its voucher does, asks with a reason, the office
// approves it on 退券审核 with its opinion, and the enterprise sees the voucher returned
// with that opinion.
func TestBrowserVoucherReturn(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, cxq.China()), 0) // the test moves it
	w := newWalkerOf(t, 1280, 900, config{db: filepath.Join(t.TempDir(), "cxq.db"), searchTimeout: time.Minute,
		policy: opsPolicyFile(t), now: clock.Now})
	app := w.approvedVoucher(nil)
	w.press(`//a[@id="return-link"]`)
	w.see("退券", "退回创新券金额 5000.00 元", "须经创新券管理办公室审核同意后生效")
	w.fill(map[string]string{"#r-reason": "项目取消，不再委托检测。"})
	w.press(`//form[@id="return-form"]//button[text()="确认退券"]`)
	w.see("退券申请已提交，等待管理办公室审核。", "项目取消，不再委托检测。", "退券待审核")

	w.as("office")
	w.press(`//nav//a[text()="退券审核"]`)
	w.see(app, "5000.00", "项目取消，不再委托检测。")
	w.fill(map[string]string{`#returns textarea[name="note"]`: "同意退券，额度恢复。"})
	w.press(`//table[@id="returns"]//button[@value="approve"]`)
	w.see("审核结果已提交")

	w.as("enterprise")
	w.visit("/user/applications/" + app + "/return")
	w.see("已退券", "同意退券，额度恢复。")
	w.inbox("退券")
}

// deliveredAndEvaluated has the provider record the delivery with its result file; the
// enterprise's redemption is refused until it evaluates the service, whose grade the
// provider and the product page then show. It returns the redemption, not yet submitted.
func (w *walker) deliveredAndEvaluated() string {
	w.t.Helper()
	w.as("provider")
	w.visit("/provider/orders")
	w.fill(map[string]string{`form.delivery input[name="date"]`: "2026-03-02",
		`form.delivery textarea[name="content"]`: "出具挥发性有机物检测报告一份。"})
	w.attach(`form.delivery input[type="file"]`, "检测报告.pdf")
	w.press(`//form[contains(@class, "delivery")]//button[text()="登记交付"]`)
	w.see("服务交付已登记", "出具挥发性有机物检测报告一份。", "检测报告.pdf", "等待企业评价")

	w.as("enterprise")
	red := w.draftRedemption()
	w.press(`//form[@id="redemption-form"]//button[@value="submit"]`)
	w.refused("请先对服务机构的服务进行评价，再提交兑现申请")

	w.visit("/user/orders")
	w.see("出具挥发性有机物检测报告一份。", "检测报告.pdf", "提交评价")
	scores := map[string]string{"response": "9", "attitude": "10", "competence": "14", "quality": "18",
		"timeliness": "15", "price": "9", "communication": "9", "satisfaction": "9"} // 93 of 100: A
	fields := map[string]string{`form.evaluate textarea[name="comment"]`: "报告及时、准确。"}
	for code, s := range scores {
		fields[`form.evaluate input[name="score_`+code+`"]`] = s
	}
	w.fill(fields)
	w.press(`//form[contains(@class, "evaluate")]//button[text()="提交评价"]`)
	w.see("服务评价已提交", "服务评价：A（优秀） 93/100 分")
	w.as("provider")
	w.visit("/provider/orders")
	w.see("服务评价：A（优秀） 93/100 分")
	w.as("enterprise")
	w.visit("/products/prod-0001")
	w.see("津澜分析测试中心有限公司", "1 次评价，平均 93.0 分（百分制）", "A（优秀） 1")
	return red
}

// noticeHeldAndPaid publishes red, which a visitor objects to; eight days on, the office
// closes the notice and red is held, then paid on the office's decision, whose opinion the
// enterprise reads.
func (w *walker) noticeHeldAndPaid(clock *storetest.Clock, red string) {
	w.t.Helper()
	pub := w.noticeWithObjection()
	w.as("enterprise")
	w.visit("/user/redemptions/" + red)
	w.see("公示中")
	clock.Set(clock.Now().AddDate(0, 0, 8))
	w.as("office")
	w.visit("/notices/" + pub)
	w.see("异议（1 件）", "检测报告系伪造")
	w.press(`//form[@id="close"]//button[text()="结束公示"]`)
	w.see("公示已结束", "有异议 1 条暂缓兑现", "有异议，暂缓兑现")
	w.as("enterprise")
	w.visit("/user/redemptions/" + red)
	w.see("公示有异议，暂缓兑现")
	w.as("office")
	w.visit("/review/notices")
	w.see("有异议、暂缓兑现（1 件）", red)
	w.fill(map[string]string{"#op-" + red: "经核实，检测报告真实，异议不成立。"})
	w.press(`//form[@id="held-` + red + `"]//button[@value="pay"]`)
	w.see("审核结果已提交", "有异议、暂缓兑现（0 件）")
	w.as("enterprise")
	w.visit("/user/redemptions/" + red)
	w.see("公示期满，已兑现", "经核实，检测报告真实，异议不成立。")
}

// budgetWithBatch has the office set the 2026 budget: 100000.00 in all, a pool of
// 50000.00 for 河西区 and one batch, from 2026-03-02 10:00 to 2026-06-30 17:00.
func (w *walker) budgetWithBatch() {
	w.t.Helper()
	w.as("office")
	w.press(`//nav//a[text()="资金池"]`)
	w.see("资金池（2026 年度）", "该年度尚未设置预算")
	w.fill(map[string]string{`input[name="total"]`: "100000.00",
		`#budget-form tbody tr:first-child input[name="pool_id"]`:       "hexi",
		`#budget-form tbody tr:first-child input[name="pool_label"]`:    "河西区资金池",
		`#budget-form tbody tr:first-child input[name="pool_district"]`: "河西区",
		`#budget-form tbody tr:first-child input[name="pool_amount"]`:   "50000.00",
		`input[name="batch_id"]`: "2026-1", `input[name="batch_name"]`: "2026年第一批",
		`input[name="batch_opens"]`: "2026-03-02T10:00", `input[name="batch_closes"]`: "2026-06-30T17:00"})
	w.press(`//button[text()="保存预算"]`)
	w.see("已保存", "河西区资金池", "50000.00")
}
