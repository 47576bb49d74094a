package review_test

import (
	"github.com/cxqkit/cxq"

	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

func TestCanonicalBytes(t *testing.T) {
	t.Parallel()
	e := review.AuditEntry{
		Case: "A-1", Seq: 2, From: "district_review", To: "returned", Action: "return",
		Actor: "dist-1", Role: "district_reviewer", Opinion: "请补充报价单",
		Fields: map[string]string{"b": "2", "a": "10"},
		Time:   time.Date(2025, 3, 1, 16, 0, 0, 1500, time.FixedZone("CST", 8*3600)),
		Prev:   "ab", Hash: "ignored",
	}
	want := "cxq.review.audit.v1\n" +
		"case=3:A-1\n" +
		"seq=1:2\n" +
		"from=15:district_review\n" +
		"to=8:returned\n" +
		"action=6:return\n" +
		"actor=6:dist-1\n" +
		"role=17:district_reviewer\n" +
		"opinion=18:请补充报价单\n" +
		"time=27:2025-03-01T08:00:00.000001Z\n" +
		"fields=13:1:a2:101:b1:2\n" +
		"prev=2:ab\n"
	require.Equal(t, want, string(review.CanonicalBytes(e)))
	sum := sha256.Sum256([]byte(want))
	require.Equal(t, hex.EncodeToString(sum[:]), review.HashEntry(e))
	e.Hash = "other"
	require.Equal(t, hex.EncodeToString(sum[:]), review.HashEntry(e), "Hash is not covered")
}

// history returns a five-entry history of the Tianjin application with a return.
func history(t testing.TB) (*review.Workflow, review.Case) {
	w := review.TianjinApplication()
	d := newDriver(t, w)
	c := d.open("A-1")
	for _, a := range []review.Action{review.Submit, review.Return, review.Resubmit, review.Approve, review.Approve} {
		c = d.fire(c, a)
	}
	return w, c
}

func TestVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	w, c := history(t)
	require.NoError(t, review.Verify(c.History))
	require.NoError(t, review.VerifyCase(w, c))
	require.NoError(t, review.Verify(nil))

	edits := map[string]func(h []review.AuditEntry){
		"opinion":       func(h []review.AuditEntry) { h[1].Opinion += "。" },
		"actor":         func(h []review.AuditEntry) { h[2].Actor = "someone" },
		"role":          func(h []review.AuditEntry) { h[3].Role = review.RoleOffice },
		"time":          func(h []review.AuditEntry) { h[0].Time = h[0].Time.Add(time.Microsecond) },
		"to":            func(h []review.AuditEntry) { h[4].To = review.Rejected },
		"action":        func(h []review.AuditEntry) { h[4].Action = review.Reject },
		"fields":        func(h []review.AuditEntry) { h[3].Fields = map[string]string{"x": "1"} },
		"case":          func(h []review.AuditEntry) { h[2].Case = "A-2" },
		"seq":           func(h []review.AuditEntry) { h[2].Seq = 9 },
		"prev":          func(h []review.AuditEntry) { h[1].Prev = h[0].Prev },
		"hash":          func(h []review.AuditEntry) { h[0].Hash = h[1].Hash },
		"swap":          func(h []review.AuditEntry) { h[1], h[2] = h[2], h[1] },
		"rehashed edit": func(h []review.AuditEntry) { h[1].Opinion = "x"; h[1].Hash = review.HashEntry(h[1]) },
	}
	for name, edit := range edits {
		h := c.Clone().History
		edit(h)
		err := review.Verify(h)
		var te *cxq.TamperError
		require.ErrorAs(t, err, &te, name)
		require.ErrorIs(t, err, cxq.ErrTampered, name)
	}
	for i := range c.History {
		h := c.Clone().History
		h = append(h[:i], h[i+1:]...)
		cut := c.Clone()
		cut.History = h
		require.Error(t, review.VerifyCase(w, cut), "removing entry %d", i)
		if i < len(c.History)-1 {
			require.Error(t, review.Verify(h), "removing entry %d", i)
		}
	}
	// A case whose state or ID disagree with its history.
	for name, edit := range map[string]func(c *review.Case){
		"state":       func(c *review.Case) { c.State = review.Rejected },
		"id":          func(c *review.Case) { c.ID = "A-9" },
		"no history":  func(c *review.Case) { c.History = nil; c.Version = 0 },
		"not initial": func(c *review.Case) { c.History = nil; c.Version = 0; c.State = review.Draft },
	} {
		x := c.Clone()
		edit(&x)
		err := review.VerifyCase(w, x)
		if name == "not initial" {
			require.NoError(t, err)
			continue
		}
		require.ErrorIs(t, err, cxq.ErrTampered, name)
	}
}

func TestCaseJSONKeepsHashes(t *testing.T) {
	t.Parallel()
	w, c := history(t)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back review.Case
	require.NoError(t, json.Unmarshal(b, &back))
	require.NoError(t, review.VerifyCase(w, back))
	require.Equal(t, c.History[4].Hash, back.History[4].Hash)
	// A stored case can be fired on after it is read back.
	_, _, err = w.Fire(back, review.Input{Action: review.Withdraw, Time: back.History[4].Time,
		Actor: review.Actor{ID: "s", Roles: []review.Role{review.RoleApplicant}, Org: "ent-1"}})
	require.ErrorIs(t, err, review.ErrNotAllowed, "approved is terminal")
}

func TestReplay(t *testing.T) {
	t.Parallel()
	w, c := history(t)
	s, err := review.Replay(w, c.History)
	require.NoError(t, err)
	require.Equal(t, c.State, s)
	h := c.Clone().History
	h[2].To = review.ProfessionalReview
	_, err = review.Replay(w, h)
	require.ErrorIs(t, err, cxq.ErrTampered)
	_, err = review.Replay(review.TianjinRedemption(), c.History)
	require.ErrorIs(t, err, cxq.ErrTampered, "district approval leads elsewhere in the redemption")
}
