package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Tamperer edits what a Store keeps the way someone with direct access to its storage
// could, bypassing the Store (and, for SQL, its triggers). Each driver's test implements
// it over its own storage; [RunTamper] checks that VerifyAudit detects every edit.
type Tamperer interface {
	// EditRecord rewrites the stored JSON of the order, application or redemption
	// (kind is voucher.StreamOrder, StreamApplication or StreamRedemption), or of the
	// doc of any other kind (voucher.Doc: a budget, a sanction …), through edit.
	EditRecord(t TB, st voucher.Store, kind, id string, edit func(map[string]any))
	// DeleteRecord removes the record outright.
	DeleteRecord(t TB, st voucher.Store, kind, id string)
	// EditQuota sets a quota row's reserved and consumed amounts, in fen.
	EditQuota(t TB, st voucher.Store, k voucher.QuotaKey, reservedFen, consumedFen int64)
	// RewriteTrail replaces the whole audit trail with entries and makes the last one
	// the tail.
	RewriteTrail(t TB, st voucher.Store, entries []voucher.AuditEntry)
}

// RunTamper walks one voucher to 评审通过 on a fresh store per case, takes a checkpoint,
// makes one edit through tamper and checks that VerifyAudit (with the checkpoint) reports
// it, matching cxq.ErrTampered: an edited paid amount, a rewritten approver, an edited
// state, a quota or budget pool reset to zero, an edited budget, a deleted record, an edited entry re-chained without the
// key, and a trail cut short.
func RunTamper(t *testing.T, open Opener, tamper Tamperer) {
	for _, tc := range []struct {
		name string
		edit func(t TB, w *World, st voucher.Store, app voucher.Application, red voucher.Redemption)
	}{
		{"PaidAmountEdited", func(t TB, w *World, st voucher.Store, app voucher.Application, _ voucher.Redemption) {
			tamper.EditRecord(t, st, voucher.StreamApplication, app.ID, func(m map[string]any) { m["paid"] = "9999.00" })
		}},
		{"ApproverRewritten", func(t TB, w *World, st voucher.Store, app voucher.Application, _ voucher.Redemption) {
			tamper.EditRecord(t, st, voucher.StreamApplication, app.ID, func(m map[string]any) {
				hist := m["case"].(map[string]any)["history"].([]any)
				hist[len(hist)-1].(map[string]any)["actor"] = "someone-else"
			})
		}},
		{"ActualAmountEdited", func(t TB, w *World, st voucher.Store, _ voucher.Application, red voucher.Redemption) {
			tamper.EditRecord(t, st, voucher.StreamRedemption, red.ID, func(m map[string]any) { m["actual"] = "4549.50" })
		}},
		{"StateEdited", func(t TB, w *World, st voucher.Store, _ voucher.Application, red voucher.Redemption) {
			tamper.EditRecord(t, st, voucher.StreamRedemption, red.ID, func(m map[string]any) {
				m["case"].(map[string]any)["state"] = "rejected"
			})
		}},
		{"OrderEdited", func(t TB, w *World, st voucher.Store, app voucher.Application, _ voucher.Redemption) {
			tamper.EditRecord(t, st, voucher.StreamOrder, app.OrderID, func(m map[string]any) { m["status"] = "declined" })
		}},
		{"QuotaReset", func(t TB, w *World, st voucher.Store, app voucher.Application, _ voucher.Redemption) {
			tamper.EditQuota(t, st, app.Quota, 0, 0)
		}},
		{"PoolReset", func(t TB, w *World, st voucher.Store, _ voucher.Application, _ voucher.Redemption) {
			tamper.EditQuota(t, st, voucher.PoolKey(2025, policy.TotalPool), 0, 0)
		}},
		{"BudgetEdited", func(t TB, w *World, st voucher.Store, _ voucher.Application, _ voucher.Redemption) {
			tamper.EditRecord(t, st, voucher.StreamBudget, "2025", func(m map[string]any) { m["total"] = "99999999.00" })
		}},
		{"RecordDeleted", func(t TB, w *World, st voucher.Store, _ voucher.Application, red voucher.Redemption) {
			tamper.DeleteRecord(t, st, voucher.StreamRedemption, red.ID)
		}},
		{"EntryEditedAndRechained", func(t TB, w *World, st voucher.Store, _ voucher.Application, _ voucher.Redemption) {
			entries := trailOf(t, st)
			entries[2].Note = "amount=99999.00"
			var tail voucher.AuditTail
			for i := range entries {
				if i >= 2 {
					entries[i].Chain = tail.Hash
					entries[i].Hash = entries[i].ComputeHash(nil) // the attacker lacks the key
				}
				tail = entries[i].Tail()
			}
			tamper.RewriteTrail(t, st, entries)
		}},
		{"TrailCutShort", func(t TB, w *World, st voucher.Store, _ voucher.Application, _ voucher.Redemption) {
			entries := trailOf(t, st)
			tamper.RewriteTrail(t, st, entries[:len(entries)-3])
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { _ = st.Close() })
			w := NewWorld(t, st)
			w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(100000)})
			app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
			red := w.Redeem(app.ID, "9099.00", "4000.00")
			cp, err := w.Svc.Checkpoint(bg)
			require.NoError(t, err)
			require.NoError(t, w.Svc.VerifyAudit(bg, cp), "the trail verifies before the edit")
			app, err = w.Svc.Application(bg, w.Office, app.ID)
			require.NoError(t, err)
			tc.edit(t, w, st, app, red)
			err = w.Svc.VerifyAudit(bg, cp)
			require.ErrorIs(t, err, cxq.ErrTampered, "VerifyAudit must detect it")
		})
	}
}

func trailOf(t TB, st voucher.Store) []voucher.AuditEntry {
	t.Helper()
	var entries []voucher.AuditEntry
	require.NoError(t, st.View(bg, func(tx voucher.Tx) error {
		var err error
		entries, err = tx.Audit(bg, "")
		return err
	}))
	require.Greater(t, len(entries), 5)
	return entries
}
