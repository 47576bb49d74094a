package voucherhttp

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/stats"
)

// StatsRecords is the answer of GET /api/statistics/records: the records behind one
// figure.
type StatsRecords struct {
	Drill stats.Drill  `json:"drill"`
	Total int          `json:"total"`
	Items []stats.Fact `json:"items"`
}

// statsParams are the query parameters of the statistics; drillParams those naming one
// figure's records; exportParams those of a list export.
var (
	statsParams  = []string{"policy"}
	drillParams  = []string{"policy", "kind", "dim", "key"}
	exportParams = []string{"product", "provider", "status"}
)

func statsQuery(r *http.Request) voucher.StatsQuery {
	return voucher.StatsQuery{Policy: r.URL.Query().Get("policy")}
}

func drillQuery(r *http.Request) stats.Drill {
	v := r.URL.Query()
	return stats.Drill{Kind: stats.Kind(v.Get("kind")), Dim: stats.Dim(v.Get("dim")), Key: v.Get("key")}
}

func listExport(r *http.Request) voucher.ListExport {
	v := r.URL.Query()
	return voucher.ListExport{Product: v.Get("product"), Provider: v.Get("provider"), Status: voucher.State(v.Get("status"))}
}

// mountStatsAPI registers the statistics in JSON and the exports of the figures and of
// the lists.
func (h *Handler) mountStatsAPI() {
	s := h.svc
	h.apiRoute(route{method: "GET", path: "/api/statistics", summary: "统计: the figures of the records the asking person may see",
		query: statsParams, out: stats.Report{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (stats.Report, error) {
			return s.Statistics(ctx, who, statsQuery(r))
		})})
	h.apiRoute(route{method: "GET", path: "/api/statistics/records", summary: "The records behind one figure (its drill)",
		query: drillParams, out: StatsRecords{},
		handler: read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (StatsRecords, error) {
			d := drillQuery(r)
			facts, err := s.StatisticsRecords(ctx, who, statsQuery(r), d)
			if facts == nil {
				facts = []stats.Fact{}
			}
			return StatsRecords{Drill: d, Total: len(facts), Items: facts}, err
		})})
	for _, format := range []string{"csv", "xlsx"} {
		media, query := mediaXLSX, []string(nil)
		if format == "csv" {
			media, query = mediaCSV, []string{"encoding"}
		}
		h.apiRoute(route{method: "GET", path: "/api/statistics." + format, summary: "统计 exported: every figure table",
			query: append(query, statsParams...), raw: media, handler: h.exportStats(format)})
		h.apiRoute(route{method: "GET", path: "/api/statistics/records." + format, summary: "The records behind one figure, exported",
			query: append(query, drillParams...), raw: media, handler: h.exportDrill(format)})
		h.apiRoute(route{method: "GET", path: "/api/applications." + format, summary: "创新券申请 exported: the whole list, streamed",
			query: append(query, exportParams...), raw: media, handler: h.exportList(format, s.ApplicationStandings(), h.applicationsSheet)})
		h.apiRoute(route{method: "GET", path: "/api/redemptions." + format, summary: "创新券兑现 exported: the whole list, streamed",
			query: append(query, exportParams...), raw: media, handler: h.exportList(format, s.RedemptionFlow().States(), h.redemptionsSheet)})
	}
}

// exportStats serves every figure table as one file.
func (h *Handler) exportStats(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := h.actor(r)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		rep, err := h.svc.Statistics(r.Context(), who, statsQuery(r))
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		h.serveExport(w, r, "创新券统计", format, reportSheets(rep))
	}
}

// exportDrill serves the records behind one figure.
func (h *Handler) exportDrill(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := h.actor(r)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		facts, err := h.svc.StatisticsRecords(r.Context(), who, statsQuery(r), drillQuery(r))
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		h.serveExport(w, r, "创新券统计明细", format, []sheet{h.factsSheet(r.Context(), "明细", facts)})
	}
}

// exportList serves one of the actor's lists, streamed from the store.
func (h *Handler) exportList(format string, statuses []voucher.State,
	list func(context.Context, voucher.Actor, voucher.ListExport) sheet) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := h.actor(r)
		q := listExport(r)
		if err == nil {
			err = knownStatus(statuses, q.Status) // an unknown one would export an empty list
		}
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		sh := list(r.Context(), who, q)
		h.serveExport(w, r, sh.name, format, []sheet{sh})
	}
}

