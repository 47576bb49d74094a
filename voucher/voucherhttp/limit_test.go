package voucherhttp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// objectFrom lodges an objection to entry 1 of pub without signing in, from client (the
// X-Test-Client header the site's ClientAddr reads), and returns the status, the
// Retry-After and the body.
func objectFrom(t *testing.T, s *site, pub, client, key string) (int, string, string) {
	t.Helper()
	return objectFromWith(t, s, pub, client, key, map[string]any{"entry": 1, "text": "金额有误。"})
}

// objectFromWith is objectFrom with the objection's body.
func objectFromWith(t *testing.T, s *site, pub, client, key string, objection map[string]any) (int, string, string) {
	t.Helper()
	body, err := json.Marshal(objection)
	require.NoError(t, err)
	req, err := http.NewRequest("POST", s.srv.URL+"/api/notices/"+pub+"/objections", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	req.Header.Set("X-Test-Client", client)
	resp, err := s.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Retry-After"), string(b)
}

// TestAnonymousObjectionsAreLimited: one client lodges at most ObjectionsPerHour
// objections in an hour without signing in (objections the Service refuses do not
// count); the next is refused with 429, rate_limited and a Retry-After, and lodges
// nothing, while a repeat of one lodged (same key and contents) still gets its receipt;
// another client, a signed-in person and the same client in the next hour are
// not refused. The page refuses the same way and keeps what was typed.
func TestAnonymousObjectionsAreLimited(t *testing.T) {
	s := noticeSite(t, func(o *voucherhttp.Options) {
		o.ObjectionsPerHour = 2
		o.ClientAddr = func(r *http.Request) string { return r.Header.Get("X-Test-Client") }
	})
	rc := s.recorded()
	f := apiFlow(t, s)
	var pub voucher.Publication
	s.ok("office", "POST", "/api/notices", map[string]any{"redemptions": []string{f.red.ID}}, &pub)
	s.now = s.now.Truncate(time.Hour).Add(10 * time.Minute)
	count := func() int {
		objections, err := s.svc.Objections(t.Context(), s.people["office"], pub.ID)
		require.NoError(t, err)
		return len(objections)
	}

	for _, body := range []map[string]any{{"entry": 1, "text": ""}, {"entry": 9, "text": "无此序号。"}} {
		status, _, _ := objectFromWith(t, s, pub.ID, "198.51.100.7", "bad", body)
		require.Equal(t, http.StatusBadRequest, status, "refused objections do not count")
	}
	var first string
	for i, key := range []string{"a1", "a2"} {
		status, _, body := objectFrom(t, s, pub.ID, "198.51.100.7", key)
		require.Equal(t, http.StatusOK, status, "objection %d: %s", i+1, body)
		first = body
	}
	status, retry, body := objectFrom(t, s, pub.ID, "198.51.100.7", "a3")
	require.Equal(t, http.StatusTooManyRequests, status)
	require.Contains(t, body, `"code":"rate_limited"`)
	require.Contains(t, body, "过于频繁")
	require.Equal(t, "3000", retry, "50 minutes are left of the hour")
	require.Equal(t, 2, count(), "the refused objection lodged nothing")
	status, _, again := objectFrom(t, s, pub.ID, "198.51.100.7", "a2")
	require.Equal(t, http.StatusOK, status, "a repeat past the limit gets its receipt: %s", again)
	require.JSONEq(t, first, again)
	status, _, _ = objectFromWith(t, s, pub.ID, "198.51.100.7", "a2", map[string]any{"entry": 1, "text": "另一条异议。"})
	require.Equal(t, http.StatusTooManyRequests, status, "the key with other contents is a new objection")
	require.Equal(t, 2, count(), "repeats lodge nothing")

	for _, key := range []string{"p1", "p2"} { // the page's requests name no client: one of their own
		status, loc, _ := s.form("", "/notices/"+pub.ID+"/object", url.Values{"key": {key}, "entry": {"1"}, "text": {"页面异议。"}})
		require.Equal(t, http.StatusSeeOther, status, loc)
	}
	status, _, html := s.form("", "/notices/"+pub.ID+"/object", url.Values{"key": {"p3"}, "entry": {"1"}, "text": {"第三条页面异议。"}})
	require.Equal(t, http.StatusTooManyRequests, status)
	require.True(t, strings.Contains(html, "过于频繁"), "the page says why")
	require.Contains(t, html, "第三条页面异议。", "and keeps what was typed")
	require.Equal(t, 4, count())

	status, _, _ = objectFrom(t, s, pub.ID, "203.0.113.9", "b1")
	require.Equal(t, http.StatusOK, status, "another client has its own count")
	s.ok("enterprise", "POST", "/api/notices/"+pub.ID+"/objections", map[string]any{"entry": 1, "text": "署名异议。"}, nil)
	s.now = s.now.Add(time.Hour)
	status, _, _ = objectFrom(t, s, pub.ID, "198.51.100.7", "a4")
	require.Equal(t, http.StatusOK, status, "a new hour, a new count")
	require.Equal(t, 7, count())
	checkAnswers(t, s, rc)
}
