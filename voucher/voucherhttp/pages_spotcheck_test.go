package voucherhttp_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// spotSite is a site whose policy (tianjin) spot-checks 20% of the redeemed cases every
// half year, with an expert who reviews nothing to inspect them.
func spotSite(t *testing.T) *site {
	p := policy.Tianjin()
	p.SpotCheck = &policy.SpotCheckRule{MinShare: cxq.Percent(20), Months: 6, By: policy.StrataDistrict}
	return newSiteWith(t, siteSetup{policies: []policy.Policy{p},
		people: map[string]voucher.Actor{"inspector": {ID: "u-insp", Role: voucher.RoleExpert, Name: "抽查专家丁"}}})
}

// TestSpotCheckPages: the office draws the half year's sample on its page (a share
// below the policy's refused), assigns an inspector (a reviewer of the case refused for
// a conflict of interest), the inspector records a failed finding with a clawback, and
// the enterprise sees it on its application; every JSON answer matches the OpenAPI
// document.
func TestSpotCheckPages(t *testing.T) {
	s := spotSite(t)
	rc := s.recorded()
	f := apiFlow(t, s)
	s.now = time.Date(2026, 7, 2, 9, 0, 0, 0, cxq.China())

	status, html := s.page("office", "/spotchecks/")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, `id="draw"`)
	require.Contains(t, html, `href="/spotchecks/"`, "the menu names the page")
	_, html = s.page("enterprise", "/user/orders")
	require.NotContains(t, html, `href="/spotchecks/"`)

	draw := url.Values{"key": {"d1"}, "period": {"2026H1"}, "seed": {"公开种子"}, "share": {"10%"}}
	status, _, html = s.form("office", "/spotchecks/", draw)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, html, "抽查比例须不低于 20%")
	draw.Set("key", "d2")
	draw.Del("share")
	status, loc, _ := s.form("office", "/spotchecks/", draw)
	require.Equal(t, http.StatusSeeOther, status)
	id := voucher.SpotCheckID(policy.PresetTianjin, "2026H1")
	require.Equal(t, "/spotchecks/"+id+"?done=drawn", loc)

	var c voucher.SpotCheck
	s.ok("office", "GET", "/api/spotchecks/"+id, nil, &c)
	require.Len(t, c.Entries, 1)
	require.Equal(t, f.red.ID, c.Entries[0].RedemptionID)
	status, html = s.page("office", "/spotchecks/"+id)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, `<option value="u-insp">抽查专家丁</option>`)

	assign := url.Values{"key": {"a1"}, "version": {"1"}, "redemption": {f.red.ID}, "inspector": {"u-pro"}}
	status, _, html = s.form("office", "/spotchecks/"+id+"/inspector", assign)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, html, "利害关系")
	s.ok("office", "POST", "/api/spotchecks/"+id+"/inspector", map[string]any{"redemption": f.red.ID, "inspector": "u-insp"}, &c)

	_, html = s.page("inspector", "/spotchecks/"+id)
	require.Contains(t, html, `name="result" value="failed"`)
	finding := url.Values{"key": {"f1"}, "version": {"2"}, "redemption": {f.red.ID}, "result": {"failed"},
		"text": {"发票与合同服务内容不符"}, "clawback": {"1,000.00"}}
	status, loc, _ = s.form("inspector", "/spotchecks/"+id+"/finding", finding)
	require.Equal(t, http.StatusSeeOther, status)
	require.Equal(t, "/spotchecks/"+id+"?done=finding", loc)

	_, html = s.page("enterprise", "/user/applications/"+f.app.ID)
	require.Contains(t, html, `id="findings"`)
	require.Contains(t, html, "发票与合同服务内容不符")
	require.Contains(t, html, "1000.00 元")
	require.NotContains(t, html, "u-insp", "the enterprise is not told who inspected")
	require.Equal(t, "1000.00", s.app(f.app.ID).Reclaimed.String())
	_, html = s.page("enterprise", "/user/redemptions/"+f.red.ID)
	require.Contains(t, html, `id="findings"`, "the redemption's page shows its finding too")
	require.Contains(t, html, "发票与合同服务内容不符")
	checkClawbackExported(t, s, f.app.ID, f.red.ID)
	var fs []voucher.SpotFinding
	s.ok("enterprise", "GET", "/api/applications/"+f.app.ID+"/findings", nil, &fs)
	require.Len(t, fs, 1)
	var mine []voucher.SpotCheck
	s.ok("enterprise", "GET", "/api/spotchecks", nil, &mine)
	require.Empty(t, mine)
	status, _ = s.do("enterprise", "GET", "/api/spotchecks/"+id, nil)
	require.Equal(t, http.StatusNotFound, status)
	s.ok("inspector", "GET", "/api/spotchecks", nil, &mine)
	require.Len(t, mine, 1)
	s.do("office", "POST", "/api/spotchecks", map[string]any{"period": "2026H1", "seed": "again"})
	status, b := s.do("inspector", "POST", "/api/spotchecks/"+id+"/finding", map[string]any{"redemption": f.red.ID, "result": "passed"})
	require.Equal(t, http.StatusBadRequest, status)
	require.True(t, strings.Contains(string(b), voucher.CodeFindingRecorded), "%s", b)

	covered := checkAnswers(t, s, rc)
	for _, r := range []string{"GET /api/spotchecks", "POST /api/spotchecks", "GET /api/spotchecks/{id}",
		"POST /api/spotchecks/{id}/inspector", "POST /api/spotchecks/{id}/finding", "GET /api/applications/{id}/findings"} {
		require.True(t, covered[r], r)
	}
}

// checkClawbackExported: after a clawback of 1000.00 on a 4000.00 redemption, the lists
// say what was paid and what was reclaimed: the application as paid 3000.00 with
// 1000.00 reclaimed, the redemption at its 实际兑现金额 with the same 1000.00 reclaimed.
func checkClawbackExported(t *testing.T, s *site, appID, redID string) {
	t.Helper()
	cell := func(rows [][]string, id, col string) string {
		i := slices.Index(rows[0], col)
		require.GreaterOrEqual(t, i, 0, "column %s in %v", col, rows[0])
		for _, r := range rows[1:] {
			if r[0] == id {
				return r[i]
			}
		}
		t.Fatalf("no row %s", id)
		return ""
	}
	_, _, b := s.fetch("office", "/api/applications.csv")
	apps := readCSV(t, b, false)
	require.Equal(t, "3000.00", cell(apps, appID, "已兑现(元)"))
	require.Equal(t, "1000.00", cell(apps, appID, "已追回(元)"))
	_, _, b = s.fetch("office", "/api/redemptions.csv")
	reds := readCSV(t, b, false)
	require.Equal(t, "4000.00", cell(reds, redID, "实际兑现金额(元)"))
	require.Equal(t, "1000.00", cell(reds, redID, "已追回(元)"))
}