// mountStatsPages registers the dashboard (统计) and its drill-down page.
func (h *Handler) mountStatsPages() {
	h.mux.HandleFunc("GET /stats/{$}", h.statsPage)
	h.mux.HandleFunc("GET /stats/records", h.statsRecordsPage)
}

// statsView is the dashboard's data.
type statsView struct {
	Policy      string
	Sections    []statsSection
	Durations   []durationView
	Budget      []stats.BudgetRow
	BudgetTotal stats.BudgetRow
	BudgetChart template.HTML
	Exports     []NavLink
	Lists       []NavLink
	Empty       bool
	// Policies narrow the figures to one policy (?policy=), or widen them back to all.
	Policies []NavLink
}

// statsSection is one table of the dashboard with its chart.
type statsSection struct {
	ID    string
	Title string
	Chart template.HTML
	Rows  []statsRow
	Total statsRow
}

// statsRow is a row of a table and the link to its records.
type statsRow struct {
	stats.Row
	Href string
}

type durationView struct {
	Label       string
	Count       int
	Median, P90 string
	Href        string
}

// sectionRows is how many rows of the provider table the dashboard shows; the rest
// are summed into one row, so that the table still adds up.
const sectionRows = 10

func (h *Handler) statsPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	q := statsQuery(r)
	rep, err := h.svc.Statistics(r.Context(), who, q)
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	v := statsView{Policy: q.Policy, Budget: rep.Budget, BudgetTotal: rep.BudgetTotal, BudgetChart: budgetChart(rep.Budget)}
	for _, t := range rep.Tables {
		v.Sections = append(v.Sections, h.section(t, q))
	}
	for _, d := range rep.Durations {
		v.Durations = append(v.Durations, durationView{Label: kindLabel(d.Kind), Count: d.Count,
			Median: stats.Days(d.MedianSeconds), P90: stats.Days(d.P90Seconds), Href: h.drillHref("stats/records", d.Drill, q)})
	}
	enc := url.Values{}
	if q.Policy != "" {
		enc.Set("policy", q.Policy)
	}
	for _, f := range []struct{ label, path string }{{"全部统计表 (Excel)", "api/statistics.xlsx"},
		{"全部统计表 (CSV, UTF-8)", "api/statistics.csv"}, {"全部统计表 (CSV, GB18030)", "api/statistics.csv?encoding=gb18030"}} {
		v.Exports = append(v.Exports, NavLink{Label: f.label, Href: withQuery(h.href(f.path), enc)})
	}
	for _, f := range []struct{ label, path string }{{"创新券申请列表 (Excel)", "api/applications.xlsx"},
		{"创新券申请列表 (CSV)", "api/applications.csv"}, {"创新券兑现列表 (Excel)", "api/redemptions.xlsx"},
		{"创新券兑现列表 (CSV)", "api/redemptions.csv"}} {
		v.Lists = append(v.Lists, NavLink{Label: f.label, Href: h.href(f.path)})
	}
	v.Policies = h.policyLinks(rep, q)
	all, _ := rep.Table(stats.Applications, stats.ByStatus)
	reds, _ := rep.Table(stats.Redemptions, stats.ByStatus)
	v.Empty = all.Total.Count == 0 && reds.Total.Count == 0
	h.render(w, r, who, "stats", "统计", v, nil)
}

// policyLinks offers the policies the figures count, each narrowing the page to it, and
// a way back to every policy when narrowed.
func (h *Handler) policyLinks(rep stats.Report, q voucher.StatsQuery) []NavLink {
	var out []NavLink
	if q.Policy != "" {
		out = append(out, NavLink{Label: "全部政策", Href: h.href("stats/")})
	}
	byPolicy, _ := rep.Table(stats.Applications, stats.ByPolicy)
	for _, row := range byPolicy.Rows {
		if row.Key != "" && row.Key != q.Policy {
			out = append(out, NavLink{Label: "只看" + row.Label.ZH, Href: h.href("stats/") + "?" + url.Values{"policy": {row.Key}}.Encode()})
		}
	}
	return out
}

