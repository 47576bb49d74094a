package review

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq/internal/chain"
)

// AuditEntry records one transition. Entries are hash-chained: Prev is the Hash of the
// entry before (empty for the first) and Hash is [HashEntry] of this entry, so editing,
// removing or reordering any entry breaks the chain ([Verify]).
type AuditEntry struct {
	Case    string            `json:"case"`
	Seq     int64             `json:"seq"` // 1, 2, 3, ...: the case's version after this entry
	From    State             `json:"from"`
	To      State             `json:"to"`
	Action  Action            `json:"action"`
	Actor   string            `json:"actor"` // person ID
	Role    Role              `json:"role"`  // the role the person acted in
	Opinion string            `json:"opinion,omitempty"`
	Fields  map[string]string `json:"fields,omitempty"` // the input fields the transition set
	Time    time.Time         `json:"time"`             // UTC, microsecond precision
	Prev    string            `json:"prev"`             // hex SHA-256 of the previous entry, "" for the first
	Hash    string            `json:"hash"`             // hex SHA-256 of CanonicalBytes
}

// canonicalTag opens every canonical encoding; a new encoding gets a new tag.
const canonicalTag = "cxq.review.audit.v1"

// CanonicalBytes returns the encoding of e that its hash covers. A store in another
// language can recompute it:
//
//	"cxq.review.audit.v1\n"
//	then, for each of case, seq, from, to, action, actor, role, opinion, time, fields, prev
//	in that order: name "=" len ":" value "\n"
//
// where len is the value's length in bytes (decimal) and value is: seq in decimal; time
// in UTC as RFC 3339 with exactly six fractional digits ("2025-03-01T08:00:00.000000Z");
// fields as the concatenation, over keys in byte order, of len(key) ":" key len(value)
// ":" value; every other value as its UTF-8 text. Hash is not covered.
func CanonicalBytes(e AuditEntry) []byte { return canonical(e).Bytes() }

func canonical(e AuditEntry) *chain.Encoding {
	return chain.New(canonicalTag).Field("case", e.Case).Int("seq", e.Seq).
		Field("from", string(e.From)).Field("to", string(e.To)).Field("action", string(e.Action)).
		Field("actor", e.Actor).Field("role", string(e.Role)).Field("opinion", e.Opinion).
		Time("time", e.Time).Map("fields", e.Fields).Field("prev", e.Prev)
}

// HashEntry returns the hex SHA-256 of CanonicalBytes(e); the entry's own Hash field is
// ignored.
func HashEntry(e AuditEntry) string {
	c := canonical(e)
	defer c.Free()
	return c.Sum()
}

// Verify checks a case's whole history: sequence numbers 1..n in order, one case ID,
// each Prev equal to the Hash before it, each Hash equal to HashEntry, and each entry
// starting in the state the previous one ended in. It returns a *cxq.TamperError
// (matching cxq.ErrTampered, Stream the case ID) for the first entry that fails, or nil.
//
// A history cut short at its end still chains; compare its length with the case's
// version (see [VerifyCase]) or keep the last hash elsewhere to catch that.
func Verify(history []AuditEntry) error {
	if len(history) == 0 {
		return nil
	}
	id := history[0].Case
	links := make([]chain.Link, len(history))
	for i, e := range history {
		switch {
		case e.Case != id:
			return chain.Broken(id, int64(i+1), fmt.Sprintf("entry of case %q", e.Case))
		case i > 0 && e.From != history[i-1].To:
			return chain.Broken(id, int64(i+1), fmt.Sprintf("starts in %q but the entry before ended in %q", e.From, history[i-1].To))
		}
		links[i] = chain.Link{Seq: e.Seq, Prev: e.Prev, Hash: e.Hash, Sum: HashEntry(e)}
	}
	_, err := chain.Verify(id, links)
	return err
}

// VerifyCase checks c's history with Verify and that it agrees with the case: every
// entry names c.ID, the version equals the number of entries, the first entry starts in
// w's initial state and the last ends in c.State (the initial state when there is none).
func VerifyCase(w *Workflow, c Case) error {
	if err := Verify(c.History); err != nil {
		return err
	}
	n := len(c.History)
	switch {
	case int64(n) != c.Version:
		return chain.Broken(c.ID, c.Version, fmt.Sprintf("version %d but %d entries", c.Version, n))
	case n > 0 && c.History[0].Case != c.ID:
		return chain.Broken(c.ID, 1, fmt.Sprintf("entries of case %q", c.History[0].Case))
	case n > 0 && c.History[0].From != w.Initial():
		return chain.Broken(c.ID, 1, fmt.Sprintf("first entry starts in %q, not %q", c.History[0].From, w.Initial()))
	case n > 0 && c.History[n-1].To != c.State:
		return chain.Broken(c.ID, int64(n), fmt.Sprintf("history ends in %q, case is in %q", c.History[n-1].To, c.State))
	case n == 0 && c.State != w.Initial():
		return chain.Broken(c.ID, 0, fmt.Sprintf("no history, but case is in %q", c.State))
	}
	return nil
}

// Replay returns the state a history leads to from w's initial state, checking that
// every entry is a transition w offers from the state before it. It does not check
// hashes (see Verify) or who acted.
func Replay(w *Workflow, history []AuditEntry) (State, error) {
	s := w.Initial()
	for i, e := range history {
		t, ok := w.Transition(s, e.Action)
		if !ok || e.From != s || e.To != t.To {
			return s, chain.Broken(e.Case, int64(i+1),
				fmt.Sprintf("%s: %q -> %q is not a transition of %s from %q", e.Action, e.From, e.To, w.ID(), s))
		}
		s = t.To
	}
	return s, nil
}
