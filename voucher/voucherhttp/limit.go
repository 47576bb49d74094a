package voucherhttp

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// An objection lodged without signing in holds a redemption's payout for the office's
// decision, so a flood of them from one client could hold every entry of a list. The
// handler therefore counts the objections each client lodges in windows of
// objectionWindow; past Options.ObjectionsPerHour, the next is refused with a
// *rateLimitError (429) until the window ends. Only objections the Service takes count:
// a malformed or refused one costs nothing, so junk cannot fill the count. Signed-in
// people are not counted: they answer for what they lodge.
const (
	objectionWindow = time.Hour
	// defaultObjectionsPerHour is the limit when Options.ObjectionsPerHour is zero.
	defaultObjectionsPerHour = 20
	// maxLimitedClients bounds the clients one window remembers. When a window already
	// counts that many, a client it has not seen is refused until the window ends:
	// lodging objections from many addresses cannot grow the handler's memory without
	// bound.
	maxLimitedClients = 1 << 16
)

// CodeRateLimited is the code of a change refused because its client made too many of
// them in a short time (HTTP 429, with Retry-After).
const CodeRateLimited = "rate_limited"

// rateLimitError refuses an objection past the limit; Wait is how long until the
// window ends. It unwraps to the field error a person is shown.
type rateLimitError struct{ wait time.Duration }

var errTooManyObjections = cxq.NewFieldError("client", CodeRateLimited, nil,
	cxq.T("同一来源提交异议过于频繁，请稍后再试", "too many objections from this address; try again later"))

func (e *rateLimitError) Error() string { return errTooManyObjections.Error() }
func (e *rateLimitError) Unwrap() error { return errTooManyObjections }

// retryAfter sets Retry-After on w when err is a *rateLimitError.
func retryAfter(w http.ResponseWriter, err error) {
	var le *rateLimitError
	if errors.As(err, &le) {
		w.Header().Set("Retry-After", strconv.Itoa(int((le.wait+time.Second-1)/time.Second)))
	}
}

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

// reserve counts one event of client at now and reports whether it is within the limit;
// when it is not, wait is how long until the window ends. An event that did not take
// place after all is given back with release.
func (l *windowLimiter) reserve(client string, now time.Time) (ok bool, wait time.Duration) {
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

// release gives back an event reserve counted for client at now, unless its window has
// ended since.
func (l *windowLimiter) release(client string, now time.Time) {
	if l.max < 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if n, ok := l.counts[client]; ok && !now.Before(l.start) && now.Before(l.start.Add(l.window)) {
		if n <= 1 {
			delete(l.counts, client)
		} else {
			l.counts[client] = n - 1
		}
	}
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

// object lodges in through the Service as who, asked through r: counted against the
// client's limit unless who is signed in (a *rateLimitError past it), and given back
// when the Service does not take it. A repeat of an objection lodged already (its key
// and contents) gets its receipt past the limit too: it lodges nothing.
func (h *Handler) object(r *http.Request, who voucher.Actor, in voucher.ObjectParams) (voucher.Objection, error) {
	if who.ID != "" {
		return h.svc.Object(r.Context(), who, in)
	}
	client, now := h.clientOf(r), h.now()
	if ok, wait := h.objections.reserve(client, now); !ok {
		if o, found, err := h.svc.Lodged(r.Context(), who, in); err != nil || found {
			return o, err
		}
		return voucher.Objection{}, &rateLimitError{wait: wait}
	}
	o, err := h.svc.Object(r.Context(), who, in)
	if err != nil {
		h.objections.release(client, now)
	}
	return o, err
}
