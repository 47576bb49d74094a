package voucherhttp_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// noticeSite is a site under the tianjin policy with a 7-day public notice.
func noticeSite(t *testing.T, opts ...func(*voucherhttp.Options)) *site {
	p := policy.Tianjin()
	p.Notice = policy.Notice{Days: 7, Columns: []policy.Column{policy.ColumnEnterprise, policy.ColumnProduct, policy.ColumnAmount}}
	return newSiteUnder(t, &p, opts...)
}

// TestNoticeAPI: the office publishes the redemption that passed review; anyone reads
// the list (without case IDs) and its PDF and objects to an entry; after the period the
// office closes it and the objected redemption is held, then decided.
func TestNoticeAPI(t *testing.T) {
	s := noticeSite(t)
	rc := s.recorded()
	f := apiFlow(t, s)
	require.Equal(t, voucher.PayoutAwaiting, f.red.Payout.State, "passed review, not yet paid")

	var awaiting []struct{ ID string }
	s.ok("office", "GET", "/api/notices/awaiting", nil, &awaiting)
	require.Len(t, awaiting, 1)
	status, _ := s.do("enterprise", "POST", "/api/notices", map[string]any{"redemptions": []string{f.red.ID}})
	require.Equal(t, http.StatusForbidden, status)
	var pub voucher.Publication
	s.ok("office", "POST", "/api/notices", map[string]any{"redemptions": []string{f.red.ID}}, &pub)
	require.Equal(t, f.red.ID, pub.Entries[0].Case)

	var public voucher.Publication
	s.ok("", "GET", "/api/notices/"+pub.ID, nil, &public)
	require.Empty(t, public.Entries[0].Case)
	require.Equal(t, "天津测试科技有限公司", public.Entries[0].Enterprise)
	require.Equal(t, pub.Hash, public.ListHash())
	status, pdf := s.do("", "GET", "/api/notices/"+pub.ID+"/list.pdf", nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "%PDF", string(pdf[:4]))

	var receipt map[string]any
	s.ok("", "POST", "/api/notices/"+pub.ID+"/objections", map[string]any{"entry": 1, "text": "金额有误。", "contact": "13900000000"}, &receipt)
	require.NotContains(t, receipt, "case")
	status, _ = s.do("enterprise", "GET", "/api/notices/"+pub.ID+"/objections", nil)
	require.Equal(t, http.StatusForbidden, status)
	status, body := s.do("office", "POST", "/api/notices/"+pub.ID+"/close", map[string]any{})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, string(body), `"code":"notice_open"`)

	s.now = pub.Until
	status, body = s.do("", "POST", "/api/notices/"+pub.ID+"/objections", map[string]any{"entry": 1, "text": "迟到。"})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, string(body), `"code":"notice_closed"`)
	var closed voucher.Publication
	s.ok("office", "POST", "/api/notices/"+pub.ID+"/close", map[string]any{"version": pub.Version}, &closed)
	require.Equal(t, 1, closed.Held)
	var red struct {
		Payout voucher.Payout `json:"payout"`
	}
	s.ok("office", "POST", "/api/redemptions/"+f.red.ID+"/held", map[string]any{"pay": true, "opinion": "经核实异议不成立。"}, &red)
	require.Equal(t, voucher.PayoutPaid, red.Payout.State)
	s.ok("", "GET", "/api/notices", nil, nil)
	s.ok("office", "GET", "/api/notices/"+pub.ID+"/objections", nil, nil)
	covered := checkAnswers(t, s, rc)
	for _, op := range []string{"POST /api/notices", "GET /api/notices/{id}", "POST /api/notices/{id}/objections",
		"POST /api/notices/{id}/close", "POST /api/redemptions/{id}/held", "GET /api/notices/awaiting"} {
		require.True(t, covered[op], "%s answered as documented", op)
	}
}

// TestNoticePages: the office publishes from its page; the public list and page show the
// entries, the hash and the objection form without a sign-in, never a phone number; an
// objection from the page is taken; the office sees it with the contact and closes the
// list from the page after the period.
func TestNoticePages(t *testing.T) {
	s := noticeSite(t)
	f := apiFlow(t, s)
	status, html := s.page("office", "/review/notices")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, `value="`+f.red.ID+`"`)
	require.Contains(t, html, "公示管理")
	status, loc, _ := s.form("office", "/review/notices", url.Values{"key": {"p1"}, "redemption": {f.red.ID}})
	require.Equal(t, http.StatusSeeOther, status, loc)
	require.Contains(t, loc, "/notices/GS")
	id := strings.TrimPrefix(strings.Split(loc, "?")[0], "/notices/")
	_, html = s.page("enterprise", "/user/redemptions/"+f.red.ID)
	require.Contains(t, html, "公示中", "the enterprise sees where its payout stands")

	status, html = s.page("", "/notices")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, id)
	status, html = s.page("", "/notices/"+id)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, "天津测试科技有限公司")
	require.Contains(t, html, `id="object"`)
	require.NotContains(t, html, f.red.ID, "no case IDs in public")
	require.NotContains(t, html, "13800138000", "no phone numbers in public")
	pub, err := s.svc.Publication(t.Context(), s.people["office"], id)
	require.NoError(t, err)
	require.Contains(t, html, pub.Hash)

	status, _, html = s.form("", "/notices/"+id+"/object", url.Values{"key": {"o0"}, "entry": {"1"}, "text": {""}})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, html, `data-field="text"`)
	status, loc, _ = s.form("", "/notices/"+id+"/object", url.Values{"key": {"o1"}, "entry": {"1"}, "text": {"企业与服务机构有关联。"},
		"contact": {"13900000000"}})
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "done=objected")
	_, html = s.page("", "/notices/"+id)
	require.NotContains(t, html, "13900000000", "the objector's contact is not public")
	_, html = s.page("office", "/notices/"+id)
	require.Contains(t, html, "13900000000")
	require.NotContains(t, html, `id="close"`, "not before the period ends")

	s.now = pub.Until
	_, html = s.page("office", "/notices/"+id)
	require.Contains(t, html, `id="close"`)
	status, _, html = s.form("office", "/notices/"+id+"/close", url.Values{"key": {"c0"}})
	require.Equal(t, http.StatusBadRequest, status, "the page's version is required")
	require.Contains(t, html, `data-field="version"`)
	status, loc, _ = s.form("office", "/notices/"+id+"/close", url.Values{"key": {"c1"}, "version": {itoa(pub.Version)}})
	require.Equal(t, http.StatusSeeOther, status)
	_, html = s.page("office", "/review/notices")
	require.Contains(t, html, `id="held-`+f.red.ID+`"`)
	red, err := s.svc.Redemption(t.Context(), s.people["office"], f.red.ID)
	require.NoError(t, err)
	status, loc, _ = s.form("office", "/review/notices/held", url.Values{"key": {"d1"}, "id": {f.red.ID}, "version": {itoa(red.Version)},
		"decision": {"refuse"}, "opinion": {"异议成立。"}})
	require.Equal(t, http.StatusSeeOther, status, loc)
	red, err = s.svc.Redemption(t.Context(), s.people["office"], f.red.ID)
	require.NoError(t, err)
	require.Equal(t, voucher.PayoutRefused, red.Payout.State)
	_, html = s.page("enterprise", "/user/redemptions/"+f.red.ID)
	require.Contains(t, html, "公示异议成立，不予兑现")
	require.Contains(t, html, "管理办公室处理意见：异议成立。", "the enterprise sees why its payout was decided so")
}
