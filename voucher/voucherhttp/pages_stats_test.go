package voucherhttp_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/stats"
)

// fetch gets path as person and returns the status, the headers and the body.
func (s *site) fetch(person, path string) (int, http.Header, []byte) {
	s.t.Helper()
	req, err := http.NewRequest("GET", s.srv.URL+path, nil)
	require.NoError(s.t, err)
	req.Header.Set("X-Test-Person", person)
	resp, err := s.srv.Client().Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	return resp.StatusCode, resp.Header, b
}

// TestStatisticsAfterTheFlow: after one application and its redemption went through,
// the office's figures count them exactly, reconcile, and lead to their records; an
// enterprise sees no figures.
func TestStatisticsAfterTheFlow(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	var rep stats.Report
	s.ok("office", "GET", "/api/statistics", nil, &rep)
	require.NoError(t, rep.Check())
	apps, ok := rep.Table(stats.Applications, stats.ByDistrict)
	require.True(t, ok)
	require.Equal(t, 1, apps.Total.Count)
	require.Equal(t, "4000.00", apps.Total.Redeemed.String())
	require.Equal(t, "河西区", apps.Rows[0].Key)
	reds, _ := rep.Table(stats.Redemptions, stats.ByStatus)
	require.Equal(t, "4000.00", reds.Total.Redeemed.String(), "the redemption's actual amount")
	require.Equal(t, 1, rep.Durations[0].Count)

	var recs struct {
		Total int          `json:"total"`
		Items []stats.Fact `json:"items"`
	}
	s.ok("office", "GET", "/api/statistics/records?kind=applications&dim=district&key="+queryEscape("河西区"), nil, &recs)
	require.Equal(t, 1, recs.Total)
	require.Equal(t, f.app.ID, recs.Items[0].ID)

	var none stats.Report
	s.ok("enterprise", "GET", "/api/statistics", nil, &none)
	t0, _ := none.Table(stats.Applications, stats.ByStatus)
	require.Zero(t, t0.Total.Count, "an enterprise sees no figures")
	var mine stats.Report
	s.ok("provider", "GET", "/api/statistics", nil, &mine)
	t1, _ := mine.Table(stats.Applications, stats.ByProvider)
	require.Equal(t, 1, t1.Total.Count, "the provider sees the records of its product")

	status, _ := s.do("office", "GET", "/api/statistics/records?kind=orders&dim=all", nil)
	require.Equal(t, http.StatusBadRequest, status)
}

// TestStatisticsPages: the dashboard draws its charts as SVG and links every figure
// to its records; the drill-down page lists them.
func TestStatisticsPages(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	for _, who := range []string{"office", "district", "provider"} {
		status, html := s.page(who, "/stats/")
		require.Equal(t, http.StatusOK, status, html)
		require.Contains(t, html, `<svg class="chart" viewBox="0 0 360`)
		require.Contains(t, html, `href="/stats/"`, "the menu names the page")
		require.Contains(t, html, "/stats/records?dim=district&amp;key=")
	}
	_, html := s.page("office", "/stats/")
	require.Contains(t, html, `href="/stats/?policy=tianjin"`, "the figures narrow to one policy")
	status, html := s.page("office", "/stats/?policy=tianjin")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, "当前只统计政策 tianjin")
	require.Contains(t, html, `<a href="/stats/">全部政策</a>`)
	status, html = s.page("office", "/stats/records?kind=applications&dim=all")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, f.app.ID)
	require.Contains(t, html, "/review/applications/"+f.app.ID)
	_, html = s.page("provider", "/stats/records?kind=applications&dim=all")
	require.Contains(t, html, f.app.ID)
	require.NotContains(t, html, "/review/applications/", "a provider has no case page")
}

