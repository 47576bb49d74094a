package voucherhttp_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// apiFlowApproved takes an application to 复审通过 over the API, the professional
// reviewer giving an opinion, and returns its ID.
func apiFlowApproved(t *testing.T, s *site) string {
	t.Helper()
	order := s.placeOrder(true)
	var app struct{ ID string }
	s.ok("enterprise", "POST", "/api/applications", map[string]any{"order_id": order, "form": s.applicationForm()}, &app)
	s.ok("enterprise", "POST", "/api/applications/"+app.ID+"/submit", map[string]any{}, nil)
	s.ok("district", "POST", "/api/applications/"+app.ID+"/review", map[string]any{"action": "approve"}, nil)
	s.ok("office", "POST", "/api/applications/"+app.ID+"/assign", map[string]any{"stage": "professional_review", "reviewer": "u-pro"}, nil)
	s.ok("professional", "POST", "/api/applications/"+app.ID+"/review", map[string]any{"action": "approve",
		"opinion": "材料齐全，同意。"}, nil)
	return app.ID
}

// red reads a redemption as the enterprise.
func (s *site) red(id string) voucher.Redemption {
	s.t.Helper()
	red, err := s.svc.Redemption(context.Background(), s.people["enterprise"], id)
	require.NoError(s.t, err)
	return red
}

// startRedemption presses 申请兑现 for app on 创新券兑现 and returns the redemption's ID.
func (s *site) startRedemption(app string) string {
	s.t.Helper()
	_, _, page := s.get("enterprise", "/user/redemptions")
	v := url.Values{"key": {hidden(s.t, page, "key")}, "application_id": {app}}
	var loc string
	for range 2 { // a double click: one redemption
		status, l, body := s.form("enterprise", "/user/redemptions", v)
		require.Equal(s.t, http.StatusSeeOther, status, body)
		require.True(s.t, loc == "" || loc == l, "%s then %s", loc, l)
		loc = l
	}
	m := regexp.MustCompile(`^/user/redemptions/([^?]+)\?done=redeeming$`).FindStringSubmatch(loc)
	require.NotNil(s.t, m, loc)
	return m[1]
}

func TestRedemptionsListOffersTheApprovedApplications(t *testing.T) {
	s := newSite(t)
	app := apiFlowApproved(t, s)
	status, _, body := s.get("enterprise", "/user/redemptions")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, `name="application_id" value="`+app+`"`)
	require.Contains(t, body, "申请兑现")
	id := s.startRedemption(app)
	_, _, body = s.get("enterprise", "/user/redemptions")
	require.NotContains(t, body, `name="application_id" value="`+app+`"`, "a live redemption is not started twice")
	require.Contains(t, body, `href="/user/redemptions/`+id+`"`)
	require.Contains(t, body, "共有 1 行数据, 当前显示 1 到 1 行")

	status, _, body = s.form("enterprise", "/user/redemptions", url.Values{"key": {"k-again"}, "application_id": {app}})
	require.Equal(t, http.StatusConflict, status, "the refusal is shown on the list")
	require.Contains(t, body, "创新券兑现")
	s.enterpriseOnly("/user/redemptions", "expert")
}

