package voucher

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
)

// IDs hands out identifiers for new records; kind is "order", "application" or
// "redemption". IDs must be unique within a Store.
type IDs interface {
	NewID(kind string) string
}

// IDFunc adapts a function to IDs.
type IDFunc func(kind string) string

// NewID calls f.
func (f IDFunc) NewID(kind string) string { return f(kind) }

// Sequence hands out readable, deterministic IDs: "IV000001" for orders (the manual's
// order numbers start with IV), "AP…" for applications, "RD…" for redemptions, "RT…" for
// returns (退券) and "SA…" for sanctions, each
// kind counting from 1. It is safe for concurrent use; use it in tests and examples, and
// [RandomIDs] where several processes share one Store.
type Sequence struct {
	mu     sync.Mutex
	Prefix string // put before every ID, e.g. a test name; may be empty
	next   map[string]int
}

// NewID returns the next ID of kind.
func (s *Sequence) NewID(kind string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = map[string]int{}
	}
	s.next[kind]++
	return fmt.Sprintf("%s%s%06d", s.Prefix, kindPrefix(kind), s.next[kind])
}

func kindPrefix(kind string) string {
	switch kind {
	case StreamOrder:
		return "IV"
	case StreamApplication:
		return "AP"
	case StreamRedemption:
		return "RD"
	case StreamReturn:
		return "RT"
	case StreamSanction:
		return "SA"
	case KindPublication:
		return "GS" // 公示
	case KindObjection:
		return "YY" // 异议
	}
	return "X"
}

// RandomIDs returns IDs of the kind's prefix and 16 random hex digits.
func RandomIDs() IDs {
	return IDFunc(func(kind string) string {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			panic(err) // crypto/rand never fails on supported platforms
		}
		return kindPrefix(kind) + hex.EncodeToString(b[:])
	})
}
