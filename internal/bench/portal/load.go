package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func numCPU() int { return runtime.NumCPU() }

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{Timeout: 10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// login signs in as the demo enterprise and returns the session cookie to send.
func login(base string) (string, error) {
	res, err := noRedirect.PostForm(base+"/login", url.Values{"person": {"enterprise"}})
	if err != nil {
		return "", err
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "cxq_session" {
			return c.Name + "=" + c.Value, nil
		}
	}
	return "", fmt.Errorf("login: status %d and no session cookie (is the portal running with -db?)", res.StatusCode)
}

// seed places one order for the first product with the voucher badge and saves an
// application draft for it; it returns the product's ID.
func seed(base, cookie string) (string, error) {
	var products struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if err := call("GET", base+"/products/api/products?voucher=1", cookie, "", &products); err != nil {
		return "", err
	}
	if len(products.Hits) == 0 {
		return "", fmt.Errorf("no product with the voucher badge")
	}
	id := products.Hits[0].ID
	var order struct {
		ID string `json:"id"`
	}
	if err := call("POST", base+"/api/orders", cookie, `{"product_id":"`+id+
		`","client":{"name":"天津示例科技有限公司（示例）","contact":"张三","phone":"13812345678"}}`, &order); err != nil {
		return "", err
	}
	draft := `{"order_id":"` + order.ID + `","form":{"contact":{"name":"张三","phone":"13812345678","email":"z@example.com"},` +
		`"estimated_amount":"9099.00","activity":"新产品成分检测"}}`
	return id, call("POST", base+"/api/applications", cookie, draft, nil)
}

// call sends one JSON request that must answer 200, decoding the answer into out.
func call(method, target, cookie, body string, out any) error {
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Cookie", cookie)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Idempotency-Key", "bench-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	res, err := noRedirect.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d: %s", method, target, res.StatusCode, b)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}

// result is what measure saw of one target.
type result struct {
	n        int
	elapsed  time.Duration
	p50, p99 time.Duration
	status   map[int]int
	errors   int
}

// statuses lists the answers' statuses with their counts, and transport errors.
func (r result) statuses() string {
	codes := make([]int, 0, len(r.status))
	for c := range r.status {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var parts []string
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", c, r.status[c]))
	}
	if r.errors > 0 {
		parts = append(parts, fmt.Sprintf("errors×%d", r.errors))
	}
	return strings.Join(parts, " ")
}

// measure has clients GET target with the session cookie, one request after another
// each, for d after a short warm-up, and returns the latencies' percentiles.
func measure(target, cookie string, clients int, d time.Duration) result {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func() (int, error) {
		req, err := http.NewRequest("GET", target, nil)
		if err != nil {
			return 0, err
		}
		req.Header.Set("Cookie", cookie)
		res, err := hc.Do(req)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, err
	}
	for range clients { // warm-up: one request per connection
		_, _ = get()
	}
	type sample struct {
		took   time.Duration
		status int
	}
	samples := make([][]sample, clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				t0 := time.Now()
				status, err := get()
				if err != nil {
					status = -1
				}
				samples[c] = append(samples[c], sample{time.Since(t0), status})
			}
		})
	}
	wg.Wait()
	r := result{elapsed: time.Since(start), status: map[int]int{}}
	var lat []time.Duration
	for _, s := range slices.Concat(samples...) {
		if s.status < 0 {
			r.errors++
			continue
		}
		r.status[s.status]++
		lat = append(lat, s.took)
	}
	slices.Sort(lat)
	r.n = len(lat)
	if r.n > 0 {
		r.p50, r.p99 = lat[r.n/2], lat[min(r.n-1, r.n*99/100)]
	}
	return r
}
