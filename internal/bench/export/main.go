// Command export measures the list and statistics exports of voucherhttp on a large
// programme: it seeds n approved and redeemed applications straight through the store
// (Tx.Applications().Create, no Service rules), then downloads
// /api/applications.csv, /api/applications.xlsx and /api/statistics.xlsx as the office
// over loopback, and prints for each the time, the bytes, the peak resident memory of
// the process while it ran (VmHWM from /proc/self/status, reset before each through
// /proc/self/clear_refs, beside the RSS it started from) and the machine's load average (/proc/loadavg), so that
// figures from a shared machine can be read for what they are.
//
//	go run ./internal/bench/export [-n 100000] [-store sqlite|memstore]
//
// The target is under 10 s and under 200 MB peak RSS for 100,000 applications.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/sqlstore"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

func main() {
	n := flag.Int("n", 100000, "applications to seed")
	store := flag.String("store", "sqlite", "sqlite or memstore")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the downloads to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			_ = pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(*n, *store); err != nil {
		fmt.Fprintln(os.Stderr, "bench export:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(n int, kind string) error {
	ctx := context.Background()
	st, cleanup, err := open(ctx, kind)
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Printf("load before: %s\n", loadavg())
	t0 := time.Now()
	if err := seed(ctx, st, n); err != nil {
		return err
	}
	fmt.Printf("seeded %d applications into %s in %s\n", n, kind, time.Since(t0).Round(time.Millisecond))
	srv, err := serve(st)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, path := range []string{"/api/applications.csv", "/api/applications.csv?encoding=gb18030",
		"/api/applications.xlsx", "/api/statistics.xlsx"} {
		debug.FreeOSMemory()
		resetPeak()
		before := status("VmRSS:")
		t := time.Now()
		size, err := download(srv.URL + path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Printf("%-42s %9s  %8.0f kB  RSS before %s, peak %s  load %s\n", path, time.Since(t).Round(time.Millisecond),
			float64(size)/1e3, before, status("VmHWM:"), loadavg())
	}
	return nil
}

// open returns an empty store of kind and what removes it.
func open(ctx context.Context, kind string) (voucher.Store, func(), error) {
	switch kind {
	case "memstore":
		st := memstore.New()
		return st, func() { _ = st.Close() }, nil
	case "sqlite":
		dir, err := os.MkdirTemp("", "cxq-bench-export-")
		if err != nil {
			return nil, nil, err
		}
		st, err := sqlstore.Open(ctx, filepath.Join(dir, "cxq.db"), nil)
		if err != nil {
			return nil, nil, err
		}
		return st, func() { _ = st.Close(); _ = os.RemoveAll(dir) }, nil
	}
	return nil, nil, fmt.Errorf("unknown store %q", kind)
}

// districts the seeded enterprises are spread over.
var districts = []string{"和平区", "河西区", "南开区", "河东区", "河北区", "红桥区", "滨海新区", "西青区"}

// seed creates n approved applications, each redeemed in part, in transactions of 2,000.
func seed(ctx context.Context, st voucher.Store, n int) error {
	start := time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)
	ref := policy.Ref{ID: policy.PresetTianjin, Version: "bench"}
	for from := 0; from < n; from += 2000 {
		err := st.Update(ctx, func(tx voucher.Tx) error {
			for i := from; i < min(from+2000, n); i++ {
				if err := tx.Applications().Create(ctx, application(i, start, ref)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// application is the i-th seeded application: submitted, approved two days later and
// redeemed for 90% of its amount.
func application(i int, start time.Time, ref policy.Ref) voucher.Application {
	at := start.Add(time.Duration(i) * 7 * time.Minute)
	id := fmt.Sprintf("A%07d", i)
	amount := cxq.Fen(int64(400000 + i%600000))
	district := districts[i%len(districts)]
	hist := []review.AuditEntry{
		{Case: id, Seq: 1, From: review.Draft, To: review.DistrictReview, Action: review.Submit, Actor: "u-ent", Time: at},
		{Case: id, Seq: 2, From: review.DistrictReview, To: review.ProfessionalReview, Action: review.Approve, Actor: "u-d", Time: at.Add(20 * time.Hour)},
		{Case: id, Seq: 3, From: review.ProfessionalReview, To: review.Approved, Action: review.Approve, Actor: "u-p", Time: at.Add(48 * time.Hour)},
	}
	return voucher.Application{
		Record: voucher.Record{ID: id, OrderID: fmt.Sprintf("O%07d", i), EnterpriseID: fmt.Sprintf("E%05d", i%20000),
			Product: voucher.ProductRef{ID: fmt.Sprintf("P%03d", i%300), Name: "气相色谱检测服务", ProviderID: fmt.Sprintf("V%03d", i%300),
				ProviderName: fmt.Sprintf("服务机构%03d", i%300), Voucher: true, Price: cxq.Yuan(100)},
			Policy: ref, Case: review.Case{ID: id, Workflow: "tianjin-application", Owner: fmt.Sprintf("E%05d", i%20000),
				District: district, State: review.Approved, Version: 3, History: hist},
			Version: 1, Created: at, Updated: at.Add(48 * time.Hour), Since: at.Add(48 * time.Hour)},
		Form: voucher.ApplicationForm{Contact: voucher.Contact{Name: "张三", Phone: fmt.Sprintf("138%08d", i), Email: "z@example.com"},
			Estimated: amount.MulInt(2), Activity: "利用气相色谱仪开展新产品成分检测。"},
		Amount: amount, Paid: cxq.Fen(amount.Fen() * 9 / 10),
	}
}

// serve starts the handler over st on loopback, signed in as the programme office.
func serve(st voucher.Store) (*httptest.Server, error) {
	prog, err := voucher.ShippedProgramme(policy.PresetTianjin)
	if err != nil {
		return nil, err
	}
	var provs []catalog.Provider
	for i := range 300 {
		provs = append(provs, catalog.Provider{ID: fmt.Sprintf("V%03d", i), Name: fmt.Sprintf("服务机构%03d", i),
			Region: []catalog.Region{"北京", "天津", "河北"}[i%3]})
	}
	var prods []catalog.Product
	for i := range 300 {
		prods = append(prods, catalog.Product{ID: fmt.Sprintf("P%03d", i), Name: "气相色谱检测服务", ProviderID: fmt.Sprintf("V%03d", i), Voucher: true})
	}
	svc, err := voucher.New(voucher.Config{Store: st, Now: time.Now, Programme: prog,
		Catalog: voucher.CatalogOf(prods, provs), Enterprises: enterprises{}, People: voucher.PeopleOf(),
		Audit: voucher.AuditKeys{Unkeyed: true}})
	if err != nil {
		return nil, err
	}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator, Name: "管理办公室"}
	h, err := voucherhttp.New(svc, voucherhttp.Options{Blobs: attachment.NewMemoryBlobs(),
		Authenticate: func(*http.Request) (voucher.Actor, error) { return office, nil }})
	if err != nil {
		return nil, err
	}
	return httptest.NewServer(h), nil
}

// enterprises makes up an enterprise in Tianjin for every ID.
type enterprises struct{}

func (enterprises) Enterprise(_ context.Context, id string) (policy.Enterprise, error) {
	return policy.Enterprise{ID: id, Name: "企业" + id, Place: policy.Place{Region: "天津"}}, nil
}

// download reads an answer to its end and returns its size.
func download(url string) (int64, error) {
	res, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		return 0, fmt.Errorf("status %d: %s", res.StatusCode, b)
	}
	return io.Copy(io.Discard, res.Body)
}

// resetPeak resets the process's VmHWM to its current RSS (Linux: clear_refs 5).
func resetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// status is the value of one field of /proc/self/status (VmHWM: the peak RSS).
func status(field string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// loadavg is the first three fields of /proc/loadavg.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
