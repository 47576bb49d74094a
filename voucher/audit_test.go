package voucher_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

func chain(t testing.TB) []voucher.AuditEntry {
	t.Helper()
	at := time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.UTC)
	e1 := voucher.AuditEntry{Stream: "application/A1", At: at, Actor: "u1", Role: voucher.RoleEnterprise, Action: "submit",
		From: "draft", To: "district_review", Note: "amount=4549.50"}.Chain(nil)
	e2 := voucher.AuditEntry{At: at.Add(time.Hour), Actor: "r1", Role: voucher.RoleDistrict, Action: "approve",
		From: "district_review", To: "professional_review"}.Chain(&e1)
	e3 := voucher.AuditEntry{At: at.Add(2 * time.Hour), Actor: "r2", Role: voucher.RoleProfessional, Action: "approve",
		From: "professional_review", To: "approved", Note: "opinion=同意"}.Chain(&e2)
	return []voucher.AuditEntry{e1, e2, e3}
}

func TestAuditChain(t *testing.T) {
	t.Parallel()
	c := chain(t)
	require.Equal(t, int64(3), c[2].Seq)
	require.Equal(t, c[1].Hash, c[2].Prev)
	require.Equal(t, 123456000, c[0].At.Nanosecond(), "cut to microseconds, as databases keep it")
	heads := map[string]string{"application/A1": c[2].Hash}
	require.NoError(t, voucher.VerifyAudit(c, heads))
	require.NoError(t, voucher.VerifyAudit([]voucher.AuditEntry{c[2], c[0], c[1]}, heads), "order of input does not matter")

	for name, tamper := range map[string]func([]voucher.AuditEntry) []voucher.AuditEntry{
		"edited note":  func(c []voucher.AuditEntry) []voucher.AuditEntry { c[1].Note = "amount=9999.00"; return c },
		"edited actor": func(c []voucher.AuditEntry) []voucher.AuditEntry { c[0].Actor = "u2"; return c },
		"edited time":  func(c []voucher.AuditEntry) []voucher.AuditEntry { c[2].At = c[2].At.Add(time.Second); return c },
		"deleted":      func(c []voucher.AuditEntry) []voucher.AuditEntry { return []voucher.AuditEntry{c[0], c[2]} },
		"cut at end":   func(c []voucher.AuditEntry) []voucher.AuditEntry { return c[:2] },
		"rehashed edit": func(c []voucher.AuditEntry) []voucher.AuditEntry {
			c[1].To = "approved"
			c[1].Hash = c[1].ComputeHash()
			return c
		},
	} {
		t.Run(name, func(t *testing.T) {
			err := voucher.VerifyAudit(tamper(chain(t)), heads)
			require.ErrorIs(t, err, cxq.ErrTampered)
			var ae *cxq.TamperError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, "application/A1", ae.Stream)
		})
	}
}

// Any change to any field of any entry is detected.
func FuzzVerifyAudit(f *testing.F) {
	f.Add(0, 0, "x")
	f.Add(2, 5, "")
	f.Fuzz(func(t *testing.T, entry, field int, value string) {
		c := chain(t)
		heads := map[string]string{"application/A1": c[2].Hash}
		e := &c[(entry%3+3)%3]
		changed := true
		switch (field%7 + 7) % 7 {
		case 0:
			changed, e.Actor = e.Actor != value, value
		case 1:
			changed, e.Action = e.Action != value, value
		case 2:
			changed, e.Note = e.Note != value, value
		case 3:
			changed, e.From = e.From != value, value
		case 4:
			changed, e.To = e.To != value, value
		case 5:
			changed, e.Role = string(e.Role) != value, voucher.Role(value)
		case 6:
			changed, e.Prev = e.Prev != value, value
		}
		err := voucher.VerifyAudit(c, heads)
		if changed {
			require.ErrorIs(t, err, cxq.ErrTampered)
		} else {
			require.NoError(t, err)
		}
	})
}
