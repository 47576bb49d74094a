package stats

import (
	"errors"
	"fmt"
)

// ErrUnreconciled is matched by the error of [Report.Check] when a figure does not add up.
var ErrUnreconciled = errors.New("stats: figures do not reconcile")

// Check verifies that the report reconciles: in every table the rows add up to the
// total, exactly to the fen; every table of a kind but the refusals has the same total;
// and the budget's total adds up its rows and equals the applications' total.
func (r Report) Check() error {
	first := map[Kind]Row{}
	for _, t := range r.Tables {
		var sum Row
		for _, row := range t.Rows {
			sum.Count += row.Count
			sum.Claimed, sum.Granted, sum.Redeemed = sum.Claimed.Add(row.Claimed), sum.Granted.Add(row.Granted), sum.Redeemed.Add(row.Redeemed)
		}
		if !sameAmounts(sum, t.Total) {
			return fmt.Errorf("%w: table %s: rows sum to %s, total is %s", ErrUnreconciled, t.ID, amounts(sum), amounts(t.Total))
		}
		if t.Dim == ByRefusal {
			continue
		}
		if f, ok := first[t.Kind]; ok && !sameAmounts(f, t.Total) {
			return fmt.Errorf("%w: table %s: total %s, other tables of its kind %s", ErrUnreconciled, t.ID, amounts(t.Total), amounts(f))
		} else if !ok {
			first[t.Kind] = t.Total
		}
	}
	var sum BudgetRow
	for _, b := range r.Budget {
		sum.Quotas += b.Quotas
		sum.Cap, sum.Consumed, sum.Redeemed = sum.Cap.Add(b.Cap), sum.Consumed.Add(b.Consumed), sum.Redeemed.Add(b.Redeemed)
		sum.Claimed, sum.Granted = sum.Claimed.Add(b.Claimed), sum.Granted.Add(b.Granted)
	}
	t := r.BudgetTotal
	if sum.Quotas != t.Quotas || !sum.Cap.Equal(t.Cap) || !sum.Consumed.Equal(t.Consumed) || !sum.Claimed.Equal(t.Claimed) ||
		!sum.Granted.Equal(t.Granted) || !sum.Redeemed.Equal(t.Redeemed) {
		return fmt.Errorf("%w: budget rows do not add up to the budget's total", ErrUnreconciled)
	}
	if a, ok := first[Applications]; ok && (!a.Claimed.Equal(t.Claimed) || !a.Redeemed.Equal(t.Redeemed)) {
		return fmt.Errorf("%w: budget total differs from the applications' total", ErrUnreconciled)
	}
	return nil
}

func sameAmounts(a, b Row) bool {
	return a.Count == b.Count && a.Claimed.Equal(b.Claimed) && a.Granted.Equal(b.Granted) && a.Redeemed.Equal(b.Redeemed)
}

func amounts(r Row) string {
	return fmt.Sprintf("%d records, claimed %s, granted %s, redeemed %s", r.Count, r.Claimed, r.Granted, r.Redeemed)
}
