package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/catalog/sheets"
	"github.com/cxqkit/cxq/search/searchhttp"
)

// config is what the command line sets.
type config struct {
	addr     string     // -addr
	db       string     // -db: SQLite path or postgres:// URL
	labs     string     // -labs: an official lab list; empty means the bundled list
	keys     string     // -keys: the demo keys' directory; empty: beside a SQLite file, else "."
	policy   string     // -policy: a preset ID or a policy JSON file; empty: tianjin
	logLevel slog.Level // -v lowers it to Debug
	logger   *slog.Logger
	// searchTimeout bounds one search request, waiting for the index included; zero is
	// searchhttp's default (2 s). Tests under the race detector give it more.
	searchTimeout time.Duration
	// now is the voucher programme's clock; nil is time.Now. Tests move it.
	now func() time.Time
	// deadlineEvery is how often the usage deadlines are applied; zero is
	// deadlineInterval. Tests shorten it.
	deadlineEvery time.Duration
}

// portal is the whole site as one http.Handler. It holds no global state: several
// portals can run in one process (the tests do).
type portal struct {
	http.Handler
	index        *lazyIndex
	labCount     int
	productCount int
	closers      []func() error
}

// newPortal loads the catalog, starts building the search index and mounts every part
// of the site. Searches wait for the index; p.index.Wait tells when it is ready.
func newPortal(ctx context.Context, cfg config) (*portal, error) {
	logger := cfg.logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	labs, err := loadLabs(cfg.labs, logger)
	if err != nil {
		return nil, err
	}
	products, err := catalog.BundledProducts()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	idx := buildIndex(labs, products, logger)
	p := &portal{index: idx, labCount: len(labs), productCount: len(products)}
	p.closers = append(p.closers, idx.Close)

	mux := http.NewServeMux()
	var productHref func(string) string
	if cfg.db != "" {
		productHref = func(id string) string { return "/products/" + url.PathEscape(id) }
	}
	if err := mountSearch(mux, idx, logger, cfg.searchTimeout, productHref); err != nil {
		_ = p.Close()
		return nil, err
	}
	home, err := newHome(homeInfo{Labs: len(labs), Products: len(products), OfficialLabs: cfg.labs != "", Voucher: cfg.db != ""})
	if err != nil {
		_ = p.Close()
		return nil, err
	}
	mux.Handle("GET /{$}", home)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /static/home.css", home.serveCSS)
	if cfg.db == "" {
		mux.HandleFunc("/", notFound)
	} else if err := p.mountVoucher(ctx, mux, cfg, products, home.cssVer, logger); err != nil {
		_ = p.Close()
		return nil, err
	}
	p.Handler = withLogging(mux, logger)
	return p, nil
}

// mountVoucher mounts the demo login and the voucherhttp handler: its product pages
// (/products/{id}, /products/{id}/order) beside the marketplace's list, and every path
// the portal does not serve itself (/api/, /user/, /provider/, /review/, /verify, …).
func (p *portal) mountVoucher(ctx context.Context, mux *http.ServeMux, cfg config, products []catalog.Product, cssVer string, logger *slog.Logger) error {
	sess := newSessions(demoActors(voucherProvider(products)))
	vh, closers, err := openVoucher(ctx, cfg, products, sess, logger)
	if err != nil {
		return err
	}
	p.closers = append(p.closers, closers...)
	lg, err := newLogin(sess, cssVer)
	if err != nil {
		return err
	}
	lg.mount(mux)
	mux.Handle("GET /products/{id}", vh)
	mux.Handle("/products/{id}/order", vh)
	mux.Handle("/", vh)
	logger.Info("voucher pages and API ready", "store", redactDSN(cfg.db))
	return nil
}

// Close releases the index and anything else the portal opened.
func (p *portal) Close() error {
	var errs []error
	for i := len(p.closers) - 1; i >= 0; i-- {
		errs = append(errs, p.closers[i]())
	}
	p.closers = nil
	return errors.Join(errs...)
}

// loadLabs reads the official list at path, or the bundled list when path is empty.
// Problems in an official list are logged and its valid labs kept, so one bad row does
// not keep the portal from starting; a list with no valid lab is an error.
func loadLabs(path string, logger *slog.Logger) ([]catalog.Lab, error) {
	if path == "" {
		return catalog.BundledLabs()
	}
	labs, problems, err := sheets.ReadLabsFile(path, &sheets.ReadOptions{Lenient: true})
	if err != nil {
		return nil, fmt.Errorf("lab list %s: %w", path, err)
	}
	for i, pr := range problems {
		if i == 20 {
			logger.Warn("lab list: more problems not shown", "count", len(problems)-i)
			break
		}
		logger.Warn("lab list: row skipped", "problem", pr.Error())
	}
	if len(labs) == 0 {
		return nil, fmt.Errorf("lab list %s: no valid lab", path)
	}
	logger.Info("lab list loaded", "path", path, "labs", len(labs), "problems", len(problems))
	return labs, nil
}

// mountSearch mounts the lab search at /labs/ and the marketplace at /products/.
// productHref, when set, links the product cards to their pages.
func mountSearch(mux *http.ServeMux, idx searchhttp.Searcher, logger *slog.Logger, timeout time.Duration, productHref func(string) string) error {
	nav := func(current string) []searchhttp.NavLink {
		return []searchhttp.NavLink{
			{Label: "首页", Href: "../"},
			{Label: "开放实验室", Href: "../labs/", Current: current == "labs"},
			{Label: "科淘商城", Href: "../products/", Current: current == "products"},
		}
	}
	labs, err := searchhttp.New(idx, &searchhttp.Options{
		Page: searchhttp.PageLabs, HomeHref: "../", Nav: nav("labs"), Logger: logger, Timeout: timeout,
	})
	if err != nil {
		return err
	}
	products, err := searchhttp.New(idx, &searchhttp.Options{
		Page: searchhttp.PageProducts, HomeHref: "../", Nav: nav("products"), Logger: logger,
		SampleProducts: true, Timeout: timeout, ProductHref: productHref,
	})
	if err != nil {
		return err
	}
	mux.Handle("/labs/", http.StripPrefix("/labs", labs))
	mux.Handle("/products/", http.StripPrefix("/products", products))
	return nil
}
