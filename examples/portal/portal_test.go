package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// apiTotal asks the portal's JSON API how many labs match vals.
func apiTotal(t testing.TB, base string, vals url.Values) int {
	t.Helper()
	res, err := http.Get(base + "/labs/api/labs?" + vals.Encode())
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var body struct {
		Total int `json:"total"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	return body.Total
}

// fetch GETs target with the default client and returns the answer and its body.
func fetch(t testing.TB, target string) (*http.Response, string) {
	t.Helper()
	return send(t, http.DefaultClient, http.MethodGet, target, nil)
}

func TestPortalRoutes(t *testing.T) {
	t.Parallel()
	srv := startPortal(t)

	res, body := fetch(t, srv.URL+"/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `<a href="labs/">开放实验室</a>`)
	require.Contains(t, body, `<a href="products/">科淘商城</a>`)
	require.Contains(t, body, `753 个开放实验室`)
	require.Contains(t, body, `<form class="searchbox" role="search" method="get" action="labs/">`)

	res, body = fetch(t, srv.URL+"/labs/?q="+url.QueryEscape("天津大学"))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "京津冀创新券服务资源")
	require.Contains(t, body, `<a href="../products/">科淘商城</a>`)

	res, body = fetch(t, srv.URL+"/products/?voucher=1")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "<h1>科淘商城</h1>")
	require.Contains(t, body, "气相色谱仪")

	res, body = fetch(t, srv.URL+"/products/api/products?q="+url.QueryEscape("气相色谱"))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `"price":"100.00 元/项"`)

	res, _ = fetch(t, srv.URL+"/labs/api/labs?page=zero")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)

	for _, path := range []string{"/static/home.css", "/labs/static/search.css"} {
		res, _ = fetch(t, srv.URL+path)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		require.Equal(t, "text/css; charset=utf-8", res.Header.Get("Content-Type"), path)
	}

	res, body = fetch(t, srv.URL+"/healthz")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "ok\n", body)

	res, body = fetch(t, srv.URL+"/nowhere")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, body, "页面不存在")

	// /labs without the slash lands on the page
	res, _ = fetch(t, srv.URL+"/labs?q=x")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "/labs/", res.Request.URL.Path)
}

// TestRunServesAndShutsDown runs the command as a user does: it prints the URL, serves
// the front page, and returns cleanly when interrupted.
func TestRunServesAndShutsDown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	outR, outW := io.Pipe()
	var logs storetest.LogBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "cxq.db")}, outW, &logs)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(line, "cxq portal: http://127.0.0.1:"), line)
	base := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "cxq portal: "), "/")
	go io.Copy(io.Discard, outR) //nolint:errcheck // drain

	res, body := fetch(t, base+"/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "科技创新券服务平台")

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after the interrupt")
	}
	_, err = http.Get(base + "/")
	require.Error(t, err, "still serving after shutdown")
}

func TestRunRejectsBadFlags(t *testing.T) {
	t.Parallel()
	var stderr strings.Builder
	err := run(t.Context(), []string{"-nope"}, io.Discard, &stderr)
	require.Error(t, err)
	require.Contains(t, stderr.String(), "usage: portal")

	err = run(t.Context(), []string{"extra"}, io.Discard, io.Discard)
	require.ErrorContains(t, err, "unexpected arguments")

	err = run(t.Context(), []string{"-addr", "127.0.0.1:0", "-labs", filepath.Join(t.TempDir(), "missing.csv")}, io.Discard, io.Discard)
	require.Error(t, err)
}

func TestOfficialLabList(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "labs.csv")
	csv := "地区,实验室名称,法人单位,联系人,联系电话,类型\n" +
		"天津,示范催化实验室,天津示范大学,赵六,022-27400000,省部级重点实验室\n" +
		"火星,坏行实验室,无,无,1,高校\n"
	require.NoError(t, os.WriteFile(path, []byte(csv), 0o644))
	var logs storetest.LogBuffer
	p, err := newPortal(t.Context(), config{labs: path, logger: newTestLogger(&logs), searchTimeout: time.Minute})
	require.NoError(t, err)
	defer p.Close()
	require.Equal(t, 1, p.labCount)
	require.Contains(t, logs.String(), "row skipped")
	idx, err := p.index.Wait(t.Context())
	require.NoError(t, err)
	lab, ok := idx.Lab(catalog.DeriveLabID(catalog.Tianjin, "示范催化实验室", "天津示范大学"))
	require.True(t, ok)
	require.Equal(t, catalog.SourceOfficial, lab.Source)
}

func TestDisplayURL(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080/",
		"[::]:8080":      "http://localhost:8080/",
		"0.0.0.0:80":     "http://localhost:80/",
		"[::1]:9000":     "http://[::1]:9000/",
	} {
		require.Equal(t, want, displayURL(fakeAddr(addr)), addr)
	}
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	require.True(t, isLoopback(fakeAddr("127.0.0.1:8080")))
	require.True(t, isLoopback(fakeAddr("[::1]:8080")))
	require.False(t, isLoopback(fakeAddr("[::]:8080")))
	require.False(t, isLoopback(fakeAddr("0.0.0.0:8080")))
	require.False(t, isLoopback(fakeAddr("192.0.2.1:8080")))
}

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }
