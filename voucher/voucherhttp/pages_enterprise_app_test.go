package voucherhttp_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// placeOrder orders the site's product over the API, confirmed by the provider when
// confirm is set, and returns its ID.
func (s *site) placeOrder(confirm bool) string {
	s.t.Helper()
	var o voucher.Order
	s.ok("enterprise", "POST", "/api/orders", map[string]any{"product_id": s.product.ID,
		"client": map[string]any{"name": "天津测试科技有限公司", "contact": "张三", "phone": "13800138000"}}, &o)
	if confirm {
		s.ok("provider", "POST", "/api/orders/"+o.ID+"/confirm", map[string]any{"confirm": true}, &o)
	}
	return o.ID
}

// applyFromOrders presses 申请创新券 for order (as 为什么我的订单没有出现在这里 offers it
// for every order without an application) and returns the draft's ID.
func (s *site) applyFromOrders(order string) string {
	s.t.Helper()
	_, _, page := s.get("enterprise", "/user/applications")
	m := regexp.MustCompile(`action="/user/orders/` + order + `/apply"[^>]*>\s*<input type="hidden" name="key" value="([^"]+)"`).FindStringSubmatch(page)
	require.NotNil(s.t, m, "no 申请创新券 for %s", order)
	key := m[1]
	status, loc, body := s.form("enterprise", "/user/orders/"+order+"/apply", url.Values{"key": {key}})
	require.Equal(s.t, http.StatusSeeOther, status, body)
	m = regexp.MustCompile(`^/user/applications/([^?]+)\?done=applying$`).FindStringSubmatch(loc)
	require.NotNil(s.t, m, loc)
	return m[1]
}

// app reads an application as the enterprise.
func (s *site) app(id string) voucher.Application {
	s.t.Helper()
	app, err := s.svc.Application(context.Background(), s.people["enterprise"], id)
	require.NoError(s.t, err)
	return app
}

// applicationFields are a complete 申请表 as typed, for the page's current key and version.
func applicationFields(t *testing.T, page string) url.Values {
	v := url.Values{"key": {hidden(t, page, "key")}, "version": {hidden(t, page, "version")},
		"contact_name": {"张三"}, "contact_phone": {"13800138000"}, "contact_email": {"zs@example.com"},
		"contract_start": {"2026-03-01"}, "contract_end": {"2026-09-01"}, "estimated_amount": {"10,000.00"},
		"activity": {"委托检测新型传感器的性能。"}}
	for _, name := range []string{"cert", "attachment"} {
		if m := regexp.MustCompile(`name="`+name+`" value="([^"]*)"`).FindAllStringSubmatch(page, -1); m != nil {
			for _, x := range m {
				v.Add(name, htmlUnescape(x[1]))
			}
		}
	}
	return v
}

func TestOrdersPageOffersAnApplicationOrSaysWhyNot(t *testing.T) {
	s := newSite(t)
	waiting := s.placeOrder(false)
	ready := s.placeOrder(true)
	status, _, body := s.get("enterprise", "/user/orders")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, policy.Message(policy.CodeOrderUnconfirm).ZH, "the unconfirmed order says why")
	require.Contains(t, body, `action="/user/orders/`+ready+`/apply"`)
	require.NotContains(t, body, `action="/user/orders/`+waiting+`/apply"`)

	id := s.applyFromOrders(ready)
	require.Equal(t, id, s.orderApplication(ready))
	_, _, body = s.get("enterprise", "/user/orders")
	require.Contains(t, body, `href="/user/applications/`+id+`"`)
	require.NotContains(t, body, `action="/user/orders/`+ready+`/apply"`)

	s.enterpriseOnly("/user/orders", "provider")
}

// orderApplication is the live application of order.
func (s *site) orderApplication(order string) string {
	for _, it := range s.orders() {
		if it.Order.ID == order {
			return it.Application
		}
	}
	return ""
}

func TestApplyTwiceWithOneKeyMakesOneDraft(t *testing.T) {
	s := newSite(t)
	order := s.placeOrder(true)
	_, _, page := s.get("enterprise", "/user/orders")
	key := hidden(t, page, "key")
	_, first, _ := s.form("enterprise", "/user/orders/"+order+"/apply", url.Values{"key": {key}})
	_, second, _ := s.form("enterprise", "/user/orders/"+order+"/apply", url.Values{"key": {key}})
	require.Equal(t, first, second)
	p, err := s.svc.Applications(context.Background(), s.people["enterprise"], voucher.Query{})
	require.NoError(t, err)
	require.Equal(t, 1, p.Total)

	status, _, body := s.form("enterprise", "/user/orders/IV999999/apply", url.Values{"key": {"k-other"}})
	require.Equal(t, http.StatusNotFound, status, body)
	status, _, body = s.form("enterprise", "/user/orders/"+order+"/apply", url.Values{"key": {"k-again"}})
	require.Equal(t, http.StatusConflict, status, "the order has its application already")
	require.Contains(t, body, "<h1>我买到的产品</h1>", "the refusal is shown on the list")
	require.Contains(t, body, `data-code="conflict"`)
	p, err = s.svc.Applications(context.Background(), s.people["enterprise"], voucher.Query{})
	require.NoError(t, err)
	require.Equal(t, 1, p.Total)
}

