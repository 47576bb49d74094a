package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

// shutdownGrace is how long in-flight requests may take to finish after Ctrl-C.
const shutdownGrace = 10 * time.Second

// run parses args, starts the portal and serves until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	cfg.logger = logger

	started := time.Now()
	p, err := newPortal(ctx, cfg)
	if err != nil {
		return err
	}
	defer p.Close()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := newServer(p, logger)
	logger.Info("listening", "addr", ln.Addr().String(), "labs", p.labCount, "products", p.productCount,
		"startup", time.Since(started).Round(time.Millisecond))
	fmt.Fprintf(stdout, "cxq portal: %s\n", displayURL(ln.Addr()))
	if cfg.db != "" && !isLoopback(ln.Addr()) {
		logger.Warn("the demo login lets anyone sign in as any demo person; listen on localhost unless this is a throwaway demo",
			"addr", ln.Addr().String())
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	indexed := make(chan error, 1)
	go func() {
		_, err := p.index.Wait(ctx)
		indexed <- err
	}()
	select {
	case err := <-errc:
		return err
	case err := <-indexed:
		if err != nil && ctx.Err() == nil { // the portal cannot search: stop rather than limp
			_ = srv.Close()
			return fmt.Errorf("search index: %w", err)
		}
		logger.Info("search ready", "after", time.Since(started).Round(time.Millisecond))
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	cfg := config{}
	fs := flag.NewFlagSet("portal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "localhost:8080", "address to listen on")
	fs.StringVar(&cfg.db, "db", "cxq.db", "the voucher store: a SQLite file path or a postgres:// URL")
	fs.StringVar(&cfg.keys, "keys", "", "the directory of the demo's key files; empty: beside a SQLite -db, else the working directory")
	fs.StringVar(&cfg.labs, "labs", "", "an official open-lab list (.csv, .json or .xlsx); empty: the bundled list")
	fs.StringVar(&cfg.policy, "policy", "", "the programme's policy: a preset ID (tianjin, hebei, langfang, beijing-changping) or a policy JSON file; empty: tianjin")
	verbose := fs.Bool("v", false, "log every request")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: portal [-addr host:port] [-db path|postgres://…] [-keys dir] [-labs file] [-policy id|file] [-v]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return cfg, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	cfg.logLevel = slog.LevelInfo
	if *verbose {
		cfg.logLevel = slog.LevelDebug
	}
	return cfg, nil
}

// newServer wraps h in an http.Server with timeouts and header limits suitable for the
// open internet.
func newServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// displayURL is the address to open in a browser: an unspecified host becomes localhost.
func displayURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// isLoopback reports whether a listens on a loopback address only.
func isLoopback(a net.Addr) bool {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
