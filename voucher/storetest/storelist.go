package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/stretchr/testify/require"
)

func testList(t *testing.T, st voucher.Store) {
	states := []voucher.State{review.Approved, review.DistrictReview, review.Approved, review.Rejected, review.Approved}
	update(t, st, func(tx voucher.Tx) error {
		for i, s := range states {
			a := app(fmt.Sprintf("A%d", i), fmt.Sprintf("IV%d", i), s)
			a.Created = t0.Add(time.Duration(i) * time.Minute)
			a.Since = t0.Add(time.Duration(10-i) * time.Minute)
			if i == 1 {
				a.Product.Name, a.Product.ProviderName, a.EnterpriseID = "扫描电镜", "南开大学", "E2"
				a.Assignments = map[voucher.State]string{review.DistrictReview: "r9"}
			}
			if i == 4 {
				a.Returning = "RT4" // its return awaits the office: voucher_returning
			}
			if err := tx.Applications().Create(ctx, a); err != nil {
				return err
			}
		}
		return nil
	})
	update(t, st, func(tx voucher.Tx) error { // A2's voucher is returned after it was stored
		a, err := tx.Applications().Get(ctx, "A2")
		if err != nil {
			return err
		}
		a.Ended, a.Version = voucher.EndedReturned, a.Version+1
		return tx.Applications().Update(ctx, a)
	})
	ids := func(as []voucher.Application) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	require.NoError(t, st.View(ctx, func(tx voucher.Tx) error {
		for _, tc := range []struct {
			f     voucher.ListFilter
			ids   []string
			total int
		}{
			{voucher.ListFilter{}, []string{"A4", "A3", "A2", "A1", "A0"}, 5},
			{voucher.ListFilter{EnterpriseID: "E1"}, []string{"A4", "A3", "A2", "A0"}, 4},
			{voucher.ListFilter{Statuses: []voucher.State{review.Approved}, Limit: 2}, []string{"A4", "A2"}, 3},
			{voucher.ListFilter{Statuses: []voucher.State{review.Approved}, Offset: 2, Limit: 2}, []string{"A0"}, 3},
			{voucher.ListFilter{Standings: []voucher.State{review.Approved}}, []string{"A0"}, 1},
			{voucher.ListFilter{Standings: []voucher.State{voucher.StandingReturned}}, []string{"A2"}, 1},
			{voucher.ListFilter{Standings: []voucher.State{voucher.StandingReturning, review.Rejected}, Oldest: true},
				[]string{"A4", "A3"}, 2},
			{voucher.ListFilter{Standings: []voucher.State{review.Approved}, Statuses: []voucher.State{review.Approved}, EnterpriseID: "E1"},
				[]string{"A0"}, 1},
			{voucher.ListFilter{Standings: []voucher.State{voucher.StandingExpired}}, nil, 0},
			{voucher.ListFilter{Product: "色谱"}, []string{"A4", "A3", "A2", "A0"}, 4},
			{voucher.ListFilter{Provider: "南开"}, []string{"A1"}, 1},
			{voucher.ListFilter{Product: "%"}, nil, 0},
			{voucher.ListFilter{Assignee: "r9"}, []string{"A1"}, 1},
			{voucher.ListFilter{District: "河西区", Oldest: true, Statuses: []voucher.State{review.Approved, review.Rejected}},
				[]string{"A4", "A3", "A2", "A0"}, 4},
			{voucher.ListFilter{Offset: 10}, nil, 5},
			{voucher.ListFilter{IDs: []string{"A0", "A3", "A9", "A0"}}, []string{"A3", "A0"}, 2},
			{voucher.ListFilter{IDs: []string{"A1", "A2", "A3"}, Statuses: []voucher.State{review.Approved, review.Rejected}},
				[]string{"A3", "A2"}, 2},
		} {
			got, n, err := tx.Applications().List(ctx, tc.f)
			require.NoError(t, err)
			require.Equal(t, tc.total, n, "%+v", tc.f)
			require.Equal(t, tc.ids, ids(got), "%+v", tc.f)
		}
		return nil
	}))
}
