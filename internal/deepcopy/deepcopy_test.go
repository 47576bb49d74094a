package deepcopy_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/deepcopy"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestCloneSharesNothing edits every map and slice of a copy of a full redemption and
// checks the original is what it was, and that the copy equals it before the edit.
func TestCloneSharesNothing(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
	r := voucher.Redemption{
		Record: voucher.Record{ID: "R1", Breakdown: policy.Breakdown{{Rule: "cap", Limit: cxq.Yuan(1)}},
			Case: review.Case{ID: "R1", Facts: map[string]string{"claimed_amount": "1.00"},
				History: []review.AuditEntry{{Case: "R1", Seq: 1, Fields: map[string]string{"actual_amount": "1.00"}, Time: at}}},
			Assignments: map[voucher.State]string{review.ExpertReview: "x"}, Created: at},
		Form: voucher.RedemptionForm{
			Invoices:  []voucher.Invoice{{Name: "发票", Flags: []string{voucher.FlagDuplicateScan}}},
			Contracts: []voucher.Contract{{Name: "合同", Filed: at}},
			Files:     []voucher.AttachmentRef{{ID: "f1"}},
		},
	}
	before, err := json.Marshal(r)
	require.NoError(t, err)
	c := deepcopy.Copy(r)
	require.Equal(t, r, c)
	c.Breakdown[0].Rule = "edited"
	c.Case.Facts["claimed_amount"] = "edited"
	c.Case.History[0].Fields["actual_amount"] = "edited"
	c.Case.History[0].Actor = "edited"
	c.Assignments[review.ExpertReview] = "edited"
	c.Form.Invoices[0].Flags[0] = "edited"
	c.Form.Invoices[0].Name = "edited"
	c.Form.Contracts[0].Name = "edited"
	c.Form.Files[0].ID = "edited"
	after, err := json.Marshal(r)
	require.NoError(t, err)
	require.JSONEq(t, string(before), string(after))
}

// TestCloneRefusesFunctions: a value that is not plain data panics rather than being
// shared.
func TestCloneRefusesFunctions(t *testing.T) {
	t.Parallel()
	require.Panics(t, func() { deepcopy.Copy(struct{ F func() }{}) })
}

// TestNewSharesNothing: New's copy shares no map or slice with what it was given.
func TestNewSharesNothing(t *testing.T) {
	t.Parallel()
	a := voucher.Application{Record: voucher.Record{Assignments: map[voucher.State]string{review.ExpertReview: "x"},
		Case: review.Case{History: []review.AuditEntry{{Actor: "a"}}}}}
	p := deepcopy.New(a)
	require.Equal(t, a, *p)
	p.Assignments[review.ExpertReview] = "edited"
	p.Case.History[0].Actor = "edited"
	require.Equal(t, "x", a.Assignments[review.ExpertReview])
	require.Equal(t, "a", a.Case.History[0].Actor)
}