func TestApplicationsListSearchesPagesAndSaysWhy(t *testing.T) {
	s := newSite(t)
	waiting := s.placeOrder(false)
	var ids []string
	for range 11 {
		ids = append(ids, s.applyFromOrders(s.placeOrder(true)))
	}
	status, _, body := s.get("enterprise", "/user/applications")
	require.Equal(t, http.StatusOK, status)
	for _, want := range []string{"产品名称", "服务机构", "订单明细", "申请创新券金额", "状态", "查看",
		"共有 11 行数据, 当前显示 1 到 10 行", ">下一页</a>", ">尾页</a>", "<span>首页</span>",
		`<option value="approved">复审通过</option>`, "为什么我的订单没有出现在这里"} {
		require.Contains(t, body, want)
	}
	table := body[strings.Index(body, `id="applications"`):strings.Index(body, `id="why"`)]
	require.NotContains(t, table, waiting, "an order that cannot be applied for is not offered")
	ready := s.placeOrder(true)
	_, _, body = s.get("enterprise", "/user/applications")
	table = body[strings.Index(body, `id="applications"`):strings.Index(body, `id="why"`)]
	require.Contains(t, table, `<tr data-order="`+ready+`">`, "an order that may be applied for has its row")
	require.Contains(t, table, `action="/user/orders/`+ready+`/apply"`, "with 申请创新券 on its right")
	require.Contains(t, table, "另有 1 个订单尚未申请创新券", "the count says it leaves the order out")
	_, _, body = s.get("enterprise", "/user/applications?provider=nobody-at-all")
	filtered := body[strings.Index(body, `id="applications"`):strings.Index(body, `id="why"`)]
	require.NotContains(t, filtered, `<tr data-order="`+ready+`">`, "the search applies to the orders not applied for too")
	_, _, body = s.get("enterprise", "/user/applications?product="+url.QueryEscape(s.product.Name))
	filtered = body[strings.Index(body, `id="applications"`):strings.Index(body, `id="why"`)]
	require.Contains(t, filtered, `<tr data-order="`+ready+`">`)
	why := body[strings.Index(body, `id="why"`):]
	require.Contains(t, why, waiting)
	require.Contains(t, why, policy.Message(policy.CodeOrderUnconfirm).ZH)
	for _, id := range ids {
		require.NotContains(t, why, s.app(id).OrderID, "orders with an application are in the list")
	}

	_, _, body = s.get("enterprise", "/user/applications?page=2")
	require.Contains(t, body, "共有 11 行数据, 当前显示 11 到 11 行")
	require.Contains(t, body, `href="/user/applications?page=1">首页</a>`)

	_, _, body = s.get("enterprise", "/user/applications?status=approved")
	require.Contains(t, body, "共有 0 行数据")
	require.Contains(t, body, `<option value="approved" selected>复审通过</option>`)
	require.Contains(t, body, `<option value="voucher_returned">已退券</option>`, "the standings outside review are offered")
	status, _, body = s.get("enterprise", "/user/applications?status=bogus")
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "没有状态 bogus")
	_, _, body = s.get("enterprise", "/user/applications?product="+url.QueryEscape(s.product.Name))
	require.Contains(t, body, "共有 11 行数据")
	_, _, body = s.get("enterprise", "/user/applications?provider=nobody-at-all")
	require.Contains(t, body, "共有 0 行数据")

	s.enterpriseOnly("/user/applications", "district")
}

