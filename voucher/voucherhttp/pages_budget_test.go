package voucherhttp_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestBudgetPageAndRefusal: the office sets 2026's budget on its page, the enterprise's
// claim above what is left is refused with the pool and the amount left, in JSON and on
// the page, and a refused form changes nothing.
func TestBudgetPageAndRefusal(t *testing.T) {
	s := newSite(t)
	status, html := s.page("office", "/office/budget?year=2026")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, "该年度尚未设置预算")

	status, _, html = s.form("office", "/office/budget", url.Values{"key": {"k1"}, "version": {"0"}, "year": {"2026"}, "total": {""}})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, html, "年度预算")
	_, html = s.page("office", "/office/budget?year=2026")
	require.Contains(t, html, "该年度尚未设置预算", "a refused form saved nothing")
	status, _, html = s.form("office", "/office/budget", url.Values{"key": {"k1t"}, "version": {"0"}, "year": {"2026"},
		"total": {"5000.00"}, "pool_id": {"hexi"}, "pool_label": {"河西区资金池"}, "pool_amount": {"2500.00"}, "pool_tier": {"x"}})
	require.Equal(t, http.StatusBadRequest, status, "a tier that is not a number is refused, not dropped")
	require.Contains(t, html, "档次应为整数")
	_, html = s.page("office", "/office/budget?year=2026")
	require.Contains(t, html, "该年度尚未设置预算")

	status, loc, _ := s.form("office", "/office/budget", url.Values{"key": {"k2"}, "version": {"0"}, "year": {"2026"},
		"total": {"5000.00"}, "pool_id": {"hexi", ""}, "pool_label": {"河西区资金池", ""}, "pool_district": {"河西区", ""},
		"pool_amount": {"2500.00", ""}, "pool_batch": {"", ""}, "pool_tier": {"", ""}})
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=saved")
	_, html = s.page("office", "/office/budget?year=2026")
	require.Contains(t, html, `<tr id="pool-hexi"><td>河西区资金池</td><td>2500.00</td><td>0.00</td><td>0.00</td><td class="left">2500.00</td></tr>`)

	app := draftApplication(t, s)
	status, body := s.do("enterprise", "POST", "/api/applications/"+app.ID+"/submit", map[string]any{})
	require.Equal(t, http.StatusForbidden, status, "%s", body)
	require.Contains(t, string(body), `"code":"pool_exhausted"`)
	require.Contains(t, string(body), "河西区资金池余额 2500.00 元，不足以支持本次申请的 4000.00 元")

	var v voucher.BudgetView
	s.ok("enterprise", "GET", "/api/budgets/2026", nil, &v)
	require.Equal(t, "2500.00", v.Pools[1].Left.String())
	status, _ = s.do("enterprise", "POST", "/api/budgets/2026", map[string]any{"budget": map[string]any{"total": "1.00"}})
	require.Equal(t, http.StatusForbidden, status)
	status, body = s.do("office", "POST", "/api/budgets/2026", map[string]any{"budget": map[string]any{"total": "9000.00"}})
	require.Equal(t, http.StatusBadRequest, status, "%s", body)
	require.Contains(t, string(body), `"field":"version"`, "replacing a budget names the version it replaces")
	require.Contains(t, string(body), `"code":"required"`)
	s.ok("office", "POST", "/api/budgets/2026", map[string]any{"version": v.Budget.Version, "budget": map[string]any{"total": "9000.00"}}, nil)
	s.ok("enterprise", "POST", "/api/applications/"+app.ID+"/submit", map[string]any{}, nil)
	s.ok("office", "GET", "/api/budgets/2026", nil, &v)
	require.Equal(t, "5000.00", v.Pools[0].Left.String(), "the claim holds 4000.00 of the total")
}

// TestExtendRoutes: the office's extension is served in JSON and from the case page;
// under Tianjin's policy (no usage deadlines) it is refused with its code, changing
// nothing, and the case page offers no 延期.
func TestExtendRoutes(t *testing.T) {
	s := newSite(t)
	app := submittedApplication(t, s)
	status, body := s.do("office", "POST", "/api/applications/"+app.ID+"/extend", map[string]any{"reason": "设备延误"})
	require.Equal(t, http.StatusBadRequest, status, "%s", body)
	require.Contains(t, string(body), `"code":"no_extension"`)
	status, body = s.do("enterprise", "POST", "/api/applications/"+app.ID+"/extend", map[string]any{"reason": "x"})
	require.Equal(t, http.StatusForbidden, status, "%s", body)
	_, html := s.page("office", "/review/applications/"+app.ID)
	require.NotContains(t, html, `id="extend"`)
	status, _, html = s.form("office", "/review/applications/"+app.ID+"/extend", url.Values{"key": {"k"}, "version": {strconv.FormatInt(app.Version, 10)}, "reason": {"x"}})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, html, "该政策不允许创新券延期")
	status, _, _ = s.form("office", "/review/redemptions/R1/extend", url.Values{"key": {"k"}, "version": {"1"}, "reason": {"x"}})
	require.Equal(t, http.StatusNotFound, status)
	require.Equal(t, app.Version, s.application(app.ID).Version, "nothing changed")
}

