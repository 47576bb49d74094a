package main

import (
	"flag"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var (
	loadClients  = flag.Int("load.clients", 50, "concurrent clients of TestLoadJSONAPI")
	loadDuration = flag.Duration("load.duration", 3*time.Second, "how long TestLoadJSONAPI runs")
)

// loadQueries are what the load test's clients ask, in turn: keywords, pinyin, facets,
// deep pages, products and bad parameters (which must be cheap 400s, never 500s).
func loadQueries() []struct {
	path   string
	status int
} {
	lab := func(v url.Values) string { return "/labs/api/labs?" + v.Encode() }
	return []struct {
		path   string
		status int
	}{
		{lab(url.Values{"q": {"天津大学"}}), 200},
		{lab(url.Values{"q": {"重点实验室"}, "region": {"河北"}, "page": {"3"}}), 200},
		{lab(url.Values{"q": {"tjdx"}}), 200},
		{lab(url.Values{"q": {"光"}}), 200},
		{lab(url.Values{"kind": {"工程技术研究中心"}, "size": {"50"}}), 200},
		{lab(url.Values{"page": {"70"}}), 200},
		{lab(url.Values{"q": {`"unbalanced *~ name:x`}}), 200},
		{lab(url.Values{"page": {"x"}}), 400},
		{"/products/api/products?voucher=1", 200},
		{"/products/api/products?" + url.Values{"q": {"色谱"}}.Encode(), 200},
	}
}

// TestLoadJSONAPI runs 50 clients against the JSON API on loopback for a few seconds
// and requires every answer to be the expected one. It reports requests per second and
// latency percentiles; it asserts no speed, which depends on the machine.
func TestLoadJSONAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	srv := startPortal(t)
	queries := loadQueries()
	for _, q := range queries { // every query answers as expected before the clock starts
		res, err := http.Get(srv.URL + q.path)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		require.Equal(t, q.status, res.StatusCode, q.path)
	}

	tr := &http.Transport{MaxIdleConnsPerHost: *loadClients, MaxConnsPerHost: *loadClients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	const maxPerClient = 100_000 // a bound on the loop whatever the duration
	deadline := time.Now().Add(*loadDuration)
	var failures atomic.Int64
	var firstErr atomic.Value
	latencies := make([][]time.Duration, *loadClients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range *loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < maxPerClient && time.Now().Before(deadline); i++ {
				q := queries[(c+i)%len(queries)]
				t0 := time.Now()
				res, err := client.Get(srv.URL + q.path)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != q.status {
						err = &statusError{path: q.path, got: res.StatusCode, want: q.status}
					}
				}
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				latencies[c] = append(latencies[c], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	all := slices.Concat(latencies...)
	slices.Sort(all)
	require.Zero(t, failures.Load(), "first failure: %v", firstErr.Load())
	require.NotEmpty(t, all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
	t.Logf("%d clients, %s: %d requests, %.0f req/s, p50 %s, p99 %s, max %s",
		*loadClients, elapsed.Round(time.Millisecond), len(all), float64(len(all))/elapsed.Seconds(),
		pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), all[len(all)-1].Round(time.Microsecond))
}

type statusError struct {
	path      string
	got, want int
}

func (e *statusError) Error() string {
	return e.path + ": status " + http.StatusText(e.got) + ", want " + http.StatusText(e.want)
}
