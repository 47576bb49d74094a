package voucher

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
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

// ComputeHash returns the hex SHA-256 of the entry's fields other than Hash, each
// length-prefixed so that no two entries encode alike.
func (e AuditEntry) ComputeHash() string {
	h := sha256.New()
	for _, f := range []string{
		"cxq-audit-v1", e.Stream, strconv.FormatInt(e.Seq, 10), strconv.FormatInt(e.At.UTC().UnixMicro(), 10),
		e.Actor, string(e.Role), e.Action, e.From, e.To, e.Note, e.Prev,
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

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

// ErrAuditBroken is matched by every error of [VerifyAudit].
var ErrAuditBroken = errors.New("voucher: audit trail does not verify")

// AuditError names the first entry at which a chain fails to verify.
type AuditError struct {
	Stream string
	Seq    int64
	Reason string
}

func (e *AuditError) Error() string {
	return fmt.Sprintf("voucher: audit %s #%d: %s", e.Stream, e.Seq, e.Reason)
}

// Unwrap returns ErrAuditBroken.
func (e *AuditError) Unwrap() error { return ErrAuditBroken }

// VerifyAudit checks the chains of entries (any number of streams, any order). heads
// gives, per stream, the Hash of the last entry as the record itself remembers it; a
// stream named in heads whose chain ends elsewhere has lost entries at its end. heads may
// be nil.
func VerifyAudit(entries []AuditEntry, heads map[string]string) error {
	byStream := map[string][]AuditEntry{}
	for _, e := range entries {
		byStream[e.Stream] = append(byStream[e.Stream], e)
	}
	names := make([]string, 0, len(byStream)+len(heads))
	for s := range byStream {
		names = append(names, s)
	}
	for s := range heads {
		if _, ok := byStream[s]; !ok {
			names = append(names, s)
		}
	}
	sort.Strings(names)
	for _, s := range names {
		chain := byStream[s]
		sort.Slice(chain, func(i, j int) bool { return chain[i].Seq < chain[j].Seq })
		prev := ""
		for i, e := range chain {
			switch {
			case e.Seq != int64(i+1):
				return &AuditError{Stream: s, Seq: int64(i + 1), Reason: "entry missing"}
			case e.Prev != prev:
				return &AuditError{Stream: s, Seq: e.Seq, Reason: "previous hash does not match"}
			case e.ComputeHash() != e.Hash:
				return &AuditError{Stream: s, Seq: e.Seq, Reason: "entry was altered"}
			}
			prev = e.Hash
		}
		if head, ok := heads[s]; ok && head != prev {
			return &AuditError{Stream: s, Seq: int64(len(chain) + 1), Reason: "entries missing at the end"}
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
