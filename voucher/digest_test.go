package voucher

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// TestNoticeIDIsDigestOfJoinedParts: noticeID joins its parts on the stack, and names a
// notice exactly as the digest of the parts joined by NUL did, whatever their length,
// so that notices stored before keep their IDs.
func TestNoticeIDIsDigestOfJoinedParts(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("天津", 100)
	for _, parts := range [][]string{
		nil, {""}, {"", ""}, {"application/A1", "4", "org:E1"},
		{"application/A1", "remind", "first_use_missed", "2026-03-01T00:00:00Z", "30", "org:E1"},
		{long}, {long, "x"}, {strings.Repeat("a", 255)}, {strings.Repeat("a", 256)}, {strings.Repeat("a", 128), strings.Repeat("b", 127)},
	} {
		sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
		if got, want := noticeID(parts...), "NT"+hex.EncodeToString(sum[:12]); got != want {
			t.Errorf("noticeID(%q) = %s, want %s", parts, got, want)
		}
	}
}

// TestHexDigestIsHexOfSum: hexDigest writes a digest as hex.EncodeToString does.
func TestHexDigestIsHexOfSum(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "a", strings.Repeat("天津", 50)} {
		sum := sha256.Sum256([]byte(s))
		if got, want := hexDigest(sum), hex.EncodeToString(sum[:]); got != want {
			t.Errorf("hexDigest(%q) = %s, want %s", s, got, want)
		}
	}
}
