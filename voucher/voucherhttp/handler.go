package voucherhttp

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// NavLink is an entry of the pages' top navigation, such as the host's own pages.
type NavLink struct {
	Label string
	Href  string // absolute, e.g. "/labs/"
}

// Options configures a Handler.
type Options struct {
	// Authenticate says who is asking; required. An error means nobody is signed in:
	// the API answers 401 and the pages send the person to LoginHref. The handler reads
	// no header, cookie or parameter for identity itself.
	Authenticate func(*http.Request) (voucher.Actor, error)
	// Blobs keeps the uploaded files; required.
	Blobs attachment.Blobs
	// Checker checks uploads before they are kept. Defaults to attachment.NewChecker(nil).
	Checker *attachment.Checker
	// Slots are the upload slots and their limits. Defaults to attachment.DefaultSlots().
	Slots attachment.Slots
	// Reviewers lists the people the office may assign to a stage needing role.
	// Defaults to none: the office then types the reviewer's ID.
	Reviewers func(ctx context.Context, role voucher.Role) ([]voucher.Actor, error)
	// Views counts a product's page views (浏览量). Defaults to a counter in memory
	// starting at the catalog's figure: each process counts its own.
	Views Views
	// Prefix is the path the handler is mounted under, with its slashes: "/" or "/cxq/".
	// Links in the pages start with it. Defaults to "/".
	Prefix string
	// Site is the name in the pages' top bar. Defaults to "科技创新券服务平台".
	Site string
	// Nav lists the host's own pages in the top bar (首页, 开放实验室, …).
	Nav []NavLink
	// LoginHref is where a person who is not signed in is sent, with ?next= the page
	// asked for. Defaults to "/login".
	LoginHref string
	// LogoutHref, when set, is offered in the top bar as 退出.
	LogoutHref string
	// Programme is printed above the title of exported forms, e.g. "天津市科技创新券".
	Programme string
	// CodeKey, when set, makes the verification codes printed on exported forms HMACs
	// under it, so that only this portal can make them (see export.CodeOptions).
	CodeKey []byte
	// Verifier, when set, is whom the /verify page and POST /api/verify read records as,
	// so that anyone holding a printed form may check it without signing in (an office
	// account that sees every record; the check answers only valid or not). Defaults to
	// the signed-in person, who must be able to see the record.
	Verifier *voucher.Actor
	// MaxBodyBytes bounds a JSON or form body (uploads excepted). Defaults to 64 KiB.
	MaxBodyBytes int64
	// MaxUploads bounds how many uploads are received at once; more wait, until their
	// request's context ends. Defaults to 4.
	MaxUploads int
	// Logger receives failures of the server (answered 500 without detail).
	Logger *slog.Logger
	// ObjectionsPerHour bounds the objections to 公示 lists one client may lodge in an
	// hour without signing in (objections the Service refuses do not count); past it the
	// API answers 429 with code rate_limited and a
	// Retry-After, and the page shows the refusal. Defaults to 20; negative lifts the
	// limit. Each process counts its own.
	ObjectionsPerHour int
	// ClientAddr names the client a request comes from, for ObjectionsPerHour. Defaults
	// to the host of the request's RemoteAddr (an IPv6 address by its /64); behind a
	// proxy, return the address the proxy vouches for.
	ClientAddr func(*http.Request) string
}

// Handler serves the API and the pages. It is safe for concurrent use.
type Handler struct {
	svc     *voucher.Service
	opts    Options
	mux     *http.ServeMux
	root    http.Handler
	pages   *pages
	routes  []route
	uploads chan struct{}
	// objections counts the objections lodged without signing in, per client.
	objections *windowLimiter
}

// New returns a Handler over svc.
func New(svc *voucher.Service, opts Options) (*Handler, error) {
	if svc == nil {
		return nil, errors.New("voucherhttp: nil Service")
	}
	if opts.Authenticate == nil || opts.Blobs == nil {
		return nil, errors.New("voucherhttp: Options needs Authenticate and Blobs")
	}
	if opts.Checker == nil {
		opts.Checker = attachment.NewChecker(nil)
	}
	if opts.Slots == nil {
		opts.Slots = attachment.DefaultSlots()
	}
	if opts.Views == nil {
		opts.Views = newMemoryViews()
	}
	if opts.Prefix == "" {
		opts.Prefix = "/"
	}
	if !strings.HasPrefix(opts.Prefix, "/") || !strings.HasSuffix(opts.Prefix, "/") {
		return nil, errors.New("voucherhttp: Prefix must start and end with a slash")
	}
	if opts.Site == "" {
		opts.Site = "科技创新券服务平台"
	}
	if opts.LoginHref == "" {
		opts.LoginHref = "/login"
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 64 << 10
	}
	if opts.MaxUploads <= 0 {
		opts.MaxUploads = 4
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.ObjectionsPerHour == 0 {
		opts.ObjectionsPerHour = defaultObjectionsPerHour
	}
	opts.Nav = append([]NavLink(nil), opts.Nav...)
	h := &Handler{svc: svc, opts: opts, mux: http.NewServeMux(), uploads: make(chan struct{}, opts.MaxUploads),
		objections: newWindowLimiter(opts.ObjectionsPerHour, objectionWindow)}
	p, err := newPages(h)
	if err != nil {
		return nil, err
	}
	h.pages = p
	h.mountAPI()
	h.mountPages()
	h.root = h.originChecked(h.mux)
	return h, nil
}

// errCrossOrigin answers a change sent from a page of another site (403).
var errCrossOrigin = cxq.NewFieldError("origin", "cross_origin", nil,
	cxq.T("不接受来自其他网站的请求", "a change from another site is refused"))

// originChecked refuses changes sent from other origins (net/http's
// CrossOriginProtection): under /api/ in the API's JSON error shape (errCrossOrigin),
// on the pages as net/http answers them.
func (h *Handler) originChecked(next http.Handler) http.Handler {
	api := http.NewCrossOriginProtection()
	api.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.failAPI(w, r, errCrossOrigin) }))
	apiNext, pageNext := api.Handler(next), http.NewCrossOriginProtection().Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiNext.ServeHTTP(w, r)
			return
		}
		pageNext.ServeHTTP(w, r)
	})
}

// ServeHTTP routes a request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("X-Frame-Options", "DENY")
	h.root.ServeHTTP(w, r)
}

// href is an absolute link to path (without its leading slash) below the prefix.
func (h *Handler) href(path string) string { return h.opts.Prefix + strings.TrimPrefix(path, "/") }

// errNoSession is what a request without a signed-in person gets.
var errNoSession = cxq.NewFieldError("session", "unauthenticated", nil,
	cxq.T("请先登录", "please sign in first"))

// errNoRoute answers a path the handler does not serve (404): told apart from a record
// that is not found by its code.
var errNoRoute = cxq.NewFieldError("path", "no_route", nil, cxq.T("页面不存在", "no such page"))

// actor returns who is asking, or errNoSession.
func (h *Handler) actor(r *http.Request) (voucher.Actor, error) {
	a, err := h.opts.Authenticate(r)
	if err != nil || a.ID == "" || a.Role == "" {
		return voucher.Actor{}, errNoSession
	}
	return a, nil
}

// now is the time exported forms print.
func (h *Handler) now() time.Time { return h.svc.Now() }

// acquireUpload waits for a free upload turn; the returned func gives it back.
func (h *Handler) acquireUpload(ctx context.Context) (func(), error) {
	select {
	case h.uploads <- struct{}{}:
		return func() { <-h.uploads }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
