package voucherhttp_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReviewQueueIsLongestWaitingFirst(t *testing.T) {
	s := newSite(t)
	older := submittedApplication(t, s)
	s.now = s.now.Add(time.Hour)
	newer := submittedApplication(t, s)
	_, html := s.page("district", "/review/")
	sec := section(t, html, "applications-district_review")
	require.Contains(t, sec, "（2 件）")
	i, j := strings.Index(sec, older.ID), strings.Index(sec, newer.ID)
	require.True(t, i >= 0 && j >= 0 && i < j, "the one waiting longer comes first")
	require.Contains(t, sec, "2026-03-02 10:00", "等待自 the newer one's submission")
}

func TestReviewQueueListsWhatAwaitsThePerson(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	draft := draftApplication(t, s)

	_, html := s.page("district", "/review/")
	first := section(t, html, "applications-district_review")
	require.Contains(t, first, "区初审")
	require.Contains(t, first, "（1 件）")
	require.Contains(t, first, "/review/applications/"+a.ID)
	require.Contains(t, first, "天津测试科技有限公司")
	require.Contains(t, first, s.product.Name)
	require.Contains(t, first, "4000.00")
	require.NotContains(t, html, draft.ID, "a draft awaits nobody")
	require.Contains(t, section(t, html, "redemptions-district_review"), "区科技主管部门初审", "stage labels come from the workflow")
	require.NotContains(t, html, `id="applications-professional_review"`, "the district sees its own stages only")

	_, html = s.page("professional", "/review/")
	require.NotContains(t, section(t, html, "applications-professional_review"), a.ID)
	require.NotContains(t, html, `id="applications-district_review"`)

	s.ok("district", "POST", "/api/applications/"+a.ID+"/review", map[string]any{"action": "approve"}, nil)
	_, html = s.page("district", "/review/")
	require.NotContains(t, section(t, html, "applications-district_review"), a.ID, "approved, it awaits the district no more")
	_, html = s.page("office", "/review/")
	second := section(t, html, "applications-professional_review")
	require.Contains(t, second, a.ID, "the office sees every review stage")
	require.Contains(t, second, "尚未分配专业机构复审审核人")
	require.Contains(t, section(t, html, "applications-district_review"), "（0 件）")
	require.NotContains(t, section(t, html, "applications-professional_review"), draft.ID)

	_, html = s.page("professional", "/review/")
	require.NotContains(t, section(t, html, "applications-professional_review"), a.ID, "not assigned yet")
	s.ok("office", "POST", "/api/applications/"+a.ID+"/assign", map[string]any{"stage": "professional_review", "reviewer": "u-pro"}, nil)
	_, html = s.page("professional", "/review/")
	require.Contains(t, section(t, html, "applications-professional_review"), a.ID)
	_, html = s.page("expert", "/review/")
	require.NotContains(t, html, a.ID)

	status, html := s.page("enterprise", "/review/")
	require.Equal(t, http.StatusOK, status)
	require.NotContains(t, html, a.ID, "the enterprise has no queue")
	require.Contains(t, html, "您没有需要审核的事项")
}

func TestCasePageShowsOnlyAllowedActions(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	status, html := s.page("district", "/review/applications/"+a.ID)
	require.Equal(t, http.StatusOK, status, html)
	require.Equal(t, []string{"approve", "return", "reject"}, buttons(html))
	for _, want := range []string{"审核通过", "退回修改", "不予支持", "待区初审", "张三", "13800138000", "委托检测",
		"10000.00", "4000.00", "2026-03-01 至 2026-09-01", "证书.pdf", "退回修改、不予支持时必填", "export"} {
		require.Contains(t, html, want)
	}
	require.NotContains(t, html, "field.actual_amount", "the district sets no amount")

	for _, who := range []string{"enterprise", "office"} {
		status, html = s.page(who, "/review/applications/"+a.ID)
		require.Equal(t, http.StatusOK, status, who)
		require.Empty(t, buttons(html), who)
	}
	require.Contains(t, html, `name="stage" value="professional_review"`, "the office assigns")
	status, _ = s.page("professional", "/review/applications/"+a.ID)
	require.Equal(t, http.StatusNotFound, status, "not assigned: not found")

	red := expertRedemption(t, s)
	status, html = s.page("expert", "/review/redemptions/"+red.ID)
	require.Equal(t, http.StatusOK, status, html)
	require.Equal(t, []string{"approve", "return", "reject"}, buttons(html))
	require.Contains(t, html, `name="field.actual_amount"`)
	require.Contains(t, html, "实际兑现金额")
	require.Contains(t, html, "新型传感器性能检测技术服务合同")
	require.Contains(t, html, "发票.pdf")
	require.Contains(t, html, "1200000000")
	require.Contains(t, html, "市级形式审查受理")
	require.Contains(t, html, "/api/redemptions/"+red.ID+"/form.pdf?page=1", "the expert stage exports")
	_, html = s.page("district", "/review/redemptions/"+red.ID)
	require.Empty(t, buttons(html), "the district's stage is behind it")
	require.Contains(t, html, "区科技主管部门初审")
	require.Contains(t, html, "河西区科委", "the history names who acted")
}