// section lays out one table: its chart, its rows with their links and its total.
func (h *Handler) section(t stats.Table, q voucher.StatsQuery) statsSection {
	sec := statsSection{ID: string(t.Kind) + "-" + string(t.Dim), Title: t.Title.ZH,
		Total: statsRow{Row: t.Total, Href: h.drillHref("stats/records", t.Total.Drill, q)}}
	rows := t.Rows
	var rest *stats.Row
	if t.Dim == stats.ByProvider && len(rows) > sectionRows {
		r := stats.Row{Label: cxq.T("其余 "+strconv.Itoa(len(rows)-sectionRows)+" 家服务机构", "other providers")}
		for _, x := range rows[sectionRows:] {
			r.Count, r.Orders = r.Count+x.Count, r.Orders+x.Orders
			r.Amounts = r.Amounts.Plus(x.Amounts)
		}
		rows, rest = rows[:sectionRows], &r
	}
	var bars []bar
	for _, row := range rows {
		href := h.drillHref("stats/records", row.Drill, q)
		sec.Rows = append(sec.Rows, statsRow{Row: row, Href: href})
		bars = append(bars, bar{Label: row.Label.ZH, N: int64(row.Count), Text: strconv.Itoa(row.Count) + " 件", Href: href})
	}
	if rest != nil {
		sec.Rows = append(sec.Rows, statsRow{Row: *rest})
	}
	sec.Chart = barChart(sec.Title, bars)
	return sec
}

// drillHref links path with the drill and the query.
func (h *Handler) drillHref(path string, d stats.Drill, q voucher.StatsQuery) string {
	v := url.Values{"kind": {string(d.Kind)}, "dim": {string(d.Dim)}}
	if d.Key != "" {
		v.Set("key", d.Key)
	}
	if q.Policy != "" {
		v.Set("policy", q.Policy)
	}
	return h.href(path) + "?" + v.Encode()
}

func withQuery(href string, v url.Values) string {
	if len(v) == 0 {
		return href
	}
	if strings.Contains(href, "?") {
		return href + "&" + v.Encode()
	}
	return href + "?" + v.Encode()
}

// recordsView is the drill-down page's data: the records behind one figure, a page at
// a time.
type recordsView struct {
	Title   string
	Items   []factView
	Summary string
	Prev    string
	Next    string
	Exports []NavLink
	Back    string
}

type factView struct {
	stats.Fact
	Status string
	Href   string // the case page, for those who review
}

// recordsPerPage is how many records the drill-down page shows at once.
const recordsPerPage = 50

func (h *Handler) statsRecordsPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	q, d := statsQuery(r), drillQuery(r)
	facts, err := h.svc.StatisticsRecords(r.Context(), who, q, d)
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	page := 1
	if n, err := wholeNumber(r.URL.Query().Get("page")); err == nil && n > 1 && n <= 1_000_000 {
		page = n
	}
	from := min((page-1)*recordsPerPage, len(facts))
	to := min(from+recordsPerPage, len(facts))
	v := recordsView{Title: kindLabel(d.Kind) + "明细", Back: h.href("stats/"),
		Summary: voucher.Page[stats.Fact]{Total: len(facts), From: from + 1, To: to}.Summary().ZH}
	if from == to {
		v.Summary = voucher.Page[stats.Fact]{Total: len(facts)}.Summary().ZH
	}
	for _, f := range facts[from:to] {
		fv := factView{Fact: f, Status: h.factStatus(f)}
		if who.Role != voucher.RoleProvider {
			fv.Href = h.href("review/" + string(f.Kind) + "/" + url.PathEscape(f.ID))
		}
		v.Items = append(v.Items, fv)
	}
	base := h.drillHref("stats/records", d, q)
	if page > 1 {
		v.Prev = base + "&page=" + strconv.Itoa(page-1)
	}
	if to < len(facts) {
		v.Next = base + "&page=" + strconv.Itoa(page+1)
	}
	v.Exports = []NavLink{{Label: "导出 Excel", Href: h.drillHref("api/statistics/records.xlsx", d, q)},
		{Label: "导出 CSV", Href: h.drillHref("api/statistics/records.csv", d, q)}}
	h.render(w, r, who, "stats-records", v.Title, v, nil)
}
