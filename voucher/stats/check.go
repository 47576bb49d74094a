package stats

import (
	"errors"
	"fmt"
)

// ErrUnreconciled is matched by the error of [Report.Check] when a figure does not add up.
var ErrUnreconciled = errors.New("stats: figures do not reconcile")

// Check verifies that the report reconciles: in every table the rows add up to the
// total, exactly to the fen — in a refusal table, where a record refused for two
// reasons is in two rows, the counts add up and no row's amounts exceed the total's —;
// every table of a kind but the refusals has the same total; and the budget's total
// adds up its rows and equals the applications' total.
func (r Report) Check() error {
	first := map[Kind]Row{}
	for _, t := range r.Tables {
		if t.Dim == ByRefusal {
			if err := t.checkRefusals(); err != nil {
				return err
			}
			continue
		}
		var sum Row
		for _, row := range t.Rows {
			sum.Count += row.Count
			sum.Amounts = sum.Amounts.Plus(row.Amounts)
		}
		if !sameAmounts(sum, t.Total) {
			return fmt.Errorf("%w: table %s: rows sum to %s, total is %s", ErrUnreconciled, t.ID, amounts(sum), amounts(t.Total))
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
		sum.Cap, sum.Consumed, sum.Amounts = sum.Cap.Add(b.Cap), sum.Consumed.Add(b.Consumed), sum.Amounts.Plus(b.Amounts)
	}
	t := r.BudgetTotal
	if sum.Quotas != t.Quotas || !sum.Cap.Equal(t.Cap) || !sum.Consumed.Equal(t.Consumed) || !sum.Amounts.Equal(t.Amounts) {
		return fmt.Errorf("%w: budget rows do not add up to the budget's total", ErrUnreconciled)
	}
	if a, ok := first[Applications]; ok && (!a.Claimed.Equal(t.Claimed) || !a.Redeemed.Equal(t.Redeemed)) {
		return fmt.Errorf("%w: budget total differs from the applications' total", ErrUnreconciled)
	}
	return nil
}

// checkRefusals checks a refusal table: its counts add up, and no row holds more money
// than its total.
func (t Table) checkRefusals() error {
	n := 0
	for _, row := range t.Rows {
		n += row.Count
		if row.Claimed.Cmp(t.Total.Claimed) > 0 || row.Granted.Cmp(t.Total.Granted) > 0 || row.Redeemed.Cmp(t.Total.Redeemed) > 0 {
			return fmt.Errorf("%w: table %s: row %s holds %s, more than the total %s", ErrUnreconciled, t.ID, row.Key, amounts(row), amounts(t.Total))
		}
	}
	if n != t.Total.Count {
		return fmt.Errorf("%w: table %s: rows count %d refusals, total is %d", ErrUnreconciled, t.ID, n, t.Total.Count)
	}
	return nil
}

func sameAmounts(a, b Row) bool {
	return a.Count == b.Count && a.Amounts.Equal(b.Amounts)
}

func amounts(r Row) string {
	return fmt.Sprintf("%d records, claimed %s, granted %s, redeemed %s", r.Count, r.Claimed, r.Granted, r.Redeemed)
}
