package voucher

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
)

// Doc is one stored record of the programme's operations — a budget, a sanction, a
// return, a published notice, a spot check — as a Store keeps it: the JSON of the record
// (Data) beside the columns lists select on. Every kind shares the one table, the one
// compare-and-set rule and the one audit path ([Filed]); each kind's type and use cases
// live in a file of their own.
type Doc struct {
	Kind    string    `json:"kind"`    // e.g. "sanction"; also the audit stream's kind
	ID      string    `json:"id"`      // unique within Kind
	Subject string    `json:"subject"` // what the record concerns (a party, an application); "" none
	State   string    `json:"state"`   // where it stands, as lists select it ("active", "lifted" …)
	Version int64     `json:"version"` // 1 on creation, +1 per change
	Created time.Time `json:"created"`
	// AuditHead and AuditSeq name the record's last audit entry; Data does not hold them,
	// so the entry's content hash is the hash of Data itself.
	AuditHead string `json:"audit_head"`
	AuditSeq  int64  `json:"audit_seq"`
	Data      string `json:"data"` // the record's JSON, as encoding/json writes it
}

// DocFilter selects docs. Empty fields select any value (Kind "" every kind, for the
// audit check).
type DocFilter struct {
	Kind    string
	Subject string
	State   string
}

// Matches reports whether d is selected by f.
func (f DocFilter) Matches(d Doc) bool {
	return (f.Kind == "" || d.Kind == f.Kind) && (f.Subject == "" || d.Subject == f.Subject) && (f.State == "" || d.State == f.State)
}

// DocLess orders docs as Tx.Docs lists them: oldest first, then by ID.
func DocLess(a, b Doc) bool {
	if !a.Created.Equal(b.Created) {
		return a.Created.Before(b.Created)
	}
	return a.ID < b.ID
}

// Filed is the core every programme-operations record embeds: its ID, version, times and
// the head of its audit chain. The head is kept beside the record's JSON, not in it.
type Filed struct {
	ID        string    `json:"id"`
	Version   int64     `json:"version"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	AuditHead string    `json:"-"`
	AuditSeq  int64     `json:"-"`
}

func (f *Filed) filed() *Filed { return f }

// filing is a pointer to a programme-operations record: it embeds [Filed] and says which
// kind it is and what its lists select on.
type filing[T any] interface {
	*T
	filed() *Filed
	docKind() string
	docSubject() string
	docState() string
}

// docContent returns the hex SHA-256 of a doc's Data: the content its last audit entry
// commits to.
func docContent(data string) string {
	return hexDigest(sha256.Sum256([]byte(data)))
}

// loadFiled reads the record kind/id. A missing one matches cxq.ErrNotFound (as a typed
// not-found error naming kind); any other failure of the store is returned as it is.
func loadFiled[T any, P filing[T]](ctx context.Context, tx Tx, kind, id string) (T, error) {
	var v T
	d, err := tx.Doc(ctx, kind, id)
	if errors.Is(err, cxq.ErrNotFound) {
		return v, notFound(kind, id)
	}
	if err != nil {
		return v, err
	}
	return decodeFiled[T, P](d)
}

func decodeFiled[T any, P filing[T]](d Doc) (T, error) {
	var v T
	if err := json.Unmarshal([]byte(d.Data), &v); err != nil {
		return v, fmt.Errorf("voucher: %s %s: decode: %w", d.Kind, d.ID, err)
	}
	f := P(&v).filed()
	f.AuditHead, f.AuditSeq = d.AuditHead, d.AuditSeq
	return v, nil
}

// listFiled returns the records matching f, oldest first.
func listFiled[T any, P filing[T]](ctx context.Context, tx Tx, f DocFilter) ([]T, error) {
	docs, err := tx.Docs(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(docs))
	for _, d := range docs {
		v, err := decodeFiled[T, P](d)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// storeFiled writes rec after a change by a at now: a new record (Version 0) is created
// at Version 1, any other is replaced compare-and-set on its version; the change's audit
// entry (action, note; the record's JSON as its content) is appended in the same
// transaction.
func storeFiled[T any, P filing[T]](ctx context.Context, s *Service, tx Tx, rec P, a Actor, now time.Time,
	action, note string) error {
	f := rec.filed()
	created := f.Version == 0
	if created {
		f.Created = now
	}
	f.Version++
	f.Updated = now
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("voucher: encode %s: %w", rec.docKind(), err)
	}
	data := string(b)
	e, err := s.appendAudit(ctx, tx, AuditEntry{Stream: StreamOf(rec.docKind(), f.ID), At: now, Actor: a.ID,
		Role: a.Role, Action: action, To: rec.docState(), Note: note, Content: docContent(data)}, f.AuditSeq, f.AuditHead)
	if err != nil {
		return err
	}
	f.AuditSeq, f.AuditHead = e.Seq, e.Hash
	d := Doc{Kind: rec.docKind(), ID: f.ID, Subject: rec.docSubject(), State: rec.docState(), Version: f.Version,
		Created: f.Created, AuditHead: e.Hash, AuditSeq: e.Seq, Data: data}
	if created {
		return tx.CreateDoc(ctx, d)
	}
	return tx.UpdateDoc(ctx, d)
}

// docStates adds every doc's head and content to out, by stream, for the audit check.
func docStates(ctx context.Context, tx Tx, out map[string]RecordState) error {
	docs, err := tx.Docs(ctx, DocFilter{})
	if err != nil {
		return err
	}
	for _, d := range docs {
		out[StreamOf(d.Kind, d.ID)] = RecordState{Head: d.AuditHead, Content: docContent(d.Data)}
	}
	return nil
}
