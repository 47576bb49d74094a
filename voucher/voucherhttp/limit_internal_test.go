package voucherhttp

import (
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestWindowLimiterBoundsItsMemory: a window remembers at most maxLimitedClients
// clients; one it has not seen is refused once it is full, until the next window.
func TestWindowLimiterBoundsItsMemory(t *testing.T) {
	l := newWindowLimiter(1, time.Hour)
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	for i := range maxLimitedClients {
		ok, _ := l.reserve(strconv.Itoa(i), at)
		require.True(t, ok)
	}
	ok, wait := l.reserve("one more", at)
	require.False(t, ok)
	require.Equal(t, 30*time.Minute, wait)
	require.Len(t, l.counts, maxLimitedClients)
	ok, _ = l.reserve("one more", at.Add(30*time.Minute))
	require.True(t, ok, "the next window starts empty")
	require.Len(t, l.counts, 1)

	l.release("one more", at.Add(30*time.Minute))
	require.Empty(t, l.counts, "given back")
	l.release("never seen", at.Add(30*time.Minute))
	require.Empty(t, l.counts)

	unlimited := newWindowLimiter(-1, time.Hour)
	for range 5 {
		ok, _ := unlimited.reserve("x", at)
		require.True(t, ok)
	}
}

// TestClientOf: by default the client is RemoteAddr's host, an IPv6 one by its /64.
func TestClientOf(t *testing.T) {
	h := &Handler{}
	for remote, want := range map[string]string{
		"198.51.100.7:5000":          "198.51.100.7",
		"[2001:db8:1:2:3:4:5:6]:443": "2001:db8:1:2::/64",
		"[2001:db8:1:2:ffff::1]:443": "2001:db8:1:2::/64",
		"[::ffff:198.51.100.7]:80":   "198.51.100.7",
		"not an address":             "not an address",
	} {
		r := httptest.NewRequest("POST", "/", nil)
		r.RemoteAddr = remote
		require.Equal(t, want, h.clientOf(r), remote)
	}
}
