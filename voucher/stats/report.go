package stats

import (
	"cmp"
	"slices"

	"github.com/cxqkit/cxq"
)

// Input is what [Build] computes the figures from.
type Input struct {
	// Facts are the records the actor may see, of both kinds.
	Facts []Fact
	// Quotas are the quota rows the applications among Facts charge (the budget side;
	// see [BudgetRow]).
	Quotas []Quota
	// Label names a key of a dimension for people (a status as 复审通过, a policy by its
	// name). Nil, or an empty answer, keeps the key itself.
	Label func(k Kind, d Dim, key string) cxq.Text
}

// Quota is one quota row as the budget figures read it: an enterprise's allowance
// under a policy in a period. Unbounded marks a quota without a cap (its Cap is not
// added to the budget).
type Quota struct {
	PolicyID  string    `json:"policy_id"`
	Period    int       `json:"period"`
	Cap       cxq.Money `json:"cap"`
	Reserved  cxq.Money `json:"reserved"`
	Consumed  cxq.Money `json:"consumed"`
	Unbounded bool      `json:"unbounded,omitempty"`
}

// Row is one line of a table: the records whose value in the table's dimension is Key,
// how many there are, their amounts, and the Drill that lists them.
type Row struct {
	Key   string   `json:"key"`
	Label cxq.Text `json:"label"`
	// Count is the number of records, or in a refusal table the number of refusals.
	Count int `json:"count"`
	// Orders is the number of distinct orders among the records.
	Orders int `json:"orders"`
	// Amounts sum the records' amounts, each record once: in a refusal table a record
	// refused twice adds its money to a row, and to the total, once, so a refusal row
	// never sums to more than the records it counts.
	Amounts
	Drill Drill `json:"drill"`
}

// Table counts the records of one kind by one dimension. Total is computed from the
// records directly, not from the rows, so that [Report.Check] can compare the two.
type Table struct {
	ID    string   `json:"id"` // kind.dim, e.g. "applications.district"
	Kind  Kind     `json:"kind"`
	Dim   Dim      `json:"dim"`
	Title cxq.Text `json:"title"`
	Rows  []Row    `json:"rows"`
	Total Row      `json:"total"`
}

// Report is every figure of one actor's view of the programme.
type Report struct {
	// Tables are, for applications and then redemptions: by status, district, month,
	// policy and refusal; then applications by provider (most orders first) and by
	// cross-region flow (enterprise region → provider region).
	Tables []Table `json:"tables"`
	// Durations are the times from first submission to final approval, per kind.
	Durations []Duration `json:"durations"`
	// Budget compares, per policy, the quotas' caps with what the applications claimed,
	// were granted and redeemed; BudgetTotal sums it.
	Budget      []BudgetRow `json:"budget"`
	BudgetTotal BudgetRow   `json:"budget_total"`
}

// Table returns the table of kind by dim, if the report has it.
func (r Report) Table(k Kind, d Dim) (Table, bool) {
	i := slices.IndexFunc(r.Tables, func(t Table) bool { return t.Kind == k && t.Dim == d })
	if i < 0 {
		return Table{}, false
	}
	return r.Tables[i], true
}

// Build computes the report. It is pure: the same input gives the same report.
func Build(in Input) Report {
	var r Report
	for _, k := range []Kind{Applications, Redemptions} {
		for _, d := range []Dim{ByStatus, ByDistrict, ByMonth, ByPolicy} {
			r.Tables = append(r.Tables, in.table(k, d))
		}
		r.Tables = append(r.Tables, in.refusals(k))
	}
	prov := in.table(Applications, ByProvider)
	slices.SortStableFunc(prov.Rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(b.Orders, a.Orders), b.Redeemed.Cmp(a.Redeemed), cmp.Compare(a.Key, b.Key))
	})
	r.Tables = append(r.Tables, prov, in.table(Applications, ByFlow))
	r.Durations = []Duration{durations(in.Facts, Applications), durations(in.Facts, Redemptions)}
	r.Budget, r.BudgetTotal = in.budget()
	return r
}