// readCSV decodes a CSV export in either encoding.
func readCSV(t *testing.T, b []byte, gb bool) [][]string {
	t.Helper()
	if gb {
		var err error
		b, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		require.NoError(t, err)
	} else {
		require.True(t, bytes.HasPrefix(b, []byte("\ufeff")), "UTF-8 with a byte-order mark")
		b = b[3:]
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	require.NoError(t, err)
	return rows
}

// TestListExports: the lists export as attachments in UTF-8 (BOM) and GB18030 CSV and
// as XLSX, all with the same cells; the office sees contacts as they are, a provider
// masked.
func TestListExports(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	status, hd, utf := s.fetch("office", "/api/applications.csv")
	require.Equal(t, http.StatusOK, status, "%s", utf)
	require.Contains(t, hd.Get("Content-Disposition"), "attachment;")
	require.Contains(t, hd.Get("Content-Disposition"), "filename*=UTF-8''")
	rows := readCSV(t, utf, false)
	require.Len(t, rows, 2)
	require.Equal(t, "编号", rows[0][0])
	require.Equal(t, f.app.ID, rows[1][0])
	require.Contains(t, rows[1], "13800138000", "the office sees the phone")
	require.Contains(t, rows[1], "复审通过")
	require.Equal(t, "天津测试科技有限公司", rows[1][slices.Index(rows[0], "企业")], "the enterprise by its name, not its ID")

	status, hd, gb := s.fetch("office", "/api/applications.csv?encoding=gb18030")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, hd.Get("Content-Type"), "charset=gb18030")
	require.False(t, bytes.Contains(gb, []byte("复审通过")), "not UTF-8")
	require.Equal(t, rows, readCSV(t, gb, true))

	status, hd, x := s.fetch("office", "/api/applications.xlsx")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", hd.Get("Content-Type"))
	xf, got := openXLSX(t, x)
	require.Equal(t, trimRows(rows), got, "amounts show with their two decimals")
	requireNumberCells(t, xf, rows, "申请金额(元)", "已兑现(元)")

	_, _, red := s.fetch("district", "/api/redemptions.csv")
	rrows := readCSV(t, red, false)
	require.Len(t, rrows, 2)
	require.Equal(t, "天津测试科技有限公司", rrows[1][slices.Index(rrows[0], "企业")])
	require.Equal(t, f.red.ID, rrows[1][0])
	require.Contains(t, rrows[1], "4000.00")
	require.Contains(t, rrows[1], "13800138000", "the record's own district reviewer sees the phone")

	status, _ = s.do("office", "GET", "/api/applications.csv?encoding=big5", nil)
	require.Equal(t, http.StatusBadRequest, status)
	_, _, empty := s.fetch("enterprise-none", "/api/applications.csv")
	require.Contains(t, string(empty), "unauthenticated")
}

// TestStatisticsExports: every figure table exports, one XLSX sheet each (read back
// with excelize) and all in one CSV, with the figures of the JSON answer.
func TestStatisticsExports(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	var rep stats.Report
	s.ok("office", "GET", "/api/statistics", nil, &rep)
	status, _, x := s.fetch("office", "/api/statistics.xlsx")
	require.Equal(t, http.StatusOK, status, "%s", x)
	xf, _ := openXLSX(t, x)
	sheets := xf.GetSheetList()
	require.Len(t, sheets, len(rep.Tables)+2, "a sheet per table, the times to approval and the budget")
	for i, tb := range rep.Tables {
		got, err := xf.GetRows(sheets[i])
		require.NoError(t, err)
		require.Len(t, got, len(tb.Rows)+2, "%s: header, rows, total", tb.ID)
		last := got[len(got)-1]
		require.Equal(t, []string{"", "合计", strconv.Itoa(tb.Total.Count), strconv.Itoa(tb.Total.Orders), tb.Total.Claimed.String(),
			tb.Total.Granted.String(), tb.Total.Redeemed.String()}, last)
	}
	_, _, c := s.fetch("office", "/api/statistics.csv?encoding=gb18030")
	rows := readCSV(t, c, true)
	require.Equal(t, rep.Tables[0].Title.ZH, rows[0][0])

	_, _, d := s.fetch("office", "/api/statistics/records.csv?kind=redemptions&dim=all")
	drows := readCSV(t, d, false)
	require.Len(t, drows, 2)
	require.Equal(t, f.red.ID, drows[1][1])
	require.Equal(t, f.red.Status.ZH, drows[1][slices.Index(drows[0], "状态")], "the status as the lists print it")
	require.Equal(t, "天津测试科技有限公司", drows[1][slices.Index(drows[0], "企业")])
	_, _, dx := s.fetch("office", "/api/statistics/records.xlsx?kind=redemptions&dim=all")
	df, got := openXLSX(t, dx)
	require.Equal(t, trimRows(drows), got)
	requireNumberCells(t, df, drows, "申请金额(元)", "兑现金额(元)")
	requireNumberCells(t, xf, nil, "件数", "核定金额(元)")
}

