package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// raceEnabled is set by race_test.go when the race detector is on.
var raceEnabled bool

// portalProcess is one running portal command.
type portalProcess struct {
	base string
	logs *storetest.LogBuffer
}

// startPortalProcess runs bin in dir with args until the test ends and returns the URL
// it prints.
func startPortalProcess(t *testing.T, bin, dir string, args ...string) *portalProcess {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	p := &portalProcess{logs: &storetest.LogBuffer{}}
	cmd.Stderr = p.logs
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("portal %s log:\n%s", p.base, p.logs)
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err, "portal log:\n%s", p.logs)
	require.True(t, strings.HasPrefix(line, "cxq portal: http://127.0.0.1:"), line)
	p.base = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "cxq portal: "), "/")
	go io.Copy(io.Discard, out) //nolint:errcheck // drain
	return p
}

// buildPortal builds the command once into the test's temporary directory.
func buildPortal(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH; it builds the portal for this test")
	}
	bin := filepath.Join(t.TempDir(), "portal")
	out, err := exec.Command(goBin, "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// TestTwoProcessesOnePostgres runs two portal processes on one PostgreSQL database,
// sharing the working directory (and so the demo keys and attachments), and submits
// applications to both at once whose amounts together exceed the enterprise's annual
// quota: exactly as many as the quota holds succeed, the others get the quota error,
// and both processes list the same records. It needs a PostgreSQL server: install
// Debian's postgresql package and set CXQ_TEST_POSTGRES to a URL (.ci/run does both).
// It runs in .ci/run's plain `go test ./...` step, not under the race detector.
func TestTwoProcessesOnePostgres(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("runs the portal as processes: skipped in -short mode and under the race detector")
	}
	if os.Getenv(pgtest.EnvVar) == "" && os.Getenv("CI") != "true" {
		t.Skipf("%s not set: install PostgreSQL (Debian's postgresql package) and set it to a postgres:// URL, or run .ci/run", pgtest.EnvVar)
	}
	dsn := pgtest.SchemaURL(t)
	bin := buildPortal(t)
	work := t.TempDir()
	// One after the other: the first start migrates the new schema, and sqlstore creates
	// its migration table before it takes its lock, so two first starts at once collide.
	args := []string{"-addr", "127.0.0.1:0", "-db", dsn, "-keys", work}
	a := newAPIClient(t, startPortalProcess(t, bin, work, args...).base)
	b := newAPIClient(t, startPortalProcess(t, bin, work, args...).base)

	const claims, amount = 6, "40000.00" // the Tianjin cap of 100000.00 a year holds two
	apps := draftApplications(t, a, b, claims, amount)
	results := submitAtOnce(t, []*apiClient{a, b}, apps)

	var ok, refused int
	for i, r := range results {
		switch r.status {
		case http.StatusOK:
			ok++
		case http.StatusConflict:
			var ve cxq.ValidationError
			require.NoError(t, json.Unmarshal(r.body, &ve), "%s", r.body)
			require.True(t, slices.ContainsFunc(ve.Errors, func(fe *cxq.FieldError) bool {
				return fe.Code == policy.CodeQuotaExhausted || fe.Code == policy.CodeOverQuota
			}), "claim %d: %s", i, r.body)
			refused++
			t.Logf("claim %d via process %d refused: %s", i, i%2, ve.Errors[0].Code)
		default:
			t.Fatalf("claim %d: status %d: %s", i, r.status, r.body)
		}
	}
	require.Equal(t, 2, ok, "exactly what the quota holds succeeds")
	require.Equal(t, claims-2, refused)

	lists := [2][]string{}
	for i, c := range []*apiClient{a, b} {
		var page voucher.Page[voucher.Application]
		c.ok("GET", "/api/applications?per_page=50", "enterprise", nil, &page)
		reserved := cxq.MustMoney("0")
		for _, app := range page.Items {
			lists[i] = append(lists[i], fmt.Sprintf("%s %s %s", app.ID, app.State(), app.Reserved))
			reserved = reserved.Add(app.Reserved)
		}
		require.Equal(t, "80000.00", reserved.String(), "process %d: what the quota holds", i)
		slices.Sort(lists[i])
	}
	require.Len(t, lists[0], claims)
	require.Equal(t, lists[0], lists[1], "both processes list the same records")
}

// draftApplications places and confirms n orders and saves an application draft for
// each, requesting amount, spread over both processes.
func draftApplications(t *testing.T, a, b *apiClient, n int, amount string) []voucher.Application {
	t.Helper()
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	require.True(t, products[0].Voucher)
	cert := a.upload("org_certificate", "营业执照.pdf", samplePDF("certificate"))
	quote := a.upload("application_attachment", "报价单.pdf", samplePDF("quote"))
	day := time.Now().UTC().Truncate(24 * time.Hour)
	apps := make([]voucher.Application, n)
	for i := range apps {
		c, other := a, b
		if i%2 == 1 {
			c, other = b, a
		}
		var order voucher.Order
		c.ok("POST", "/api/orders", "enterprise", voucher.PlaceOrder{ProductID: products[0].ID,
			Client: voucher.Party{Name: "天津示例科技有限公司（示例）", Contact: "张三", Phone: "13812345678"}}, &order)
		other.ok("POST", "/api/orders/"+order.ID+"/confirm", "provider", map[string]bool{"confirm": true}, nil)
		c.ok("POST", "/api/applications", "enterprise", voucher.ApplicationDraft{OrderID: order.ID, Form: voucher.ApplicationForm{
			Contact:        voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
			OrgCertificate: cert, ContractStart: day, ContractEnd: day.AddDate(0, 3, 0),
			Estimated: cxq.MustMoney("80000.00"), Requested: cxq.MustMoney(amount),
			Activity: "利用气相色谱仪开展新产品成分检测。", Attachments: []voucher.AttachmentRef{quote}}}, &apps[i])
	}
	return apps
}

// submitted is the answer to one submission.
type submitted struct {
	status int
	body   []byte
}

// submitAtOnce submits every application at the same moment, alternating between the
// clients (the processes), and returns the answers in order.
func submitAtOnce(t *testing.T, clients []*apiClient, apps []voucher.Application) []submitted {
	t.Helper()
	hcs := make([]*http.Client, len(clients))
	for i, c := range clients {
		hcs[i] = c.client("enterprise") // signed in before the start
	}
	out := make([]submitted, len(apps))
	errs := make([]error, len(apps))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, app := range apps {
		wg.Go(func() {
			k := i % len(clients)
			body := strings.NewReader(fmt.Sprintf(`{"version":%d}`, app.Version))
			req, err := http.NewRequest("POST", clients[k].base+"/api/applications/"+app.ID+"/submit", body)
			if err != nil {
				errs[i] = err
				return
			}
			req.Header.Set("Idempotency-Key", fmt.Sprintf("concurrent-%d", requestSeq.Add(1)))
			req.Header.Set("Content-Type", "application/json")
			<-start
			res, err := hcs[k].Do(req)
			if err != nil {
				errs[i] = err
				return
			}
			defer res.Body.Close()
			out[i].status = res.StatusCode
			out[i].body, errs[i] = io.ReadAll(res.Body)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "claim %d", i)
	}
	return out
}
