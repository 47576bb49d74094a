package voucher

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"github.com/cxqkit/cxq/internal/jsonenc"
)

// A change of a reviewed record encodes the record once: the JSON of the record with its
// audit fields cleared is what the change's audit entry commits to (ContentHash), and
// the same bytes with the entry's head spliced in are byte for byte json.Marshal of the
// record as stored — what the idempotency record keeps as the call's result and what a
// driver that stores JSON may write (EncodedRecord) instead of encoding it again.

// encoded is the JSON of a record as one change left it.
type encoded struct {
	id      string
	version int64
	head    string
	json    []byte
}

// headless is how the audit fields of a record read in its content encoding.
var headless = []byte(`"audit_head":"","audit_seq":0`)

// encodeContent returns the JSON of rec (whose AuditHead and AuditSeq the caller has
// cleared), in a buffer of the pool that the caller hands back with release once done
// with the bytes, and its ContentHash: the encoding is read twice (hashed, then spliced
// by withHead) and kept by neither.
func encodeContent(rec any) (*encBuf, string, error) {
	buf, err := encodeJSON(rec)
	if err != nil {
		return nil, "", fmt.Errorf("voucher: encode record: %w", err)
	}
	s := sha256.Sum256(buf.b)
	return buf, hexDigest(s), nil
}

// hexDigest is hex.EncodeToString of a SHA-256 sum, in one allocation (the string)
// instead of two.
func hexDigest(sum [sha256.Size]byte) string {
	var b [2 * sha256.Size]byte
	hex.Encode(b[:], sum[:])
	return string(b[:])
}

// encBuf is a buffer of the pool records are encoded into.
type encBuf struct{ b []byte }

// Bytes returns the encoding.
func (e *encBuf) Bytes() []byte { return e.b }

// encodeBufs are the buffers records are encoded into for hashing.
var encodeBufs = sync.Pool{New: func() any { return new(encBuf) }}

// maxPooled is the largest buffer handed back to the pool; a larger one (a record with
// a long history) is left to the collector rather than held.
const maxPooled = 64 << 10

// encodeJSON returns, in a buffer of the pool, exactly what json.Marshal returns for v,
// written by internal/jsonenc (Marshal's bytes without its cost per amount, time and
// string); what jsonenc does not write, encoding/json does.
func encodeJSON(v any) (*encBuf, error) {
	buf := encodeBufs.Get().(*encBuf)
	b, err := jsonenc.Append(buf.b[:0], v)
	if err != nil {
		b, err = json.Marshal(v)
	}
	if err != nil {
		release(buf)
		return nil, err
	}
	buf.b = b
	return buf, nil
}

// release hands buf back to the pool.
func release(buf *encBuf) {
	if cap(buf.b) <= maxPooled {
		encodeBufs.Put(buf)
	}
}

// withHead returns the content encoding of c's record with its audit fields set to c's,
// or false when the encoding does not hold them exactly once (then the caller encodes
// the record itself). The fields are a hex hash and an integer, which JSON writes as
// they are, and text inside any string is escaped, so the one match is the field.
func withHead(content []byte, c *Record) (encoded, bool) {
	i := bytes.Index(content, headless)
	if i < 0 || bytes.Contains(content[i+len(headless):], headless) {
		return encoded{}, false
	}
	out := make([]byte, 0, len(content)+len(c.AuditHead)+20)
	out = append(out, content[:i]...)
	out = append(out, `"audit_head":"`...)
	out = append(out, c.AuditHead...)
	out = append(out, `","audit_seq":`...)
	out = strconv.AppendInt(out, c.AuditSeq, 10)
	out = append(out, content[i+len(headless):]...)
	return encoded{id: c.ID, version: c.Version, head: c.AuditHead, json: out}, true
}

// of reports whether e is the encoding of the record c is the core of.
func (e encoded) of(c *Record) bool {
	return e.json != nil && e.id == c.ID && e.version == c.Version && e.head == c.AuditHead
}

type encodedKey struct{}

// EncodedRecord returns the JSON encoding the Service made of the application or
// redemption r is the core of, when ctx is the context of the Records.Create or Update
// call that stores it: byte for byte what encoding/json makes of the record. A driver
// that keeps records as JSON may store these bytes rather than encode the record again;
// false means it must encode it itself.
func EncodedRecord(ctx context.Context, r *Record) ([]byte, bool) {
	e, ok := ctx.Value(encodedKey{}).(encoded)
	if !ok || !e.of(r) {
		return nil, false
	}
	return e.json, true
}

// callTx is the Tx a mutating call's function runs on: it keeps the encoding of the
// last record the call stored, for the idempotency result, and the trail's tail once
// read or moved by the call's own append (the transaction holds the tail from its first
// read to its end, so only this call can move it: the store is asked once).
type callTx struct {
	Tx
	last      encoded
	tail      AuditTail
	tailKnown bool
}

// AuditTail returns the tail as this call last saw or left it, reading it only once.
func (ct *callTx) AuditTail(ctx context.Context) (AuditTail, error) {
	if ct.tailKnown {
		return ct.tail, nil
	}
	t, err := ct.Tx.AuditTail(ctx)
	ct.tail, ct.tailKnown = t, err == nil
	return t, err
}

// AppendAudit appends e and makes it the tail this call knows.
func (ct *callTx) AppendAudit(ctx context.Context, e AuditEntry) error {
	err := ct.Tx.AppendAudit(ctx, e)
	ct.tail, ct.tailKnown = e.Tail(), err == nil
	return err
}

// remember keeps e as the encoding of the last record stored in the call.
func remember(tx Tx, e encoded) {
	if ct, ok := tx.(*callTx); ok {
		ct.last = e
	}
}

// resultJSON returns the JSON of a call's result *v: the encoding of the record the call
// stored last when *v is that record, else *v encoded. It takes a pointer so that a
// result (a record is a large struct) is not copied into an interface on every call.
func resultJSON[T any](tx Tx, v *T) ([]byte, error) {
	var c *Record
	switch r := any(v).(type) {
	case *Application:
		c = &r.Record
	case *Redemption:
		c = &r.Record
	}
	if ct, ok := tx.(*callTx); ok && c != nil && ct.last.of(c) {
		return ct.last.json, nil
	}
	return json.Marshal(*v)
}
