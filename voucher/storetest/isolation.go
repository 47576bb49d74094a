package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// testRecordsShareNothing: a record the Store was given, or handed out, shares no map or
// slice with what it keeps — the caller's later edits of either (the Service edits the
// record it read in place: facts, assignments, history) change nothing stored.
func testRecordsShareNothing(t *testing.T, st voucher.Store) {
	fresh := func(version int64) voucher.Application {
		a := app("A1", "IV1", review.DistrictReview)
		a.Version = version
		a.Case.Facts = map[string]string{review.FactClaimedAmount: "1.00"}
		a.Case.History = []review.AuditEntry{{Case: "A1", Seq: 1, Actor: "e1"}}
		a.Assignments = map[voucher.State]string{review.ProfessionalReview: "p1"}
		a.Pools = []voucher.QuotaKey{{EnterpriseID: "E1", PolicyID: "P", Period: 2025}}
		return a
	}
	a, want := fresh(1), fresh(1)
	edit := func(a *voucher.Application) {
		a.Case.Facts[review.FactClaimedAmount] = "edited"
		a.Case.History[0].Actor = "edited"
		a.Assignments[review.ProfessionalReview] = "edited"
		a.Pools[0].Period = 1999
	}
	get := func() voucher.Application {
		var got voucher.Application
		require.NoError(t, st.View(ctx, func(tx voucher.Tx) (err error) {
			got, err = tx.Applications().Get(ctx, "A1")
			return err
		}))
		return got
	}
	update(t, st, func(tx voucher.Tx) error { return tx.Applications().Create(ctx, a) })
	edit(&a)
	require.Equal(t, want, get(), "an edit of the record given to Create")

	next, want := fresh(2), fresh(2)
	update(t, st, func(tx voucher.Tx) error { return tx.Applications().Update(ctx, next) })
	edit(&next)
	require.Equal(t, want, get(), "an edit of the record given to Update")

	got := get()
	edit(&got)
	require.Equal(t, want, get(), "an edit of the record Get returned")
	update(t, st, func(tx voucher.Tx) error {
		list, _, err := tx.Applications().List(ctx, voucher.ListFilter{})
		require.Len(t, list, 1)
		edit(&list[0])
		return err
	})
	require.Equal(t, want, get(), "an edit of the record List returned")
}
