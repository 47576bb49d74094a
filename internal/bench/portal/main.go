// Command portal measures the example portal under load: page renders and JSON API calls,
// each for a few seconds at 50 concurrent clients on loopback, with the median and p99
// latency of each and their ratios to /healthz measured in the same run (the cost of
// the HTTP round trip itself), and the machine's load average from /proc/loadavg before
// and after, so that figures from a shared machine can be read for what they are.
//
//	go run ./internal/bench/portal [-clients 50] [-duration 3s] [-url http://127.0.0.1:8080]
//
// Without -url it builds examples/portal, starts it on a free loopback port with a
// SQLite database in a temporary directory, and stops it at the end. The clients are
// signed in as the demo enterprise (POST /login) and the portal holds one order and one
// application draft, so the lists have something to render.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	clients := flag.Int("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 3*time.Second, "how long each target is measured")
	base := flag.String("url", "", "a running portal with -db; empty: build and start one")
	flag.Parse()
	if err := run(*base, *clients, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "bench portal:", err)
		os.Exit(1)
	}
}

// target is one request the clients repeat.
type target struct {
	name, path string
}

func run(base string, clients int, d time.Duration) error {
	if base == "" {
		b, stop, err := startPortal()
		if err != nil {
			return err
		}
		defer stop()
		base = b
	}
	base = strings.TrimSuffix(base, "/")
	cookie, err := login(base)
	if err != nil {
		return err
	}
	product, err := seed(base, cookie)
	if err != nil {
		return err
	}
	targets := []target{
		{"baseline GET /healthz", "/healthz"},
		{"page  GET / (front page)", "/"},
		{"page  GET /login", "/login"},
		{"page  GET /products/?voucher=1 (searchhttp)", "/products/?voucher=1"},
		{"page  GET /products/{id} (voucherhttp)", "/products/" + url.PathEscape(product)},
		{"page  GET /verify (voucherhttp)", "/verify"},
		{"api   GET /labs/api/labs?q=天津大学", "/labs/api/labs?" + url.Values{"q": {"天津大学"}}.Encode()},
		{"api   GET /api/me", "/api/me"},
		{"api   GET /api/orders", "/api/orders"},
		{"api   GET /api/applications", "/api/applications"},
		{"baseline GET /healthz (again)", "/healthz"},
	}
	fmt.Printf("portal %s, %d clients, %s per target, load before: %s\n", base, clients, d, loadavg())
	var baseline result
	fmt.Printf("%-46s %8s %9s %10s %10s %8s %8s  %s\n", "target", "requests", "req/s", "p50", "p99", "p50/base", "p99/base", "statuses")
	for i, tg := range targets {
		r := measure(base+tg.path, cookie, clients, d)
		if i == 0 {
			baseline = r
		}
		fmt.Printf("%-46s %8d %9.0f %10s %10s %8.1f %8.1f  %s\n", tg.name, r.n, float64(r.n)/r.elapsed.Seconds(),
			r.p50.Round(time.Microsecond), r.p99.Round(time.Microsecond),
			ratio(r.p50, baseline.p50), ratio(r.p99, baseline.p99), r.statuses())
	}
	fmt.Printf("load after: %s\n", loadavg())
	return nil
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// loadavg is the first three fields of /proc/loadavg, or "n/a".
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "n/a"
	}
	return strings.Join(f[:3], " ") + fmt.Sprintf(" (1, 5, 15 min; %d CPUs)", numCPU())
}

// startPortal builds examples/portal and runs it on a free loopback port with a SQLite
// database in a temporary directory; stop ends it and removes the directory.
func startPortal() (base string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "cxq-bench-portal-")
	if err != nil {
		return "", nil, err
	}
	bin := filepath.Join(dir, "portal")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/cxqkit/cxq/examples/portal").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("go build: %v: %s", err, out)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "cxq.db"))
	cmd.Dir = dir
	out, err := cmd.StdoutPipe()
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		os.RemoveAll(dir)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "cxq portal: ") {
		stop()
		return "", nil, fmt.Errorf("the portal did not print its URL: %q %v", line, err)
	}
	go io.Copy(io.Discard, out) //nolint:errcheck // drain
	base = strings.TrimSpace(strings.TrimPrefix(line, "cxq portal: "))
	// Wait for the search index, so that the first target does not measure its build.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if res, err := http.Get(base + "labs/api/labs?q=x"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base, stop, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return "", nil, errors.New("the portal's search did not become ready")
}