func TestApplicationFormShowsTheSlotsLimits(t *testing.T) {
	slots := attachment.DefaultSlots()
	for i := range slots {
		if slots[i].Name == attachment.SlotApplication {
			slots[i].Limit = 3 * attachment.MB
		}
	}
	s := newSite(t, func(o *voucherhttp.Options) { o.Slots = slots })
	id := s.applyFromOrders(s.placeOrder(true))
	status, _, body := s.get("enterprise", "/user/applications/"+id)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "组织机构代码证</label> <span class=\"hint\">小于1M, 限JPG/PNG/PDF格式")
	require.Contains(t, body, "合同、协议、报价单等意向性文件, 小于3M, 限JPG/PDF格式", "the limit comes from the slot")
	require.Contains(t, body, "创新券补贴支持合同金额最少4000元", "the minimum comes from the policy (Tianjin's 4000)")
	for _, want := range []string{"科技创新券申请表", "申请状态", "未提交", "审核意见", "企业信息", "天津测试科技有限公司", "项目信息",
		"订单编号", "合同起止时间", "预估合同金额", "申请创新券金额<br>(系统自动计算)", "科技创新活动描述", "相关附件上传",
		`value="save"`, `value="submit">申请</button>`, `value="calc"`, `src="/static/voucher.js"`} {
		require.Contains(t, body, want)
	}
	require.NotContains(t, body, "form.pdf", "a draft is not exported")

	s.people["other"] = voucher.Actor{ID: "u-other", Role: voucher.RoleEnterprise, Org: "ent-2", Name: "李四"}
	status, _, _ = s.get("other", "/user/applications/"+id)
	require.Equal(t, http.StatusNotFound, status, "another enterprise's application answers as missing")
	status, _, _ = s.get("provider", "/user/applications/"+id)
	require.Equal(t, http.StatusForbidden, status)
	status, loc, _ := s.get("", "/user/applications/"+id)
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "/login?next=")
	status, _, js := s.get("", "/static/voucher.js")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, js, "dataset.preview")
}

func TestApplicationFormSavesUploadsAndRefusesTypos(t *testing.T) {
	s := newSite(t)
	id := s.applyFromOrders(s.placeOrder(true))
	path := "/user/applications/" + id
	_, _, page := s.get("enterprise", path)
	before := s.app(id)

	bad := applicationFields(t, page)
	bad.Set("estimated_amount", "1万")
	status, _, body := s.multipart("enterprise", path, bad, nil)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="estimated_amount"`)
	require.Contains(t, body, `value="1万"`, "the typed value is kept")
	require.Contains(t, body, "委托检测新型传感器的性能。")
	require.Equal(t, before.Version, s.app(id).Version, "a refused save changes nothing")

	status, _, body = s.multipart("enterprise", path, applicationFields(t, page),
		map[string]file{voucher.SlotOrgCertificate + "_file": {"证书.txt", []byte("not a scan")}})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="org_certificate_file"`, "the upload's problem names its input")
	require.Equal(t, before.Version, s.app(id).Version)

	v := applicationFields(t, page)
	v.Set("op", "save")
	files := map[string]file{voucher.SlotOrgCertificate + "_file": {"证书.pdf", samplePDF()},
		voucher.SlotApplication + "_file": {"报价单.pdf", samplePDF()}}
	for range 2 { // a double click: one save, one upload each
		status, loc, body := s.multipart("enterprise", path, v, files)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.True(t, strings.HasPrefix(loc, path+"?done="), loc)
	}
	app := s.app(id)
	require.Equal(t, before.Version+1, app.Version)
	require.Equal(t, "10000.00", app.Form.Estimated.String())
	require.Equal(t, "证书.pdf", app.Form.OrgCertificate.Name)
	require.Len(t, app.Form.Attachments, 1)

	_, _, page = s.get("enterprise", path+"?done=saved")
	require.Contains(t, page, "已保存")
	require.Contains(t, page, "证书.pdf")
	drop := applicationFields(t, page)
	drop.Set("drop", app.Form.Attachments[0].ID)
	status, _, body = s.multipart("enterprise", path, drop, nil)
	require.Equal(t, http.StatusSeeOther, status, body)
	app = s.app(id)
	require.Empty(t, app.Form.Attachments, "删除 took the file off the form")
	require.Equal(t, "证书.pdf", app.Form.OrgCertificate.Name, "and left the others")

	status, _, _ = s.multipart("provider", path, drop, nil)
	require.Equal(t, http.StatusForbidden, status)
	s.people["other"] = voucher.Actor{ID: "u-other", Role: voucher.RoleEnterprise, Org: "ent-2"}
	status, _, _ = s.multipart("other", path, drop, nil)
	require.Equal(t, http.StatusNotFound, status)
	require.Equal(t, app.Version, s.app(id).Version)
}

