package voucher_test

import (
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

var testKey = []byte("audit test key, 32 bytes or more!")

// trail is two streams interleaved in one trail, keyed with testKey.
func trail(t testing.TB) ([]voucher.AuditEntry, map[string]voucher.RecordState) {
	t.Helper()
	at := time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.UTC)
	var tail voucher.AuditTail
	link := func(e voucher.AuditEntry, prev *voucher.AuditEntry) voucher.AuditEntry {
		e = e.Link(prev, tail, testKey)
		tail = e.Tail()
		return e
	}
	e1 := link(voucher.AuditEntry{Stream: "application/A1", At: at, Actor: "u1", Role: voucher.RoleEnterprise, Action: "submit",
		From: "draft", To: "district_review", Note: "amount=4549.50", Content: "c1"}, nil)
	o1 := link(voucher.AuditEntry{Stream: "order/IV1", At: at, Actor: "u1", Action: "place", Content: "o1"}, nil)
	e2 := link(voucher.AuditEntry{At: at.Add(time.Hour), Actor: "r1", Role: voucher.RoleDistrict, Action: "approve",
		From: "district_review", To: "professional_review", Content: "c2"}, &e1)
	e3 := link(voucher.AuditEntry{At: at.Add(2 * time.Hour), Actor: "r2", Role: voucher.RoleProfessional, Action: "approve",
		From: "professional_review", To: "approved", Note: "opinion=同意", Content: "c3"}, &e2)
	records := map[string]voucher.RecordState{
		"application/A1": {Head: e3.Hash, Content: "c3"},
		"order/IV1":      {Head: o1.Hash, Content: "o1"},
	}
	return []voucher.AuditEntry{e1, o1, e2, e3}, records
}

func TestAuditTrail(t *testing.T) {
	t.Parallel()
	c, records := trail(t)
	require.Equal(t, int64(3), c[3].Seq)
	require.Equal(t, int64(4), c[3].Pos)
	require.Equal(t, c[2].Hash, c[3].Prev)
	require.Equal(t, c[2].Hash, c[3].Chain)
	require.Equal(t, 123456000, c[0].At.Nanosecond(), "cut to microseconds, as databases keep it")
	tail, err := voucher.VerifyTrail(c, records, testKey)
	require.NoError(t, err)
	require.Equal(t, c[3].Tail(), tail)
	_, err = voucher.VerifyTrail([]voucher.AuditEntry{c[3], c[0], c[2], c[1]}, records, testKey)
	require.NoError(t, err, "order of input does not matter")
	_, err = voucher.VerifyTrail(c, records, []byte("another key, also long enough......"))
	require.ErrorIs(t, err, cxq.ErrTampered, "a trail does not verify under another key")

	for name, tamper := range map[string]func([]voucher.AuditEntry, map[string]voucher.RecordState) []voucher.AuditEntry{
		"edited note": func(c []voucher.AuditEntry, _ map[string]voucher.RecordState) []voucher.AuditEntry {
			c[2].Note = "x"
			return c
		},
		"edited actor": func(c []voucher.AuditEntry, _ map[string]voucher.RecordState) []voucher.AuditEntry {
			c[0].Actor = "u2"
			return c
		},
		"edited time": func(c []voucher.AuditEntry, _ map[string]voucher.RecordState) []voucher.AuditEntry {
			c[3].At = c[3].At.Add(time.Second)
			return c
		},
		"deleted entry": func(c []voucher.AuditEntry, _ map[string]voucher.RecordState) []voucher.AuditEntry {
			return []voucher.AuditEntry{c[0], c[1], c[3]}
		},
		"cut at end": func(c []voucher.AuditEntry, _ map[string]voucher.RecordState) []voucher.AuditEntry { return c[:3] },
		"rehashed without the key": func(c []voucher.AuditEntry, _ map[string]voucher.RecordState) []voucher.AuditEntry {
			c[3].To = "rejected"
			c[3].Hash = c[3].ComputeHash(nil)
			return c
		},
		"record content edited": func(c []voucher.AuditEntry, r map[string]voucher.RecordState) []voucher.AuditEntry {
			r["application/A1"] = voucher.RecordState{Head: c[3].Hash, Content: "edited"}
			return c
		},
		"record deleted": func(c []voucher.AuditEntry, r map[string]voucher.RecordState) []voucher.AuditEntry {
			delete(r, "order/IV1")
			return c
		},
		"record without a trail": func(c []voucher.AuditEntry, r map[string]voucher.RecordState) []voucher.AuditEntry {
			r["order/IV2"] = voucher.RecordState{Content: "x"}
			return c
		},
	} {
		t.Run(name, func(t *testing.T) {
			c, records := trail(t)
			_, err := voucher.VerifyTrail(tamper(c, records), records, testKey)
			require.ErrorIs(t, err, cxq.ErrTampered)
			var te *cxq.TamperError
			require.ErrorAs(t, err, &te)
		})
	}
}

func TestCheckpointSignature(t *testing.T) {
	t.Parallel()
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	cp := voucher.Checkpoint{Size: 4, Head: "abc", At: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	cp.Signature = ed25519.Sign(key, cp.SignedBytes())
	pub := key.Public().(ed25519.PublicKey)
	require.NoError(t, cp.Verify(pub))
	for name, edit := range map[string]func(*voucher.Checkpoint){
		"size": func(c *voucher.Checkpoint) { c.Size = 3 },
		"head": func(c *voucher.Checkpoint) { c.Head = "abd" },
		"time": func(c *voucher.Checkpoint) { c.At = c.At.Add(time.Second) },
	} {
		bad := cp
		edit(&bad)
		require.ErrorIs(t, bad.Verify(pub), cxq.ErrTampered, name)
	}
}

// Any change to any field of any entry is detected.
func FuzzVerifyTrail(f *testing.F) {
	f.Add(0, 0, "x")
	f.Add(2, 5, "")
	f.Fuzz(func(t *testing.T, entry, field int, value string) {
		c, records := trail(t)
		e := &c[(entry%4+4)%4]
		changed := true
		switch (field%8 + 8) % 8 {
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
		case 7:
			changed, e.Content = e.Content != value, value
		}
		_, err := voucher.VerifyTrail(c, records, testKey)
		if changed {
			require.ErrorIs(t, err, cxq.ErrTampered)
		} else {
			require.NoError(t, err)
		}
	})
}
