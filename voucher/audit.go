package voucher

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cxqkit/cxq/internal/chain"
)

// AuditEntry is one line of the append-only audit trail. Entries form one hash chain per
// record (Stream, e.g. "application/A000001"): Seq counts from 1, Prev is the Hash of the
// entry before (empty for the first) and Hash covers every other field. A Store writes the
// entry in the same transaction as the change it records and offers no way to edit or
// delete it; [VerifyAudit] detects an edited, inserted or deleted entry.
type AuditEntry struct {
	Stream string    `json:"stream"`
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"` // UTC, microsecond precision (what every database keeps)
	Actor  string    `json:"actor"`
	Role   Role      `json:"role"`
	Action string    `json:"action"` // e.g. "submit", "approve", "quota.release"
	From   string    `json:"from,omitempty"`
	To     string    `json:"to,omitempty"`
	Note   string    `json:"note,omitempty"` // opinion, reason or amounts, as people read them
	Prev   string    `json:"prev"`
	Hash   string    `json:"hash"`
}

// Streams of the audit trail are named kind/id.
const (
	StreamOrder       = "order"
	StreamApplication = "application"
	StreamRedemption  = "redemption"
)

// StreamOf returns the stream name of a record.
func StreamOf(kind, id string) string { return kind + "/" + id }

// auditTag opens the canonical encoding of every voucher audit entry.
const auditTag = "cxq.voucher.audit.v1"

// CanonicalBytes returns the encoding of e that its hash covers, in the encoding of
// package review's entries: the tag line "cxq.voucher.audit.v1", then stream, seq, at,
// actor, role, action, from, to, note and prev, each as name "=" len ":" value "\n"
// (at in UTC as RFC 3339 with six fractional digits). Hash is not covered.
func (e AuditEntry) CanonicalBytes() []byte { return e.canonical().Bytes() }

func (e AuditEntry) canonical() *chain.Encoding {
	return chain.New(auditTag).Field("stream", e.Stream).Int("seq", e.Seq).Time("at", e.At).
		Field("actor", e.Actor).Field("role", string(e.Role)).Field("action", e.Action).
		Field("from", e.From).Field("to", e.To).Field("note", e.Note).Field("prev", e.Prev)
}

// ComputeHash returns the hex SHA-256 of the entry's canonical encoding.
func (e AuditEntry) ComputeHash() string { return e.canonical().Sum() }

// Chain returns e as the entry that follows prev in its stream (prev nil: the first),
// with Seq, Prev and Hash filled in and At cut to microseconds.
func (e AuditEntry) Chain(prev *AuditEntry) AuditEntry {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Seq, e.Prev = 1, ""
	if prev != nil {
		e.Stream, e.Seq, e.Prev = prev.Stream, prev.Seq+1, prev.Hash
	}
	e.Hash = e.ComputeHash()
	return e
}

// VerifyAudit checks the chains of entries (any number of streams, any order). heads
// gives, per stream, the Hash of the last entry as the record itself remembers it; a
// stream named in heads whose chain ends elsewhere has lost entries at its end. heads may
// be nil. It returns nil or a *cxq.TamperError (matching cxq.ErrTampered) naming the
// first stream and entry that fail.
func VerifyAudit(entries []AuditEntry, heads map[string]string) error {
	byStream := map[string][]AuditEntry{}
	for _, e := range entries {
		byStream[e.Stream] = append(byStream[e.Stream], e)
	}
	names := slices.Collect(maps.Keys(byStream))
	for s := range heads {
		if _, ok := byStream[s]; !ok {
			names = append(names, s)
		}
	}
	slices.Sort(names)
	for _, s := range names {
		entries := byStream[s]
		slices.SortFunc(entries, func(a, b AuditEntry) int { return cmp.Compare(a.Seq, b.Seq) })
		links := make([]chain.Link, len(entries))
		for i, e := range entries {
			links[i] = chain.Link{Seq: e.Seq, Prev: e.Prev, Hash: e.Hash, Sum: e.ComputeHash()}
		}
		last, err := chain.Verify(s, links)
		if err != nil {
			return err
		}
		if head, ok := heads[s]; ok && head != last {
			return chain.Broken(s, int64(len(entries)+1), "entries missing at the end")
		}
	}
	return nil
}

// auditNote joins key=value pairs for AuditEntry.Note.
func auditNote(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(kv[i] + "=" + kv[i+1])
	}
	return b.String()
}