// table groups the facts of kind k by d, rows in key order.
func (in Input) table(k Kind, d Dim) Table {
	t := Table{ID: string(k) + "." + string(d), Kind: k, Dim: d, Title: title(k, d)}
	rows := map[string]*Row{}
	orders := map[string]map[string]bool{}
	var all []Fact
	for _, f := range in.Facts {
		if f.Kind != k {
			continue
		}
		all = append(all, f)
		key := f.key(d)
		row := rows[key]
		if row == nil {
			row = &Row{Key: key, Label: in.label(k, d, key, f), Drill: Drill{Kind: k, Dim: d, Key: key}}
			rows[key], orders[key] = row, map[string]bool{}
		}
		row.add(f, orders[key])
	}
	for _, row := range rows {
		t.Rows = append(t.Rows, *row)
	}
	slices.SortFunc(t.Rows, func(a, b Row) int { return cmp.Compare(a.Key, b.Key) })
	if t.Rows == nil {
		t.Rows = []Row{}
	}
	t.Total = total(k, all)
	return t
}

// total sums every fact of kind k into one row whose drill lists them all.
func total(k Kind, facts []Fact) Row {
	row := Row{Key: "", Label: cxq.T("合计", "total"), Drill: Drill{Kind: k, Dim: ByAll}}
	seen := map[string]bool{}
	for _, f := range facts {
		row.add(f, seen)
	}
	return row
}

func (r *Row) add(f Fact, orders map[string]bool) {
	r.Count++
	r.addOnce(f, orders, nil)
}

// addOnce adds f's order to the row if orders has not seen it, and its amounts if
// records (nil: every fact is new) has not seen the record.
func (r *Row) addOnce(f Fact, orders, records map[string]bool) {
	if !orders[f.OrderID] {
		orders[f.OrderID] = true
		r.Orders++
	}
	if records != nil {
		if records[f.ID] {
			return
		}
		records[f.ID] = true
	}
	r.Amounts = r.Amounts.Plus(f.Amounts)
}

// refusals counts the refusals of kind k by code and stage; each row's count is the
// number of refusals, its amounts those of the records refused (each record once).
func (in Input) refusals(k Kind) Table {
	t := Table{ID: string(k) + "." + string(ByRefusal), Kind: k, Dim: ByRefusal, Title: title(k, ByRefusal), Rows: []Row{}}
	rows := map[string]*Row{}
	t.Total = Row{Label: cxq.T("合计", "total"), Drill: Drill{Kind: k, Dim: ByRefusal}}
	totalOrders, totalRecords := map[string]bool{}, map[string]bool{}
	orders, records := map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, f := range in.Facts {
		if f.Kind != k {
			continue
		}
		for _, ref := range f.Refusals {
			key := ref.Key()
			row := rows[key]
			if row == nil {
				row = &Row{Key: key, Label: in.label(k, ByRefusal, key, f), Drill: Drill{Kind: k, Dim: ByRefusal, Key: key}}
				rows[key], orders[key], records[key] = row, map[string]bool{}, map[string]bool{}
			}
			row.Count++
			row.addOnce(f, orders[key], records[key])
			t.Total.Count++
			t.Total.addOnce(f, totalOrders, totalRecords)
		}
	}
	for _, row := range rows {
		t.Rows = append(t.Rows, *row)
	}
	slices.SortFunc(t.Rows, func(a, b Row) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key)) })
	return t
}

// label names key for people: the caller's Label, else the fact's own names (a
// provider's name), else the key, with [Unknown] for an empty one.
func (in Input) label(k Kind, d Dim, key string, f Fact) cxq.Text {
	if in.Label != nil {
		if l := in.Label(k, d, key); l.ZH != "" {
			return l
		}
	}
	switch {
	case d == ByProvider && f.ProviderName != "":
		return cxq.T(f.ProviderName, f.ProviderName)
	case key == "" && (d == ByDistrict || d == ByPolicy): // a draft has neither yet
		return cxq.T("未提交", "not submitted")
	case key == "":
		return cxq.T(Unknown, "unknown")
	}
	return cxq.T(key, key)
}

// title names a table.
func title(k Kind, d Dim) cxq.Text {
	kind := map[Kind]cxq.Text{Applications: cxq.T("创新券申请", "applications"), Redemptions: cxq.T("创新券兑现", "redemptions")}[k]
	by := map[Dim]cxq.Text{
		ByStatus: cxq.T("按状态", "by status"), ByDistrict: cxq.T("按区", "by district"), ByMonth: cxq.T("按月份", "by month"),
		ByPolicy: cxq.T("按政策", "by policy"), ByProvider: cxq.T("按服务机构", "by provider"),
		ByFlow: cxq.T("京津冀跨区域（企业→服务机构）", "cross-region flows (enterprise → provider)"), ByRefusal: cxq.T("退回与不予支持原因", "refusal reasons"),
	}[d]
	return cxq.T(kind.ZH+" · "+by.ZH, kind.EN+" "+by.EN)
}