// TestWaitingListPages: under a budget with a waiting list, the enterprise whose claim
// the pool cannot hold joins it from its application, sees its position there and in
// JSON, and leaves it.
func TestWaitingListPages(t *testing.T) {
	s := newSite(t)
	status, _, _ := s.form("office", "/office/budget", url.Values{"key": {"k1"}, "version": {"0"}, "year": {"2026"},
		"total": {"1000.00"}, "waiting_list": {"1"}})
	require.Equal(t, http.StatusSeeOther, status)
	_, html := s.page("office", "/office/budget?year=2026")
	require.Contains(t, html, `name="waiting_list" value="1" checked`)

	app := draftApplication(t, s)
	status, body := s.do("enterprise", "POST", "/api/applications/"+app.ID+"/submit", map[string]any{})
	require.Equal(t, http.StatusForbidden, status, "%s", body)
	path := "/user/applications/" + app.ID
	_, html = s.page("enterprise", path)
	require.Contains(t, html, `id="join-waiting"`)
	status, loc, _ := s.form("enterprise", path+"/wait", url.Values{"key": {"w1"}, "version": {strconv.FormatInt(app.Version, 10)}})
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=waiting")
	_, html = s.page("enterprise", path)
	require.Contains(t, html, "本申请在候补名单第 1 位")
	var wv map[string]int
	s.ok("enterprise", "GET", "/api/applications/"+app.ID+"/wait", nil, &wv)
	require.Equal(t, 1, wv["position"])
	status, body = s.do("enterprise", "POST", "/api/applications/"+app.ID+"/submit", map[string]any{})
	require.Equal(t, http.StatusForbidden, status)
	require.Contains(t, string(body), "您在候补名单第 1 位")
	s.ok("enterprise", "POST", "/api/applications/"+app.ID+"/wait/leave", map[string]any{}, nil)
	s.ok("enterprise", "GET", "/api/applications/"+app.ID+"/wait", nil, &wv)
	require.Zero(t, wv["position"])
}

// TestExtendFromTheCasePage: under a policy with extensions, the office sees 延期 on an
// approved voucher's case page — as a form of its own, never among the decisions — and
// extending it moves the voucher's deadlines and takes the form away.
func TestExtendFromTheCasePage(t *testing.T) {
	p := policy.Tianjin()
	p.Version = "extend"
	p.Usage = policy.UsageRules{ValidMonths: 6, ExtensionMonths: 3}
	s := newSiteWith(t, siteSetup{policies: []policy.Policy{p}})
	app := submittedApplication(t, s)
	s.ok("district", "POST", "/api/applications/"+app.ID+"/review", map[string]any{"action": "approve"}, nil)
	s.ok("office", "POST", "/api/applications/"+app.ID+"/assign", map[string]any{"stage": "professional_review", "reviewer": "u-pro"}, nil)
	s.ok("professional", "POST", "/api/applications/"+app.ID+"/review", map[string]any{"action": "approve"}, nil)
	before := s.application(app.ID)
	path := "/review/applications/" + app.ID
	_, html := s.page("office", path)
	require.Contains(t, html, `id="extend"`)
	require.NotContains(t, html, `name="action" value="extend"`, "延期 is not a review decision")
	status, loc, _ := s.form("office", path+"/extend", url.Values{"key": {"x1"},
		"version": {strconv.FormatInt(before.Version, 10)}, "reason": {"设备到货延误"}})
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=extended")
	after := s.application(app.ID)
	require.NotNil(t, after.Extension)
	require.Equal(t, before.Standing.Deadlines[0].At.AddDate(0, 3, 0).Unix(), after.Standing.Deadlines[0].At.Unix())
	_, html = s.page("office", path)
	require.NotContains(t, html, `id="extend"`, "a voucher is extended once")
}
