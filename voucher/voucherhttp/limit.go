package voucherhttp

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/cxqkit/cxq"
)

// An objection lodged without signing in holds a redemption's payout for the office's
// decision, so a flood of them from one client could hold every entry of a list. The
// handler therefore counts them per client in windows of objectionWindow; past
// Options.ObjectionsPerHour, the next is refused with errTooManyObjections (429) until
// the window ends. Signed-in people are not counted: they answer for what they lodge.
const (
	objectionWindow = time.Hour
	// defaultObjectionsPerHour is the limit when Options.ObjectionsPerHour is zero.
	defaultObjectionsPerHour = 20
	// maxLimitedClients bounds the clients one window remembers. When a window already
	// counts that many, a client it has not seen is refused until the window ends:
	// a flood from many addresses cannot grow the handler's memory without bound.
	maxLimitedClients = 1 << 16
)

// CodeRateLimited is the code of a change refused because its client made too many of
// them in a short time (HTTP 429, with Retry-After).
const CodeRateLimited = "rate_limited"

// errTooManyObjections is a refused objection: the window's limit is reached.
var errTooManyObjections = cxq.NewFieldError("client", CodeRateLimited, nil,
	cxq.T("同一来源提交异议过于频繁，请稍后再试", "too many objections from this address; try again later"))

// windowLimiter counts events per client in fixed windows. It is safe for concurrent use.
type windowLimiter struct {
	max    int // events per client per window; negative: no limit
	window time.Duration

	mu     sync.Mutex
	start  time.Time      // the current window began then
	counts map[string]int // events per client in the current window
}

func newWindowLimiter(max int, window time.Duration) *windowLimiter {
	return &windowLimiter{max: max, window: window, counts: map[string]int{}}
}

// allow counts one event of client at now and reports whether it is within the limit;
// when it is not, wait is how long until the window ends.
func (l *windowLimiter) allow(client string, now time.Time) (ok bool, wait time.Duration) {
	if l.max < 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Before(l.start) || !now.Before(l.start.Add(l.window)) {
		l.start = now.Truncate(l.window)
		clear(l.counts)
	}
	n, seen := l.counts[client]
	if n >= l.max || (!seen && len(l.counts) >= maxLimitedClients) {
		return false, l.start.Add(l.window).Sub(now)
	}
	l.counts[client] = n + 1
	return true, 0
}

// clientOf names the client of r for the limit: Options.ClientAddr when set, else the
// host of RemoteAddr, an IPv6 address by its /64 (one subscriber's usual share).
func (h *Handler) clientOf(r *http.Request) string {
	if h.opts.ClientAddr != nil {
		return h.opts.ClientAddr(r)
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	addr = addr.Unmap()
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// allowObjection counts an objection asked through r: nil when it may go on, else
// errTooManyObjections, with Retry-After set on w. A signed-in person is not counted.
func (h *Handler) allowObjection(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.actor(r); err == nil {
		return nil
	}
	ok, wait := h.objections.allow(h.clientOf(r), h.now())
	if ok {
		return nil
	}
	w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
	return errTooManyObjections
}

// limitObjections refuses next's request when allowObjection does.
func (h *Handler) limitObjections(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h.allowObjection(w, r); err != nil {
			h.failAPI(w, r, err)
			return
		}
		next(w, r)
	}
}
