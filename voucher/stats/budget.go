package stats

import (
	"cmp"
	"slices"

	"github.com/cxqkit/cxq"
)

// BudgetRow sets, for one policy, the budget the quotas hold against what the
// applications under it claimed, were granted and redeemed. The budget is the sum of the
// caps of the quotas the applications charge (each enterprise's allowance per period);
// quotas without a cap are counted in Unbounded and add nothing to Cap. The programme
// has no pooled budget (资金池) yet, so this is the only budget there is to compare with.
type BudgetRow struct {
	PolicyID  string    `json:"policy_id"`
	Label     cxq.Text  `json:"label"`
	Quotas    int       `json:"quotas"`
	Unbounded int       `json:"unbounded"`
	Cap       cxq.Money `json:"cap"`
	Reserved  cxq.Money `json:"reserved"`
	Consumed  cxq.Money `json:"consumed"`
	Amounts
	Drill Drill `json:"drill"`
}

// budget groups the quotas and the applications by policy.
func (in Input) budget() ([]BudgetRow, BudgetRow) {
	rows := map[string]*BudgetRow{}
	get := func(id string) *BudgetRow {
		if rows[id] == nil {
			rows[id] = &BudgetRow{PolicyID: id, Label: in.label(Applications, ByPolicy, id, Fact{}),
				Drill: Drill{Kind: Applications, Dim: ByPolicy, Key: id}}
		}
		return rows[id]
	}
	tot := BudgetRow{Label: cxq.T("合计", "total"), Drill: Drill{Kind: Applications, Dim: ByAll}}
	for _, q := range in.Quotas {
		for _, b := range []*BudgetRow{get(q.PolicyID), &tot} {
			b.Quotas++
			if q.Unbounded {
				b.Unbounded++
			} else {
				b.Cap = b.Cap.Add(q.Cap)
			}
			b.Reserved, b.Consumed = b.Reserved.Add(q.Reserved), b.Consumed.Add(q.Consumed)
		}
	}
	for _, f := range in.Facts {
		if f.Kind != Applications {
			continue
		}
		for _, b := range []*BudgetRow{get(f.PolicyID), &tot} {
			b.Amounts = b.Amounts.Plus(f.Amounts)
		}
	}
	out := []BudgetRow{}
	for _, b := range rows {
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b BudgetRow) int { return cmp.Compare(a.PolicyID, b.PolicyID) })
	return out, tot
}