func TestReturnWithoutOpinionChangesNothing(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	_, html := s.page("district", "/review/applications/"+a.ID)
	form := decision(t, html, "return")
	status, _, body := s.form("district", "/review/applications/"+a.ID, form)
	require.Equal(t, http.StatusBadRequest, status, body)
	require.Contains(t, body, `data-code="required" data-field="opinion"`)
	require.Equal(t, []string{"approve", "return", "reject"}, buttons(body), "the page is shown again")
	got := s.application(a.ID)
	require.Equal(t, "district_review", string(got.State()))
	require.Equal(t, a.Version, got.Version)

	form = decision(t, body, "return")
	form.Set("opinion", "合同金额与报价单不符")
	status, loc, body := s.form("district", "/review/applications/"+a.ID, form)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, "/review/?done=reviewed", loc)
	got = s.application(a.ID)
	require.Equal(t, "returned", string(got.State()))
	_, html = s.page("office", "/review/applications/"+a.ID)
	require.Contains(t, html, "合同金额与报价单不符")
}

func TestApproveThroughThePage(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	_, html := s.page("district", "/review/applications/"+a.ID)
	status, loc, body := s.form("district", "/review/applications/"+a.ID, decision(t, html, "approve"))
	require.Equal(t, http.StatusSeeOther, status, body)
	_, html = s.page("district", loc)
	require.Contains(t, html, "审核意见已提交。")
	got := s.application(a.ID)
	require.Equal(t, "professional_review", string(got.State()))
	require.Len(t, got.Case.History, 2)

	_, html = s.page("office", "/review/applications/"+a.ID)
	require.Contains(t, html, "待专业机构复审")
	i := strings.Index(html, "审核记录")
	require.Greater(t, i, 0)
	hist := html[i:]
	for _, want := range []string{"填写申请", "申请", "张三", "区初审", "审核通过", "河西区科委", "2026-03-02 09:00"} {
		require.Contains(t, hist, want)
	}
}

func TestExpertSetsTheActualAmountThroughThePage(t *testing.T) {
	s := newSite(t)
	red := expertRedemption(t, s)
	_, html := s.page("expert", "/review/redemptions/"+red.ID)
	form := decision(t, html, "approve")
	form.Set("field.actual_amount", "999999.00")
	status, _, body := s.form("expert", "/review/redemptions/"+red.ID, form)
	require.Equal(t, http.StatusBadRequest, status, "above the claim: %s", body)
	require.Contains(t, body, `value="999999.00"`, "the amount is shown again")
	require.Equal(t, "expert_review", string(s.redemption(red.ID).State()))

	form = decision(t, body, "approve")
	form.Set("field.actual_amount", "4000.00")
	form.Set("field.other", "1")
	status, _, body = s.form("expert", "/review/redemptions/"+red.ID, form)
	require.Equal(t, http.StatusSeeOther, status, body)
	got := s.redemption(red.ID)
	require.Equal(t, "approved", string(got.State()))
	require.Equal(t, "4000.00", got.Actual.String())
	_, html = s.page("office", "/review/redemptions/"+red.ID)
	require.Contains(t, html, "实际兑现金额：4000.00")
	require.Contains(t, html, "评审通过")
}