// requireNumberCells checks that the named columns of the first sheet of xf hold number
// cells (a spreadsheet sums them) whose values are the CSV's text exactly (rows; nil
// skips that comparison), and that the other columns of the second row are text.
func requireNumberCells(t *testing.T, xf *excelize.File, rows [][]string, names ...string) {
	t.Helper()
	sheet := xf.GetSheetList()[0]
	head, err := xf.GetRows(sheet)
	require.NoError(t, err)
	for _, name := range names {
		col := slices.Index(head[0], name)
		require.GreaterOrEqual(t, col, 0, "column %s", name)
		cell, err := excelize.CoordinatesToCellName(col+1, 2)
		require.NoError(t, err)
		typ, err := xf.GetCellType(sheet, cell)
		require.NoError(t, err)
		require.Contains(t, []excelize.CellType{excelize.CellTypeUnset, excelize.CellTypeNumber}, typ,
			"%s (%s) is a number (a cell without a type is one)", name, cell)
		raw, err := xf.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		if rows != nil {
			want, err := cxq.ParseMoney(rows[1][col])
			require.NoError(t, err)
			got, err := cxq.ParseMoney(raw)
			require.NoError(t, err, "the raw number %q is a decimal", raw)
			require.Equal(t, want, got, "%s keeps every fen", name)
		}
	}
	typ, err := xf.GetCellType(sheet, "A2")
	require.NoError(t, err)
	require.Contains(t, []excelize.CellType{excelize.CellTypeInlineString, excelize.CellTypeSharedString}, typ, "an ID stays text")
}

// trimRows drops the empty cells that end a row, as excelize's GetRows does.
func trimRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out[i] = r
	}
	return out
}

// TestCSVExportDefusesFormulas: a text cell a spreadsheet would run as a formula (a
// contact named =HYPERLINK(…)) is exported with an apostrophe before it, in CSV; the
// XLSX keeps it as a text cell as it is; amounts stay numbers.
func TestCSVExportDefusesFormulas(t *testing.T) {
	s := newSite(t)
	order := s.placeOrder(true)
	form := s.applicationForm()
	form["contact"] = map[string]any{"name": `=HYPERLINK("http://evil.example","点此")`, "phone": "13800138000", "email": "zs@example.com"}
	s.ok("enterprise", "POST", "/api/applications", map[string]any{"order_id": order, "form": form}, nil)
	_, _, c := s.fetch("office", "/api/applications.csv")
	rows := readCSV(t, c, false)
	require.Len(t, rows, 2)
	col := slices.Index(rows[0], "联系人")
	require.Equal(t, `'=HYPERLINK("http://evil.example","点此")`, rows[1][col])
	require.Equal(t, "0.00", rows[1][slices.Index(rows[0], "申请金额(元)")], "a draft's amount, a number")

	_, _, x := s.fetch("office", "/api/applications.xlsx")
	xf, got := openXLSX(t, x)
	require.Equal(t, `=HYPERLINK("http://evil.example","点此")`, got[1][col], "an inline string, never a formula")
	cell, err := excelize.CoordinatesToCellName(col+1, 2)
	require.NoError(t, err)
	formula, err := xf.GetCellFormula(xf.GetSheetList()[0], cell)
	require.NoError(t, err)
	require.Empty(t, formula)
}

// openXLSX opens an exported workbook, closed when the test ends, and reads its first
// sheet's rows.
func openXLSX(t *testing.T, b []byte) (*excelize.File, [][]string) {
	t.Helper()
	xf, err := excelize.OpenReader(bytes.NewReader(b))
	require.NoError(t, err)
	t.Cleanup(func() { xf.Close() })
	rows, err := xf.GetRows(xf.GetSheetList()[0])
	require.NoError(t, err)
	return xf, rows
}
