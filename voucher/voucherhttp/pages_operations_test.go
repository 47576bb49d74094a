package voucherhttp_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestReturnPageAtOnce: an approved voucher's page offers 退券; the 退券 page shows what
// the return does before it is confirmed; a return without a reason is refused with its
// reason in words; a confirmed one takes effect at once, after which the page says why
// the voucher cannot be returned again.
func TestReturnPageAtOnce(t *testing.T) {
	s := newSite(t)
	id := apiFlowApproved(t, s)
	_, body := s.page("enterprise", "/user/applications/"+id)
	require.Contains(t, body, `id="return-link"`)

	status, body := s.page("enterprise", "/user/applications/"+id+"/return")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "确认后立即生效")
	require.Contains(t, body, "在使用期限前退券不计为未使用，不影响今后申请创新券")
	app := s.app(id)
	require.Contains(t, body, "退回创新券金额 "+app.Amount.String()+" 元")

	v := url.Values{"key": {"k-r1"}, "version": {strconv.FormatInt(app.Version, 10)}}
	status, _, body = s.form("enterprise", "/user/applications/"+id+"/return", v)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "退券原因不能为空")
	v.Set("key", "k-r2")
	v.Set("reason", "项目取消")
	status, loc, _ := s.form("enterprise", "/user/applications/"+id+"/return", v)
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=returned")

	_, body = s.page("enterprise", loc[strings.Index(loc, "/user/"):])
	require.Contains(t, body, "已退券，创新券金额已退回。")
	require.Contains(t, body, `id="return-refusals"`)
	require.Contains(t, body, "创新券已退回或已收回，不能退券")
	require.Contains(t, body, "项目取消")
	require.Equal(t, voucher.EndedReturned, s.app(id).Ended)
	status, b := s.do("enterprise", "GET", "/api/applications/"+id+"/return", nil)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, string(b), `"code":"return_ended"`)
}

// reviewedSite runs the tianjin policy with returns the office reviews and which cost
// the next claim year.
func reviewedSite(t *testing.T) *site {
	p := policy.Tianjin()
	p.Usage.Return = policy.ReturnRules{Review: true, Ban: policy.NextYear}
	reg, err := policy.NewRegistry(p)
	require.NoError(t, err)
	return newSiteOf(t, voucher.Programme{Policies: reg, Policy: p.ID,
		ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()})
}

// TestReturnPagesUnderReview: the preview says the office must approve and which year
// the return costs; the office's 退券审核 lists the request, refuses a refusal without a
// note, and approves it; nobody else may open it.
func TestReturnPagesUnderReview(t *testing.T) {
	s := reviewedSite(t)
	id := apiFlowApproved(t, s)
	_, body := s.page("enterprise", "/user/applications/"+id+"/return")
	require.Contains(t, body, "须经创新券管理办公室审核同意后生效")
	require.Contains(t, body, "退券后 2027 年不得申请创新券")
	v := url.Values{"key": {"k-r1"}, "version": {strconv.FormatInt(s.app(id).Version, 10)}, "reason": {"项目终止"}}
	status, loc, _ := s.form("enterprise", "/user/applications/"+id+"/return", v)
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=return_requested")

	status, body = s.page("enterprise", "/review/returns")
	require.Equal(t, http.StatusForbidden, status)
	require.Contains(t, body, "此页面仅供创新券管理办公室使用")
	status, body = s.page("office", "/review/returns")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, id)
	require.Contains(t, body, "项目终止")
	require.Contains(t, body, `href="/review/returns"`, "the office's menu names 退券审核")
	var rs []voucher.Return
	s.ok("office", "GET", "/api/returns?state=requested", nil, &rs)
	require.Len(t, rs, 1)
	d := url.Values{"key": {"k-d1"}, "version": {strconv.FormatInt(rs[0].Version, 10)}, "op": {"refuse"}}
	status, _, body = s.form("office", "/review/returns/"+rs[0].ID, d)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "审核意见不能为空")
	d.Set("key", "k-d2")
	d.Set("op", "approve")
	status, loc, _ = s.form("office", "/review/returns/"+rs[0].ID, d)
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=decided")
	_, body = s.page("office", "/review/returns?state=approved")
	require.Contains(t, body, "return-"+rs[0].ID)
	require.Equal(t, voucher.EndedReturned, s.app(id).Ended)
	status, _ = s.page("office", "/review/returns?state=nope")
	require.Equal(t, http.StatusBadRequest, status)
}

