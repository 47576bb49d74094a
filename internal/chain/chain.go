package chain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// Encoding builds an entry's canonical encoding (see the package doc). The zero value is
// not usable; start one with [New].
type Encoding struct{ b []byte }

// New starts the encoding of an entry of the given tag, e.g. "cxq.review.audit.v1".
func New(tag string) *Encoding {
	e := &Encoding{b: make([]byte, 0, 256)}
	e.b = append(e.b, tag...)
	e.b = append(e.b, '\n')
	return e
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
	return e.Field(name, strconv.FormatInt(v, 10))
}

// Time appends a time field: UTC, RFC 3339 with six fractional digits.
func (e *Encoding) Time(name string, t time.Time) *Encoding {
	return e.Field(name, t.UTC().Format("2006-01-02T15:04:05.000000Z07:00"))
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
	m := hmac.New(sha256.New, key)
	m.Write(e.b)
	return hex.EncodeToString(m.Sum(nil))
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