func TestOfficeAssignsThroughThePage(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	_, html := s.page("office", "/review/applications/"+a.ID)
	require.Contains(t, html, `<option value="u-pro">专业机构乙</option>`)
	require.NotContains(t, html, `<option value="u-expert">`, "only people of the stage's role are offered")
	form := url.Values{"key": {formValue(t, html, "key", "-assign-professional_review")}, "version": {formValue(t, html, "version", "")},
		"stage": {"professional_review"}, "reviewer": {"u-expert"}}
	status, _, body := s.form("office", "/review/applications/"+a.ID+"/assign", form)
	require.Equal(t, http.StatusBadRequest, status, body)
	require.Contains(t, body, `data-code="unknown_reviewer"`)
	require.Empty(t, s.application(a.ID).Assignments)

	form = url.Values{"key": {formValue(t, body, "key", "-assign-professional_review")}, "version": {formValue(t, body, "version", "")},
		"stage": {"professional_review"}, "reviewer": {"u-pro"}}
	status, loc, body := s.form("office", "/review/applications/"+a.ID+"/assign", form)
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, "/review/applications/"+a.ID+"?done=assigned", loc)
	assigned := s.application(a.ID)
	require.Equal(t, "u-pro", string(assigned.Assignments["professional_review"]))
	status, _, body = s.form("office", "/review/applications/"+a.ID+"/assign", form)
	require.Equal(t, http.StatusSeeOther, status, "the same rendering posted again: %s", body)
	require.Equal(t, assigned.Version, s.application(a.ID).Version, "one assignment")
	_, html = s.page("office", loc)
	require.Contains(t, html, "审核人已分配。")
	require.Contains(t, html, `<span id="assignee-professional_review">专业机构乙</span>`)
	require.Contains(t, html, `<option value="u-pro" selected>`)
	status, _ = s.page("professional", "/review/applications/"+a.ID)
	require.Equal(t, http.StatusOK, status, "assigned, the reviewer sees the case")

	status, _, body = s.form("district", "/review/applications/"+a.ID+"/assign", url.Values{"stage": {"professional_review"},
		"reviewer": {"u-pro"}, "version": {"1"}})
	require.Equal(t, http.StatusForbidden, status, "only the office assigns: %s", body)
}

func TestOfficeTypesTheReviewerWithoutAList(t *testing.T) {
	s := newSite(t, withoutReviewerList)
	a := submittedApplication(t, s)
	_, html := s.page("office", "/review/applications/"+a.ID)
	require.Contains(t, html, `<input id="reviewer-professional_review" name="reviewer"`)
	status, _, body := s.form("office", "/review/applications/"+a.ID+"/assign", url.Values{"key": {"page-typed"},
		"stage": {"professional_review"}, "reviewer": {" u-pro "}, "version": {formValue(t, html, "version", "")}})
	require.Equal(t, http.StatusSeeOther, status, body)
	require.Equal(t, "u-pro", string(s.application(a.ID).Assignments["professional_review"]))
}

func TestAttachmentLinksDownload(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	_, html := s.page("district", "/review/applications/"+a.ID)
	link := "/api/applications/" + a.ID + "/files/" + a.Form.OrgCertificate.ID + "?page=1"
	require.Contains(t, html, `href="`+strings.ReplaceAll(link, "&", "&amp;")+`"`)
	req, err := http.NewRequest("GET", s.srv.URL+link, nil)
	require.NoError(t, err)
	req.Header.Set("X-Test-Person", "district")
	resp, err := s.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.True(t, strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment"), resp.Header.Get("Content-Disposition"))
	require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, samplePDF(), body)
}

func TestAnotherDistrictGetsNotFound(t *testing.T) {
	s := newSite(t, withOtherDistrict)
	a := submittedApplication(t, s)
	status, html := s.page("nankai", "/review/applications/"+a.ID)
	require.Equal(t, http.StatusNotFound, status)
	require.NotContains(t, html, "委托检测")
	_, html = s.page("district", "/review/applications/"+a.ID)
	status, _, body := s.form("nankai", "/review/applications/"+a.ID, decision(t, html, "approve"))
	require.Equal(t, http.StatusNotFound, status, body)
	require.Equal(t, "district_review", string(s.application(a.ID).State()))
	_, html = s.page("nankai", "/review/")
	require.NotContains(t, html, a.ID)
	status, _ = s.page("nankai", "/api/applications/"+a.ID+"/files/"+a.Form.OrgCertificate.ID+"?page=1")
	require.Equal(t, http.StatusNotFound, status)
}

func TestDoubleDecisionHasOneEffect(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	_, html := s.page("district", "/review/applications/"+a.ID)
	form := decision(t, html, "approve")
	for i := 0; i < 2; i++ {
		status, _, body := s.form("district", "/review/applications/"+a.ID, form)
		require.Equal(t, http.StatusSeeOther, status, "post %d: %s", i+1, body)
	}
	got := s.application(a.ID)
	require.Len(t, got.Case.History, 2, "submit and one approval")
	require.Equal(t, a.Version+1, got.Version)

	form.Set("key", "page-fresh")
	status, _, body := s.form("district", "/review/applications/"+a.ID, form)
	require.Equal(t, http.StatusConflict, status, "a new rendering's key is a new decision: %s", body)
}

func TestEnterpriseCannotReviewThroughThePages(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	_, html := s.page("district", "/review/applications/"+a.ID)
	status, _, body := s.form("enterprise", "/review/applications/"+a.ID, decision(t, html, "approve"))
	require.Equal(t, http.StatusForbidden, status, body)
	require.Contains(t, body, `data-code="forbidden"`)
	require.Equal(t, "district_review", string(s.application(a.ID).State()))
	status, _ = s.page("district", "/review/widgets/"+a.ID)
	require.Equal(t, http.StatusNotFound, status)
}
