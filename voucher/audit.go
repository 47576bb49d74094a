package voucher

import (
	"strings"
	"time"

	"github.com/cxqkit/cxq/internal/chain"
)

// AuditEntry is one line of the append-only audit trail. The entries form one chain, the
// trail, in the order they were written (Pos counts from 1 and Chain is the Hash of the
// entry at Pos−1), and within it one chain per record (Stream, e.g.
// "application/A000001": Seq counts from 1 and Prev is the Hash of the stream's entry
// before). Content is the hash of the record's full content right after the change
// (see [ContentHash]), so an edit of a stored record shows against its last entry. Hash
// covers every other field, as an HMAC-SHA-256 under the audit key ([AuditKeys]), or a
// plain SHA-256 in unkeyed mode. A Store writes the entry in the same transaction as the
// change it records and offers no way to edit or delete it; [Service.VerifyAudit]
// detects an edited, inserted, deleted or re-chained entry, an edited or deleted record
// and, against a [Checkpoint], a trail cut short.
type AuditEntry struct {
	Pos     int64     `json:"pos"`
	Chain   string    `json:"chain"`
	Stream  string    `json:"stream"`
	Seq     int64     `json:"seq"`
	At      time.Time `json:"at"` // UTC, microsecond precision (what every database keeps)
	Actor   string    `json:"actor"`
	Role    Role      `json:"role"`
	Action  string    `json:"action"` // e.g. "submit", "approve", "quota.release"
	From    string    `json:"from,omitempty"`
	To      string    `json:"to,omitempty"`
	Note    string    `json:"note,omitempty"` // opinion, reason or amounts, as people read them
	Content string    `json:"content,omitempty"`
	Prev    string    `json:"prev"`
	Hash    string    `json:"hash"`
}

// AuditTail is the last entry of the trail: its position and hash (zero for an empty
// trail). A Checkpoint signs one.
type AuditTail struct {
	Pos  int64  `json:"pos"`
	Hash string `json:"hash"`
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
const auditTag = "cxq.voucher.audit.v2"

// CanonicalBytes returns the encoding of e that its hash covers, in the encoding of
// package review's entries: the tag line "cxq.voucher.audit.v2", then pos, chain,
// stream, seq, at, actor, role, action, from, to, note, content and prev, each as
// name "=" len ":" value "\n" (at in UTC as RFC 3339 with six fractional digits). Hash is
// not covered.
func (e AuditEntry) CanonicalBytes() []byte { return e.canonical().Bytes() }

func (e AuditEntry) canonical() *chain.Encoding {
	return chain.New(auditTag).Int("pos", e.Pos).Field("chain", e.Chain).Field("stream", e.Stream).Int("seq", e.Seq).
		Time("at", e.At).Field("actor", e.Actor).Field("role", string(e.Role)).Field("action", e.Action).
		Field("from", e.From).Field("to", e.To).Field("note", e.Note).Field("content", e.Content).Field("prev", e.Prev)
}

// ComputeHash returns the entry's hash: the HMAC-SHA-256 of its canonical encoding under
// key, or its SHA-256 when key is empty (unkeyed mode).
func (e AuditEntry) ComputeHash(key []byte) string {
	c := e.canonical()
	defer c.Free()
	return c.MAC(key)
}

// Link returns e as the entry that follows prev in its stream (prev nil: the stream's
// first) and tail in the trail, with Pos, Chain, Seq, Prev and Hash filled in (under key)
// and At cut to microseconds.
func (e AuditEntry) Link(prev *AuditEntry, tail AuditTail, key []byte) AuditEntry {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Pos, e.Chain = tail.Pos+1, tail.Hash
	e.Seq, e.Prev = 1, ""
	if prev != nil {
		e.Stream, e.Seq, e.Prev = prev.Stream, prev.Seq+1, prev.Hash
	}
	e.Hash = e.ComputeHash(key)
	return e
}

// Tail returns the trail's tail once e is appended.
func (e AuditEntry) Tail() AuditTail { return AuditTail{Pos: e.Pos, Hash: e.Hash} }

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