// TestSanctionPages: the office adds a freeze on the 处理名单 page (refused without its
// end), the enterprise's order is then refused with the sanction in words, and lifting
// it lets the order through.
func TestSanctionPages(t *testing.T) {
	s := newSite(t)
	status, body := s.page("office", "/review/sanctions")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, `id="sanction-form"`)
	v := url.Values{"key": {"k-s1"}, "party": {"enterprise"}, "party_id": {testEnterprise}, "kind": {"freeze"}, "basis": {"津科规〔2023〕3号"}}
	status, _, body = s.form("office", "/review/sanctions", v)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "冻结截止时间不能为空")
	v.Set("key", "k-s2")
	v.Set("until", "2026-03-31")
	status, loc, _ := s.form("office", "/review/sanctions", v)
	require.Equal(t, http.StatusSeeOther, status, loc)
	require.Contains(t, loc, "done=sanctioned")

	order := map[string]any{"product_id": s.product.ID, "client": map[string]any{"name": "天津测试科技有限公司", "contact": "张三", "phone": "13800138000"}}
	status, b := s.do("enterprise", "POST", "/api/orders", order)
	require.Equal(t, http.StatusForbidden, status)
	require.Contains(t, string(b), `"code":"sanctioned"`)
	require.Contains(t, string(b), "企业已被冻结（2026-03-02 至 2026-03-31，依据：津科规〔2023〕3号）")
	status, _ = s.do("enterprise", "POST", "/api/sanctions", map[string]any{"party": "enterprise", "party_id": "x", "kind": "blacklist", "basis": "x"})
	require.Equal(t, http.StatusForbidden, status)
	var mine []voucher.Sanction
	s.ok("enterprise", "GET", "/api/sanctions", nil, &mine)
	require.Len(t, mine, 1, "the enterprise sees the sanction on itself")

	_, body = s.page("office", "/review/sanctions")
	require.Contains(t, body, "sanction-"+mine[0].ID)
	require.Contains(t, body, "生效中")
	l := url.Values{"key": {"k-l1"}, "version": {strconv.FormatInt(mine[0].Version, 10)}, "reason": {"复议撤销"}}
	status, loc, _ = s.form("office", "/review/sanctions/"+mine[0].ID+"/lift", l)
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=lifted")
	_, body = s.page("office", "/review/sanctions")
	require.Contains(t, body, "已解除")
	s.ok("enterprise", "POST", "/api/orders", order, nil)
}

// TestOperationsAPIMatchesOpenAPI walks 退券 under review and a sanction over the JSON
// API, and checks every answer (refusals included) against the OpenAPI document.
func TestOperationsAPIMatchesOpenAPI(t *testing.T) {
	s := reviewedSite(t)
	rc := s.recorded()
	id := apiFlowApproved(t, s)
	rc.seen = nil

	var e policy.ReturnEffect
	s.ok("enterprise", "GET", "/api/applications/"+id+"/return", nil, &e)
	require.True(t, e.Review)
	require.Equal(t, policy.CodeReturnBan, e.Effect.Code)
	s.do("enterprise", "POST", "/api/applications/"+id+"/return", map[string]any{})
	var r voucher.Return
	s.ok("enterprise", "POST", "/api/applications/"+id+"/return", map[string]any{"reason": "项目终止"}, &r)
	require.Equal(t, voucher.ReturnRequested, r.State)
	s.do("enterprise", "GET", "/api/applications/"+id+"/return", nil)
	s.do("enterprise", "POST", "/api/returns/"+r.ID+"/decide", map[string]any{"approve": true})
	s.ok("office", "GET", "/api/returns?state=requested", nil, nil)
	s.do("office", "GET", "/api/returns?state=nope", nil)
	s.ok("office", "POST", "/api/returns/"+r.ID+"/decide", map[string]any{"approve": true, "version": r.Version}, &r)
	require.Equal(t, voucher.ReturnApproved, r.State)
	s.do("office", "POST", "/api/returns/"+r.ID+"/decide", map[string]any{"approve": true})
	s.ok("enterprise", "GET", "/api/returns", nil, nil)

	var sa voucher.Sanction
	s.do("office", "POST", "/api/sanctions", map[string]any{"party": "enterprise", "party_id": "nobody", "kind": "blacklist", "basis": "x"})
	s.ok("office", "POST", "/api/sanctions", map[string]any{"party": "controller", "party_id": "C1", "kind": "blacklist",
		"basis": "失信被执行人"}, &sa)
	s.ok("office", "GET", "/api/sanctions?state=active", nil, nil)
	s.ok("office", "POST", "/api/sanctions/"+sa.ID+"/lift", map[string]any{"reason": "已履行", "version": sa.Version}, &sa)
	require.Equal(t, voucher.SanctionLifted, sa.State)
	s.do("office", "POST", "/api/sanctions/"+sa.ID+"/lift", map[string]any{"reason": "again"})
	covered := checkAnswers(t, s, rc)
	for _, route := range []string{"GET /api/applications/{id}/return", "POST /api/applications/{id}/return", "GET /api/returns",
		"POST /api/returns/{id}/decide", "GET /api/sanctions", "POST /api/sanctions", "POST /api/sanctions/{id}/lift"} {
		require.True(t, covered[route], route)
	}
}