func TestRedemptionFormFromInvoiceToExport(t *testing.T) {
	s := newSite(t)
	id := s.startRedemption(apiFlowApproved(t, s))
	path := "/user/redemptions/" + id
	status, _, page := s.get("enterprise", path)
	require.Equal(t, http.StatusOK, status)
	for _, want := range []string{"创新券兑现申请", "状态", "未提交", "审核意见", "实际兑现金额", "添加发票", "添加合同", "刷新",
		"发票扫描件</label>", "小于1M, 限JPG/PNG/PDF格式", "合同扫描件</label>", "小于5M, 限DOC/DOCX/PDF格式",
		"(选填) 小于1M, 限JPG/PNG/PDF格式", "项目实施情况总结", "银行打款回单", "如检测结果、技术解决方案等材料、报表",
		"如专利、著作权、新产品、新工艺、样机证明材料等", "科技创新券使用成效", "申请创新券金额", "4000.00",
		"兑现创新券金额合计<br>(系统自动计算)", ">申请</button>"} {
		require.Contains(t, page, want)
	}
	require.NotContains(t, page, "form.pdf", "not exported before 市级形式审查受理")

	inv := url.Values{"key": {hidden(t, page, "key") + "-inv"}, "version": {hidden(t, page, "version")},
		"invoice_name": {"检测费"}, "invoice_code": {"1200000000"}, "invoice_number": {"00000001"}, "invoice_amount": {"10,000.001"}}
	scan := map[string]file{voucher.SlotInvoiceScan + "_file": {"发票.pdf", samplePDF()}}
	status, _, body := s.multipart("enterprise", path+"/invoices", inv, scan)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="invoice.amount"`)
	require.Contains(t, body, `value="检测费"`, "the typed invoice is kept")
	require.Empty(t, s.red(id).Form.Invoices, "a refused invoice changes nothing")

	inv.Set("key", hidden(t, body, "key")+"-inv")
	inv.Set("invoice_amount", "10,000.00")
	for range 2 { // a double click: one invoice
		status, loc, body := s.multipart("enterprise", path+"/invoices", inv, scan)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.True(t, strings.HasPrefix(loc, path+"?done="), loc)
	}
	red := s.red(id)
	require.Len(t, red.Form.Invoices, 1)
	require.Equal(t, "10000.00", red.Form.Invoices[0].Amount.String())
	require.Equal(t, "发票.pdf", red.Form.Invoices[0].Scan.Name)

	_, _, page = s.get("enterprise", path)
	require.Contains(t, page, `id="invoice-total">10000.00`)
	con := url.Values{"key": {hidden(t, page, "key") + "-con"}, "version": {itoa(red.Version)},
		"contract_name": {"新型传感器性能检测技术服务合同"}, "contract_amount": {"10000"}}
	status, _, body = s.multipart("enterprise", path+"/contracts", con,
		map[string]file{voucher.SlotContractScan + "_file": {"合同.pdf", samplePDF()}})
	require.Equal(t, http.StatusSeeOther, status, body)
	red = s.red(id)
	require.Len(t, red.Form.Contracts, 1)

	_, _, page = s.get("enterprise", path)
	require.Contains(t, page, `id="contract-total">10000.00`)
	require.Contains(t, page, `id="total">4000.00 元`, "兑现创新券金额合计 is computed as the form is filled in")
	main := url.Values{"key": {hidden(t, page, "key")}, "version": {itoa(red.Version)}, "contact_name": {"张三"},
		"contact_phone": {"13800138000"}, "contact_email": {"zs@example.com"}, "outcome": {"完成检测，产品通过认证。"}, "op": {"submit"}}
	files := map[string]file{voucher.SlotProjectSummary + "_file": {"总结.pdf", samplePDF()},
		voucher.SlotBankReceipt + "_file": {"回单.pdf", samplePDF()}}
	status, loc, body := s.multipart("enterprise", path, main, files)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, path+"?done=submitted", loc)
	red = s.red(id)
	require.Equal(t, "待区科技主管部门初审", s.svc.RedemptionStatus(red).ZH)
	require.Len(t, red.Form.Files, 2)
	require.Equal(t, "完成检测，产品通过认证。", red.Form.Outcome)

	_, _, page = s.get("enterprise", path)
	require.NotContains(t, page, `name="outcome"`, "a submitted form is read-only")
	require.NotContains(t, page, "form.pdf")
	s.ok("district", "POST", "/api/redemptions/"+id+"/review", map[string]any{"action": "approve", "opinion": "发票齐全。"}, nil)
	s.ok("office", "POST", "/api/redemptions/"+id+"/assign", map[string]any{"stage": "formal_review", "reviewer": "u-pro"}, nil)
	s.ok("professional", "POST", "/api/redemptions/"+id+"/review", map[string]any{"action": "approve"}, nil)
	_, _, page = s.get("enterprise", path)
	require.Contains(t, page, "市级形式审查受理")
	require.Contains(t, page, "发票齐全。")
	require.Contains(t, page, `href="/api/redemptions/`+id+`/form.pdf?page=1">导出</a>`)

	s.people["other"] = voucher.Actor{ID: "u-other", Role: voucher.RoleEnterprise, Org: "ent-2"}
	status, _, _ = s.get("other", path)
	require.Equal(t, http.StatusNotFound, status)
	status, _, _ = s.get("district", path)
	require.Equal(t, http.StatusForbidden, status)
}

func TestRedemptionRemovesInvoicesAndContracts(t *testing.T) {
	s := newSite(t)
	id := s.startRedemption(apiFlowApproved(t, s))
	path := "/user/redemptions/" + id
	status, body := s.addFromPage(path, "invoices", url.Values{"invoice_name": {"检测费"}, "invoice_code": {"1200000000"},
		"invoice_number": {"00000002"}, "invoice_amount": {"5000"}}, nil)
	require.Equal(t, http.StatusSeeOther, status, body)
	status, body = s.addFromPage(path, "contracts", url.Values{"contract_name": {"合同"}, "contract_amount": {"abc"}}, nil)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="contract.effective_amount"`)
	require.Empty(t, s.red(id).Form.Contracts)

	red := s.red(id)
	v := url.Values{"key": {"del-1"}, "version": {itoa(red.Version)}, "invoice_key": {red.Form.Invoices[0].Key()}}
	for range 2 {
		status, loc, body := s.form("enterprise", path+"/invoices/delete", v)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.Equal(t, path+"?done=removed", loc)
	}
	red = s.red(id)
	require.Empty(t, red.Form.Invoices)
	require.Equal(t, int64(3), red.Version, "one addition and one removal")

	status, _, _ = s.form("enterprise", path+"/contracts/delete", url.Values{"key": {"del-2"}, "index": {"0"},
		"version": {itoa(red.Version)}})
	require.Equal(t, http.StatusNotFound, status, "there is no contract to remove")
	status, _, _ = s.form("provider", path+"/invoices/delete", v)
	require.Equal(t, http.StatusForbidden, status)
}