// amountShown is 申请创新券金额 as a page shows it.
func amountShown(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<output id="amount"[^>]*>([^<]*)</output>`).FindStringSubmatch(page)
	require.NotNil(t, m, page)
	return m[1]
}

func TestApplicationCalculatesThenSubmitsThatAmount(t *testing.T) {
	s := newSite(t)
	id := s.applyFromOrders(s.placeOrder(true))
	path := "/user/applications/" + id
	cert := s.upload("enterprise", voucher.SlotOrgCertificate, "证书.pdf", samplePDF())
	quote := s.upload("enterprise", voucher.SlotApplication, "报价单.pdf", samplePDF())
	_, _, page := s.get("enterprise", path)

	v := applicationFields(t, page)
	v.Set("cert", refString(cert))
	v.Add("attachment", refString(quote))
	v.Set("estimated_amount", "9,099")
	v.Set("op", "calc")
	status, _, body := s.multipart("enterprise", path, v, nil)
	require.Equal(t, http.StatusOK, status, body)
	shown := amountShown(t, body)
	require.Equal(t, "4549.50", shown)
	require.Equal(t, int64(1), s.app(id).Version, "计算 stores nothing")

	var preview struct {
		Amount cxq.Money `json:"amount"`
		Known  bool      `json:"known"`
	}
	s.ok("enterprise", "POST", "/api/applications/"+id+"/preview", map[string]any{"estimated_amount": "9,099.00"}, &preview)
	require.True(t, preview.Known)
	require.Equal(t, shown, preview.Amount.String())
	status, _ = s.do("other-nobody", "POST", "/api/applications/"+id+"/preview", map[string]any{"estimated_amount": "1"})
	require.Equal(t, http.StatusUnauthorized, status)
	status, _ = s.do("enterprise", "POST", "/api/applications/"+id+"/preview", map[string]any{"estimated_amount": "x"})
	require.Equal(t, http.StatusBadRequest, status)
	s.people["other"] = voucher.Actor{ID: "u-other", Role: voucher.RoleEnterprise, Org: "ent-2"}
	status, _ = s.do("other", "POST", "/api/applications/"+id+"/preview", map[string]any{"estimated_amount": "9099"})
	require.Equal(t, http.StatusNotFound, status, "another enterprise's application answers as missing")
	_, doc := s.do("", "GET", "/api/openapi.json", nil)
	require.Contains(t, string(doc), "/api/applications/{id}/preview")

	incomplete := applicationFields(t, body)
	incomplete.Set("estimated_amount", "9,099")
	incomplete.Set("activity", "")
	incomplete.Set("op", "submit")
	status, _, body = s.multipart("enterprise", path, incomplete, nil)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="activity"`)
	require.Equal(t, int64(1), s.app(id).Version, "a refused submission changes nothing")

	v = applicationFields(t, body)
	v.Set("estimated_amount", "9,099")
	v.Set("op", "submit")
	for range 2 {
		status, loc, body := s.multipart("enterprise", path, v, nil)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.Equal(t, path+"?done=submitted", loc)
	}
	app := s.app(id)
	require.Equal(t, "待区初审", s.svc.ApplicationStatus(app).ZH)
	require.Equal(t, shown, app.Amount.String(), "what the page calculated is what was submitted")
	require.Equal(t, int64(3), app.Version, "one save and one submission")

	_, _, page = s.get("enterprise", path+"?done=submitted")
	require.Contains(t, page, "待区初审")
	require.Contains(t, page, shown)
	require.Contains(t, page, `href="/api/applications/`+id+`/form.pdf?page=1">导出</a>`)
	require.NotContains(t, page, `name="estimated_amount"`, "a submitted form is read-only")
}

// refString encodes ref as the pages post it back.
func refString(r voucher.AttachmentRef) string {
	return r.ID + " " + r.SHA256 + " " + itoa(r.Size) + " " + r.Name
}

func TestApplicationShowsOpinionsAndWithdraws(t *testing.T) {
	s := newSite(t)
	f := apiFlowApproved(t, s)
	path := "/user/applications/" + f
	_, _, page := s.get("enterprise", path)
	require.Contains(t, page, "复审通过")
	require.Contains(t, page, "专业机构复审")
	require.Contains(t, page, "材料齐全，同意。", "the reviewers' opinions are shown")
	require.Contains(t, page, "<tr><td>区初审</td>", "a decision without an opinion is listed too")

	id := s.applyFromOrders(s.placeOrder(true))
	path = "/user/applications/" + id
	_, _, page = s.get("enterprise", path)
	require.Contains(t, page, ">撤回</button>")
	v := url.Values{"key": {hidden(t, page, "key") + "-w"}, "version": {"1"}}
	for range 2 {
		status, loc, body := s.form("enterprise", path+"/withdraw", v)
		require.Equal(t, http.StatusSeeOther, status, body)
		require.Equal(t, path+"?done=withdrawn", loc)
	}
	require.Equal(t, "已撤回", s.svc.ApplicationStatus(s.app(id)).ZH)
	status, _, body := s.form("enterprise", path+"/withdraw", url.Values{"key": {"another"}, "version": {"1"}})
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, body, "未能完成操作")
}
