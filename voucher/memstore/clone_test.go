package memstore

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
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
	c := clone(r)
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
	require.Panics(t, func() { clone(struct{ F func() }{}) })
}

// TestTrailChunks appends across chunk boundaries, truncates back into an earlier chunk
// and appends again: positions stay in order and nothing truncated comes back.
func TestTrailChunks(t *testing.T) {
	t.Parallel()
	var tr trail
	for i := range 2*trailChunk + 3 {
		tr.append(voucher.AuditEntry{Pos: int64(i + 1)})
	}
	require.Equal(t, 2*trailChunk+3, tr.len())
	require.Equal(t, int64(2*trailChunk+3), tr.last().Pos)
	tr.truncate(trailChunk + 1)
	require.Equal(t, int64(trailChunk+1), tr.last().Pos)
	tr.append(voucher.AuditEntry{Pos: trailChunk + 2})
	all := tr.all()
	require.Len(t, all, trailChunk+2)
	for i, e := range all {
		require.Equal(t, int64(i+1), e.Pos)
	}
	tr.truncate(0)
	require.Zero(t, tr.len())
	require.Empty(t, tr.all())
}
