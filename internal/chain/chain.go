package chain

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cxqkit/cxq"
)

// Encoding builds an entry's canonical encoding (see the package doc). The zero value is
// not usable; start one with [New].
type Encoding struct{ b []byte }

// New starts the encoding of an entry of the given tag, e.g. "cxq.review.audit.v1". A
// caller that only hashes it hands it back with Free.
func New(tag string) *Encoding {
	e := encodings.Get().(*Encoding)
	e.b = append(e.b[:0], tag...)
	e.b = append(e.b, '\n')
	return e
}

// encodings are the encodings Free handed back, each with room for an entry's hashes
// and texts; one larger than maxPooled is left to the collector.
var encodings = sync.Pool{New: func() any { return &Encoding{b: make([]byte, 0, 512)} }}

const maxPooled = 4 << 10

// Free hands e back for a later New to reuse: neither e nor what its Bytes returned may
// be used after. Every entry written or verified is hashed once, so this saves an
// allocation per hash.
func (e *Encoding) Free() {
	if cap(e.b) <= maxPooled {
		encodings.Put(e)
	}
}

// Field appends a text field.
func (e *Encoding) Field(name, value string) *Encoding {
	e.b = append(e.b, name...)
	e.b = append(e.b, '=')
	e.b = lenPrefixed(e.b, value)
	e.b = append(e.b, '\n')
	return e
}

// Int appends an integer field, in decimal.
func (e *Encoding) Int(name string, v int64) *Encoding {
	var digits [20]byte
	return e.field(name, strconv.AppendInt(digits[:0], v, 10))
}

// Time appends a time field: UTC, RFC 3339 with six fractional digits.
func (e *Encoding) Time(name string, t time.Time) *Encoding {
	var text [40]byte
	return e.field(name, t.UTC().AppendFormat(text[:0], "2006-01-02T15:04:05.000000Z07:00"))
}

// field appends a field whose value is the bytes v, as Field does.
func (e *Encoding) field(name string, v []byte) *Encoding {
	e.b = append(e.b, name...)
	e.b = append(e.b, '=')
	e.b = strconv.AppendInt(e.b, int64(len(v)), 10)
	e.b = append(e.b, ':')
	e.b = append(e.b, v...)
	e.b = append(e.b, '\n')
	return e
}

// Map appends a map field: its pairs in key order, each part length-prefixed.
func (e *Encoding) Map(name string, m map[string]string) *Encoding {
	var b []byte
	for _, k := range slices.Sorted(maps.Keys(m)) {
		b = lenPrefixed(b, k)
		b = lenPrefixed(b, m[k])
	}
	return e.Field(name, string(b))
}

// Bytes returns the encoding.
func (e *Encoding) Bytes() []byte { return e.b }

// Sum returns the hex SHA-256 of the encoding.
func (e *Encoding) Sum() string {
	s := sha256.Sum256(e.b)
	return hex.EncodeToString(s[:])
}

// MAC returns the hex HMAC-SHA-256 of the encoding under key, or its plain SHA-256 (Sum)
// when key is empty: the unkeyed mode, in which anyone who can write the trail can also
// recompute it.
func (e *Encoding) MAC(key []byte) string {
	if len(key) == 0 {
		return e.Sum()
	}
	p := macPool(key)
	m := p.Get().(hash.Hash)
	m.Reset()
	m.Write(e.b)
	var sum [sha256.Size]byte
	out := hex.EncodeToString(m.Sum(sum[:0]))
	p.Put(m)
	return out
}

// keyedPool is a pool of HMAC-SHA-256 states under one key.
type keyedPool struct {
	key  []byte
	pool sync.Pool // of hash.Hash
}

// lastPool is the pool of the key last used: a process MACs under one audit key, so
// the states (each two SHA-256 states and the padded key) are made once, not per entry.
var lastPool atomic.Pointer[keyedPool]

// macPool returns the pool of HMAC states under key.
func macPool(key []byte) *sync.Pool {
	if p := lastPool.Load(); p != nil && bytes.Equal(p.key, key) {
		return &p.pool
	}
	p := &keyedPool{key: bytes.Clone(key)}
	p.pool.New = func() any { return hmac.New(sha256.New, p.key) }
	lastPool.Store(p)
	return &p.pool
}

func lenPrefixed(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}

// Link is one entry of a chain as the verifier sees it.
type Link struct {
	Seq  int64  // the entry's sequence number, from 1
	Prev string // the hash it names as the entry before ("" for the first)
	Hash string // the hash it carries
	Sum  string // the hash of its content, recomputed
}

// Verify walks the links of one stream, in order: sequence numbers 1..n, each Prev the
// Hash before it, each Hash its recomputed Sum. It returns the Hash of the last link, or
// a *cxq.TamperError for the first link that fails.
func Verify(stream string, links []Link) (head string, err error) {
	for i, l := range links {
		want := int64(i + 1)
		switch {
		case l.Seq != want:
			return "", Broken(stream, want, "entry missing or out of order")
		case l.Prev != head:
			return "", Broken(stream, want, "previous hash does not match the entry before")
		case l.Hash != l.Sum:
			return "", Broken(stream, want, "entry was altered")
		}
		head = l.Hash
	}
	return head, nil
}

// Broken returns the *cxq.TamperError for stream at seq.
func Broken(stream string, seq int64, reason string) error {
	return &cxq.TamperError{Stream: stream, Seq: seq, Reason: reason}
}
