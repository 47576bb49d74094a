package searchhttp

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq/internal/web"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/search"
)

// Searcher runs searches; *search.Index is one.
type Searcher interface {
	SearchLabs(ctx context.Context, q search.Query) (*search.Result, error)
	SearchProducts(ctx context.Context, q search.ProductQuery) (*search.ProductResult, error)
}

// PageKind selects what the HTML page at the handler's root searches.
type PageKind string

// The pages a Handler can show.
const (
	PageLabs     PageKind = "labs"     // open labs (开放实验室), as on 京津冀创新券服务资源
	PageProducts PageKind = "products" // service products of the marketplace (科淘商城)
)

// NavLink is an entry of the page's top navigation, such as a link back to the portal.
type NavLink struct {
	Label   string
	Href    string // relative to the page, e.g. "../" or "../products/"
	Current bool   // marks the entry of this page
}

// Options configures a Handler. A nil *Options means all defaults.
type Options struct {
	// Page is what the HTML page searches. Defaults to PageLabs.
	Page PageKind
	// Site is the name in the top bar. Defaults to "科技创新券服务平台".
	Site string
	// HomeHref is where the site name links to. Defaults to "./", the page itself.
	HomeHref string
	// Heading is the page's title. Defaults to "京津冀创新券服务资源" for labs and
	// "科淘商城" for products.
	Heading string
	// Lead is a sentence under the heading. Defaults to a line about the list.
	Lead string
	// Footer is the footer's text. Defaults to a note on the data's sources.
	Footer string
	// Nav lists the top navigation. Defaults to none.
	Nav []NavLink
	// SampleProducts marks every product as sample data (示例数据), for a demo
	// marketplace. Labs say themselves whether they are samples (catalog.SourceSynthetic).
	SampleProducts bool
	// ProductHref, when set, links each product card's name to the page it returns for
	// the product's ID (for example a detail page with 立刻申请). The link is used as
	// given, so it must be escaped already. Defaults to no link.
	ProductHref func(id string) string
	// PageSize is how many cards the HTML page shows when the URL names no size.
	// Defaults to 12, which fills the card grid's rows of three, two or one; the JSON
	// API's default stays search.DefaultSize.
	PageSize int
	// Timeout bounds one search request: its context is cancelled then, which stops
	// parsing and matching (ranking, highlights and facets of the hits found run to
	// their end), and the request is answered 503. Defaults to 2 seconds.
	Timeout time.Duration
	// MaxURLBytes is the longest query string accepted, in bytes; longer requests are
	// answered 414. Defaults to 4096.
	MaxURLBytes int
	// MaxBodyBytes is the largest request body accepted; searches need none. Defaults
	// to 1024.
	MaxBodyBytes int64
	// CacheMaxAge is how long browsers and proxies may reuse a search answer.
	// Defaults to one minute; a negative value forbids caching.
	CacheMaxAge time.Duration
	// Logger receives failures of the search itself (answered 500). Defaults to
	// discarding them.
	Logger *slog.Logger
}

// Handler serves the search page and the JSON API. Mount it under any prefix with
// http.StripPrefix, keeping the trailing slash in the pattern:
//
//	mux.Handle("/labs/", http.StripPrefix("/labs", h))
//
// It answers:
//
//	GET /                 the HTML page (labs or products, per Options.Page)
//	GET /api/labs         lab search as JSON: q, region, kind, entity, page, size, sort
//	GET /api/products     product search as JSON: q, category, location, provider, voucher, page, size, sort
//	GET /static/search.css
//
// Bad parameters are answered 400 with the JSON form of *cxq.ValidationError (on the
// page, as a notice). Handler holds no mutable state and is safe for concurrent use.
type Handler struct {
	s    Searcher
	opts Options
}

// New returns a Handler over s.
func New(s Searcher, opts *Options) (*Handler, error) {
	if s == nil {
		return nil, errors.New("searchhttp: nil Searcher")
	}
	o := Options{}
	if opts != nil {
		o = *opts
	}
	switch o.Page {
	case "":
		o.Page = PageLabs
	case PageLabs, PageProducts:
	default:
		return nil, errors.New("searchhttp: unknown page kind " + strconv.Quote(string(o.Page)))
	}
	if o.Site == "" {
		o.Site = "科技创新券服务平台"
	}
	if o.HomeHref == "" {
		o.HomeHref = "./"
	}
	if o.Heading == "" {
		o.Heading = map[PageKind]string{PageLabs: "京津冀创新券服务资源", PageProducts: "科淘商城"}[o.Page]
	}
	if o.Lead == "" {
		o.Lead = map[PageKind]string{
			PageLabs:     "京津冀三地互认的开放实验室：按名称、法人单位、联系人或拼音检索，按地区和类别筛选。",
			PageProducts: "科技服务产品：带“创新券”标识的产品可使用科技创新券购买。",
		}[o.Page]
	}
	if o.Footer == "" {
		o.Footer = "标有“示例数据”的记录是虚构的演示数据；实验室名单以三地科技主管部门公布的为准。"
	}
	if o.PageSize <= 0 {
		o.PageSize = 12
	}
	o.PageSize = min(o.PageSize, search.MaxSize)
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Second
	}
	if o.MaxURLBytes <= 0 {
		o.MaxURLBytes = 4096
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1024
	}
	if o.CacheMaxAge == 0 {
		o.CacheMaxAge = time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	o.Nav = append([]NavLink(nil), o.Nav...)
	return &Handler{s: s, opts: o}, nil
}

