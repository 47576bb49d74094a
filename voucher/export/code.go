package export

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"hash"
	"sort"
	"strings"

	"github.com/cxqkit/cxq"
)

// Kind names the form a record is printed on.
type Kind string

// The forms package export prints.
const (
	KindApplication Kind = "application" // 科技创新券申请表
	KindRedemption  Kind = "redemption"  // 创新券兑现申请表
)

// Record is what a verification code vouches for: which record, at which version, with
// which amounts. Amount names are free but must be the same when the code is made and
// when it is verified; [ApplicationForm.Record] and [RedemptionForm.Record] fix them.
type Record struct {
	Kind    Kind
	ID      string
	Version int64
	Amounts map[string]cxq.Money
}

// CodeOptions configures verification codes. A nil *CodeOptions means all defaults.
type CodeOptions struct {
	// Key, when set, makes the code an HMAC-SHA256 under it: only the holder of the key
	// (the portal) can make or check codes, so a forged form cannot carry a valid one.
	// Defaults to no key: the code is a plain SHA-256, which anyone can recompute; it
	// catches misprints and edits of the printed amounts, not deliberate forgery.
	Key []byte
}

// CodeLen is the number of symbols in a verification code (80 bits), printed in groups
// of four: "7QK4-M2XD-9VBN-H3TR".
const CodeLen = 16

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// crockfordEncoding is Crockford's base32 without padding: 10 bytes (80 bits) make
// exactly CodeLen symbols.
var crockfordEncoding = base32.NewEncoding(crockford).WithPadding(base32.NoPadding)

// Code returns the verification code printed on every page of r's form.
//
// The code is the first 80 bits of SHA-256 (or of HMAC-SHA256 under [CodeOptions.Key])
// over a canonical encoding of the record: a version tag, the kind, the ID, the version
// and each amount as "name" and its two-decimal value, amounts sorted by name, every
// field length-prefixed. It is written in Crockford's base32 (digits and capitals without
// I, L, O and U) in four groups of four, so it can be typed from paper.
func Code(r Record, opts *CodeOptions) string {
	var sym [CodeLen]byte
	crockfordEncoding.Encode(sym[:], digest(r, opts)[:CodeLen*5/8])
	b := make([]byte, 0, CodeLen+CodeLen/4-1)
	for i := 0; i < CodeLen; i += 4 {
		if i > 0 {
			b = append(b, '-')
		}
		b = append(b, sym[i:i+4]...)
	}
	return string(b)
}

// Verify reports whether code is the verification code of r. It accepts what a person
// types from paper: lower case, spaces or hyphens anywhere, and O, I and L for 0, 1, 1.
// The comparison takes constant time.
func Verify(code string, r Record, opts *CodeOptions) bool {
	got, ok := normalizeCode(code)
	if !ok {
		return false
	}
	want, _ := normalizeCode(Code(r, opts))
	return hmac.Equal([]byte(got), []byte(want))
}

func normalizeCode(code string) (string, bool) {
	var b strings.Builder
	for _, c := range strings.ToUpper(code) {
		switch {
		case c == '-' || c == ' ':
			continue
		case c == 'O':
			c = '0'
		case c == 'I' || c == 'L':
			c = '1'
		}
		if !strings.ContainsRune(crockford, c) {
			return "", false
		}
		b.WriteRune(c)
	}
	if b.Len() != CodeLen {
		return "", false
	}
	return b.String(), true
}

func digest(r Record, opts *CodeOptions) []byte {
	var h hash.Hash
	if opts != nil && len(opts.Key) > 0 {
		h = hmac.New(sha256.New, opts.Key)
	} else {
		h = sha256.New()
	}
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	field("cxq/export/code/v1")
	field(string(r.Kind))
	field(r.ID)
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], uint64(r.Version))
	h.Write(v[:])
	names := make([]string, 0, len(r.Amounts))
	for name := range r.Amounts {
		names = append(names, name)
	}
	sort.Strings(names)
	var n [binary.MaxVarintLen64]byte
	h.Write(n[:binary.PutUvarint(n[:], uint64(len(names)))])
	for _, name := range names {
		field(name)
		field(r.Amounts[name].String())
	}
	return h.Sum(nil)
}