// addFromPage posts fields to 添加发票 or 添加合同 (to: "invoices", "contracts") of the
// redemption form at path as the enterprise does: from the page as it is now, with its
// key and version. It returns the status and the body.
func (s *site) addFromPage(path, to string, fields url.Values, files map[string]file) (int, string) {
	s.t.Helper()
	_, _, page := s.get("enterprise", path)
	fields.Set("key", hidden(s.t, page, "key")+"-"+to[:3])
	fields.Set("version", hidden(s.t, page, "version"))
	status, _, body := s.multipart("enterprise", path+"/"+to, fields, files)
	return status, body
}

// versionsOf returns every version the page's forms carry.
func versionsOf(page string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`name="version" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestRedemptionRefusedSubmitKeepsTheTyping: 申请 refused for its totals saves what was
// typed (as 保存 would) and shows the form again at the stored version, so the person
// corrects the contract from that page and submits, once however often they click.
func TestRedemptionRefusedSubmitKeepsTheTyping(t *testing.T) {
	s := newSite(t)
	id := s.startRedemption(apiFlowApproved(t, s))
	path := "/user/redemptions/" + id
	status, body := s.addFromPage(path, "invoices", url.Values{"invoice_name": {"检测费"}, "invoice_code": {"1200000000"},
		"invoice_number": {"00000003"}, "invoice_amount": {"10000"}},
		map[string]file{voucher.SlotInvoiceScan + "_file": {"发票.pdf", samplePDF()}})
	require.Equal(t, http.StatusSeeOther, status, body)
	status, body = s.addFromPage(path, "contracts", url.Values{"contract_name": {"新型传感器性能检测技术服务合同"}, "contract_amount": {"4000"}},
		map[string]file{voucher.SlotContractScan + "_file": {"合同.pdf", samplePDF()}})
	require.Equal(t, http.StatusSeeOther, status, body)
	before := s.red(id)

	// 申请 with the contact and outcome typed, the invoices above the contracts.
	_, _, page := s.get("enterprise", path)
	main := url.Values{"key": {hidden(t, page, "key")}, "version": {itoa(before.Version)}, "contact_name": {"张三"},
		"contact_phone": {"13800138000"}, "contact_email": {"zs@example.com"}, "outcome": {"完成检测，产品通过认证。"}, "op": {"submit"}}
	files := map[string]file{voucher.SlotProjectSummary + "_file": {"总结.pdf", samplePDF()},
		voucher.SlotBankReceipt + "_file": {"回单.pdf", samplePDF()}}
	status, _, page = s.multipart("enterprise", path, main, files)
	require.Equal(t, http.StatusBadRequest, status, page)
	require.Contains(t, page, voucher.CodeTotalsMismatch)
	require.Contains(t, page, "完成检测，产品通过认证。", "the typed outcome is shown again")
	after := s.red(id)
	require.Equal(t, before.Version+1, after.Version, "a refused 申请 keeps what was typed, as 保存 does")
	require.Equal(t, "完成检测，产品通过认证。", after.Form.Outcome)
	require.Equal(t, review.Draft, after.State(), "and submits nothing")
	vs := versionsOf(page)
	require.NotEmpty(t, vs)
	for _, v := range vs {
		require.Equal(t, itoa(after.Version), v, "every form of the page shown again is at the stored version")
	}

	// The person corrects the contract from that page and submits.
	status, _, body = s.form("enterprise", path+"/contracts/delete", url.Values{"key": {hidden(t, page, "key") + "-del"},
		"version": {vs[0]}, "index": {"0"}})
	require.Equal(t, http.StatusSeeOther, status, body)
	status, body = s.addFromPage(path, "contracts", url.Values{"contract_name": {"新型传感器性能检测技术服务合同"}, "contract_amount": {"10000"}},
		map[string]file{voucher.SlotContractScan + "_file": {"合同.pdf", samplePDF()}})
	require.Equal(t, http.StatusSeeOther, status, body)
	_, _, page = s.get("enterprise", path)
	main.Set("key", hidden(t, page, "key"))
	main.Set("version", hidden(t, page, "version"))
	for range 2 { // a double click: one submission
		status, loc, body := s.multipart("enterprise", path, main, files)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.True(t, strings.HasPrefix(loc, path+"?done="), loc)
	}
	red := s.red(id)
	require.Equal(t, "待区科技主管部门初审", s.svc.RedemptionStatus(red).ZH)
	require.Equal(t, "完成检测，产品通过认证。", red.Form.Outcome)
}