// The paths the handler answers, below its prefix.
const (
	pathAPILabs     = "/api/labs"
	pathAPIProducts = "/api/products"
	pathCSS         = "/static/search.css"
)

// ServeHTTP routes a request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")

	path := r.URL.Path
	page := path == "/"
	if path == "" { // mounted as StripPrefix("/labs", h) and asked for "/labs"
		http.Redirect(w, r, addSlash(r.RequestURI), http.StatusMovedPermanently)
		return
	}
	known := page || path == pathAPILabs || path == pathAPIProducts || path == pathCSS
	if !known {
		h.fail(w, r, page, http.StatusNotFound, cxq.NewFieldError("path", "not_found", nil,
			cxq.T("页面不存在", "no such page")))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		h.fail(w, r, page, http.StatusMethodNotAllowed, cxq.NewFieldError("method", "method_not_allowed",
			map[string]string{"allowed": "GET, HEAD"}, cxq.T("只支持 {allowed} 请求", "only {allowed} requests are allowed")))
		return
	}
	if r.ContentLength > h.opts.MaxBodyBytes {
		h.fail(w, r, page, http.StatusRequestEntityTooLarge, cxq.NewFieldError("body", cxq.CodeTooLong,
			map[string]string{"max": strconv.FormatInt(h.opts.MaxBodyBytes, 10)},
			cxq.T("请求体不得超过 {max} 字节", "the request body must be at most {max} bytes")))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes)
	if len(r.URL.RawQuery) > h.opts.MaxURLBytes {
		h.fail(w, r, page, http.StatusRequestURITooLong, cxq.NewFieldError("query", cxq.CodeTooLong,
			map[string]string{"max": strconv.Itoa(h.opts.MaxURLBytes)},
			cxq.T("查询参数不得超过 {max} 字节", "the query string must be at most {max} bytes")))
		return
	}

	switch path {
	case pathCSS:
		serveCSS(w, r)
	case pathAPILabs:
		h.apiLabs(w, r)
	case pathAPIProducts:
		h.apiProducts(w, r)
	default:
		h.page(w, r)
	}
}

func addSlash(requestURI string) string {
	p, q, _ := strings.Cut(requestURI, "?")
	if q != "" {
		return p + "/?" + q
	}
	return p + "/"
}

// cacheFor sets the cache headers of a successful search answer.
func (h *Handler) cacheFor(w http.ResponseWriter) {
	if h.opts.CacheMaxAge < 0 {
		w.Header().Set("Cache-Control", "no-store")
		return
	}
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(h.opts.CacheMaxAge/time.Second)))
}

// searchContext is the context of one search: the request's, ending after
// Options.Timeout.
func (h *Handler) searchContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), h.opts.Timeout)
}

// fail answers an error: JSON for the API, a page with the message otherwise.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, page bool, status int, err error) {
	w.Header().Set("Cache-Control", "no-store")
	if page {
		h.failPage(w, r, status, err)
		return
	}
	writeJSON(w, r, status, toValidation(err))
}

// toValidation turns err into the kernel's validation error shape.
func toValidation(err error) *cxq.ValidationError {
	var ve *cxq.ValidationError
	if errors.As(err, &ve) {
		return ve
	}
	var p cxq.Problems
	p.AddErr("", err)
	return p.Err().(*cxq.ValidationError)
}

// searchFailed answers an error of the search: a validation problem is the user's (400);
// anything else is the server's (500), logged and not shown.
func (h *Handler) searchFailed(w http.ResponseWriter, r *http.Request, page bool, err error) {
	status := web.Status(err)
	if status == http.StatusBadRequest {
		h.fail(w, r, page, status, err)
		return
	}
	if r.Context().Err() != nil { // the client went away
		return
	}
	if status == http.StatusServiceUnavailable { // past Options.Timeout
		h.fail(w, r, page, status, cxq.NewFieldError("", "timeout",
			nil, cxq.T("检索超时，请缩短关键字后再试", "the search took too long; try fewer words")))
		return
	}
	h.opts.Logger.ErrorContext(r.Context(), "search failed", "path", r.URL.Path, "err", err)
	h.fail(w, r, page, http.StatusInternalServerError, cxq.NewFieldError("", "internal",
		nil, cxq.T("检索服务暂时不可用，请稍后再试", "search is unavailable, please try again later")))
}

func serveCSS(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "text/css; charset=utf-8")
	if r.URL.Query().Get("v") == cssVersion {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "public, max-age=300")
	}
	hd.Set("ETag", `"`+cssVersion+`"`)
	if match := r.Header.Get("If-None-Match"); match == `"`+cssVersion+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(css)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(css)
}
