package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher"
)

// newJarClient is an HTTP client with a cookie jar of its own that does not follow
// redirects.
func newJarClient(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// send makes one request with hc and returns the answer and its body.
func send(t testing.TB, hc *http.Client, method, target string, hdr http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, target, nil)
	require.NoError(t, err)
	for k, v := range hdr {
		req.Header[k] = v
	}
	res, err := hc.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

// TestLoginAndLogout: the login page lists the demo people with their roles in
// Chinese; choosing one sets a session cookie (HttpOnly, SameSite, Path=/, not readable
// by scripts) that /api/me answers for; logging out ends the session on the server, so
// the old cookie no longer works either.
func TestLoginAndLogout(t *testing.T) {
	t.Parallel()
	c := startPortalWithAPI(t)
	hc := newJarClient(t)

	res, body := send(t, hc, "GET", c.base+"/login", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{"张三（示例企业）", "企业用户", "服务机构：确认订单", "区科技主管部门：初审", "评审专家",
		"创新券管理办公室", "抽查专业机构（示例）", `name="person" value="enterprise"`, `name="person" value="inspector"`,
		`name="person" value="office"`, `<a href="/notices">公示</a>`} {
		require.Contains(t, body, want)
	}
	res, _ = send(t, hc, "GET", c.base+"/api/me", nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)

	res, err := hc.PostForm(c.base+"/login", url.Values{"person": {"district"}, "next": {"/review/"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/review/", res.Header.Get("Location"))
	var cookie *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	require.NotNil(t, cookie, "the login sets the session cookie")
	require.True(t, cookie.HttpOnly)
	require.Equal(t, http.SameSiteLaxMode, cookie.SameSite)
	require.Equal(t, "/", cookie.Path)
	require.False(t, cookie.Secure, "plain HTTP on loopback")
	require.GreaterOrEqual(t, len(cookie.Value), 40, "a random ID, not the person")
	require.NotContains(t, cookie.Value, "district")

	res, body = send(t, hc, "GET", c.base+"/api/me", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	var me voucher.Actor
	require.NoError(t, json.Unmarshal([]byte(body), &me))
	require.Equal(t, voucher.RoleDistrict, me.Role)
	_, body = send(t, hc, "GET", c.base+"/login", nil)
	require.Contains(t, body, "当前登录：河西区科委（示例）")

	res, err = hc.PostForm(c.base+"/logout", nil)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/", res.Header.Get("Location"))
	res, _ = send(t, hc, "GET", c.base+"/api/me", nil)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "the jar dropped the expired cookie")
	res, _ = send(t, http.DefaultClient, "GET", c.base+"/api/me", http.Header{"Cookie": {sessionCookie + "=" + cookie.Value}})
	require.Equal(t, http.StatusUnauthorized, res.StatusCode, "the server forgot the session")
}

// TestLoginRefusals: an unknown person gets the login page again with a clear message
// and no cookie; next must be a local path; posts from another origin are refused.
func TestLoginRefusals(t *testing.T) {
	t.Parallel()
	c := startPortalWithAPI(t)
	hc := newJarClient(t)

	res, err := hc.PostForm(c.base+"/login", url.Values{"person": {"root"}})
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	require.Contains(t, string(b), "没有这个示例用户")
	require.Empty(t, res.Cookies())

	for next, want := range map[string]string{
		"//evil.example/x": "/user/", `/\evil.example`: "/user/", "https://evil.example/": "/user/",
		"evil": "/user/", "": "/user/", "/verify?kind=x": "/verify?kind=x",
	} {
		status, loc := postLogin(t, hc, c.base, url.Values{"person": {"enterprise"}, "next": {next}})
		require.Equal(t, http.StatusSeeOther, status, next)
		require.Equal(t, want, loc, "next=%q", next)
	}
	_, body := send(t, hc, "GET", c.base+"/login?next="+url.QueryEscape("//evil.example"), nil)
	require.NotContains(t, body, "evil.example", "the page does not carry a foreign next on")

	for _, path := range []string{"/login", "/logout"} {
		res, _ = send(t, hc, "POST", c.base+path, http.Header{"Sec-Fetch-Site": {"cross-site"},
			"Content-Type": {"application/x-www-form-urlencoded"}})
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
		res, _ = send(t, hc, "POST", c.base+path, http.Header{"Origin": {"https://evil.example"}})
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
	}
	res, _ = send(t, hc, "GET", c.base+"/api/me", nil)
	require.Equal(t, http.StatusOK, res.StatusCode, "the refused logout left the session alone")
}

// TestDemoHeaderGrantsNothing: the old X-Demo-Actor header and ?as= parameter are
// ordinary input now; only the session cookie says who is asking.
func TestDemoHeaderGrantsNothing(t *testing.T) {
	t.Parallel()
	c := startPortalWithAPI(t)
	for _, path := range []string{"/api/me", "/api/orders", "/api/applications?queue=1", "/api/me?as=office"} {
		res, _ := send(t, http.DefaultClient, "GET", c.base+path, http.Header{"X-Demo-Actor": {"office"}})
		require.Equal(t, http.StatusUnauthorized, res.StatusCode, path)
	}
	var me voucher.Actor
	require.Equal(t, http.StatusOK, c.do("GET", "/api/me?as=office", "enterprise", nil, &me))
	require.Equal(t, voucher.RoleEnterprise, me.Role, "?as= does not change who is asking")
}

// TestRoutesSplit: the marketplace's list, JSON and stylesheet stay with searchhttp
// while a product's page and its order go to voucherhttp, which also answers every
// path the portal does not serve itself; the list's cards link to the product pages.
func TestRoutesSplit(t *testing.T) {
	t.Parallel()
	c := startPortalWithAPI(t)
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	id := products[0].ID
	hc := newJarClient(t)
	fromVH := func(res *http.Response) bool { return res.Header.Get("X-Frame-Options") == "DENY" }

	for _, path := range []string{"/products/", "/products/?voucher=1", "/products/api/products?voucher=1",
		"/products/static/search.css", "/labs/", "/", "/healthz", "/static/home.css", "/login", "/api/actors"} {
		res, _ := send(t, hc, "GET", c.base+path, nil)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		require.False(t, fromVH(res), "%s is the portal's or searchhttp's", path)
	}
	res, body := send(t, hc, "GET", c.base+"/products/?voucher=1", nil)
	require.Contains(t, body, `<a href="/products/`+url.PathEscape(id)+`">`, "cards link to the product page")
	require.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))

	for _, tc := range []struct{ method, path string }{{"GET", "/products/" + id}, {"HEAD", "/products/" + id},
		{"GET", "/products/" + id + "/order"}, {"POST", "/products/" + id + "/order"}, {"GET", "/api/me"},
		{"GET", "/api/openapi.json"}, {"GET", "/user/"}, {"GET", "/verify"}, {"GET", "/nowhere"},
		{"GET", "/static/voucher.css"}} {
		res, _ := send(t, hc, tc.method, c.base+tc.path, nil)
		require.True(t, fromVH(res), "%s %s reaches voucherhttp (status %d)", tc.method, tc.path, res.StatusCode)
	}
	res, _ = send(t, hc, "GET", c.base+"/api/openapi.json", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = send(t, hc, "GET", c.base+"/user/", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/login?next="+url.QueryEscape("/user/"), res.Header.Get("Location"))
	res, body = send(t, hc, "GET", c.base+"/", nil)
	require.Contains(t, body, `<a href="login">登录</a>`)
	require.Contains(t, body, `<a href="user/">用户中心</a>`)
	require.NotContains(t, body, "X-Demo-Actor")
	require.NotContains(t, strings.ToLower(body), "json")
	require.Equal(t, http.StatusOK, res.StatusCode)
}

// TestSessionExpiry: a session ends after its time, and the cookie is Secure over TLS.
func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := newSessions(demoActors("p"))
	s.now = func() time.Time { return now }
	id, ok := s.start("office")
	require.True(t, ok)
	_, ok = s.start("nobody")
	require.False(t, ok)
	person, ok := s.lookup(id)
	require.True(t, ok)
	require.Equal(t, "office", person)
	now = now.Add(sessionTTL)
	_, ok = s.lookup(id)
	require.False(t, ok, "expired")
	require.Empty(t, s.live, "an expired session is dropped")

	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "https://portal.example/login", nil)
	require.NotNil(t, req.TLS)
	s.setCookie(rec, req, id)
	c := rec.Result().Cookies()
	require.Len(t, c, 1)
	require.True(t, c[0].Secure)
	require.True(t, c[0].HttpOnly)
}

// TestDemoEnterpriseIsWellFormed: the demo enterprise's 统一社会信用代码 passes the
// kernel's check, as a real one must.
func TestDemoEnterpriseIsWellFormed(t *testing.T) {
	require.NoError(t, cxq.CheckUSCC(demoEnterprise().USCC))
}
