package voucherhttp_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

// get fetches a page as person without following redirects and returns the status, the
// Location and the body.
func (s *site) get(person, path string) (int, string, string) {
	s.t.Helper()
	return s.send(person, "GET", path, nil, "")
}

// enterpriseOnly checks that path sends nobody signed in to log in (and back to path)
// and refuses other, who is no enterprise person; it returns the refusal's page.
func (s *site) enterpriseOnly(path, other string) string {
	s.t.Helper()
	status, loc, _ := s.get("", path)
	require.Equal(s.t, http.StatusSeeOther, status)
	require.Equal(s.t, "/login?next="+url.QueryEscape(path), loc)
	status, _, body := s.get(other, path)
	require.Equal(s.t, http.StatusForbidden, status, other)
	return body
}

// send sends a request as person (none for ""), with body of content type ctype when
// body is not nil, without following redirects, and returns the status, the Location
// and the body.
func (s *site) send(person, method, path string, body io.Reader, ctype string) (int, string, string) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.srv.URL+path, body)
	require.NoError(s.t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if person != "" {
		req.Header.Set("X-Test-Person", person)
	}
	c := *s.srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// file is one file of a multipart post.
type file struct {
	name    string
	content []byte
}

// multipart posts fields and files (by input name) as person without following
// redirects.
func (s *site) multipart(person, path string, fields url.Values, files map[string]file) (int, string, string) {
	s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			require.NoError(s.t, mw.WriteField(k, v))
		}
	}
	for k, f := range files {
		fw, err := mw.CreateFormFile(k, f.name)
		require.NoError(s.t, err)
		_, err = fw.Write(f.content)
		require.NoError(s.t, err)
	}
	require.NoError(s.t, mw.Close())
	return s.send(person, "POST", path, &buf, mw.FormDataContentType())
}

// hidden returns the value of the first hidden input called name in page.
func hidden(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(page)
	require.NotNil(t, m, "no input %s in the page", name)
	return htmlUnescape(m[1])
}

// htmlUnescape undoes the escapes html/template writes into attribute values.
func htmlUnescape(s string) string {
	return strings.NewReplacer("&#43;", "+", "&amp;", "&", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// orders returns the enterprise's orders.
func (s *site) orders() []voucher.OrderItem {
	s.t.Helper()
	p, err := s.svc.MyOrders(context.Background(), s.people["enterprise"], voucher.Query{PerPage: voucher.MaxPerPage})
	require.NoError(s.t, err)
	return p.Items
}

func TestProductPageCountsEveryView(t *testing.T) {
	s := newSite(t)
	views := func() int {
		status, _, body := s.get("", "/products/"+s.product.ID)
		require.Equal(t, http.StatusOK, status, body)
		m := regexp.MustCompile(`id="views">(\d+)次`).FindStringSubmatch(body)
		require.NotNil(t, m, body)
		n, _ := strconv.Atoi(m[1])
		return n
	}
	first := views()
	require.Equal(t, s.product.Views+1, first, "the count starts at the catalog's figure")
	require.Equal(t, first+1, views())

	_, _, body := s.get("enterprise", "/products/"+s.product.ID)
	for _, want := range []string{s.product.Name, "收费标准", s.product.Price.Amount.String() + " 元", "所在地", "产品类型",
		s.product.Category.Top, "上架时间", "享受政策", `class="badge"`, "服务承诺", "服务机构", s.product.Provider,
		`href="/products/` + s.product.ID + `/order">立刻申请`} {
		require.Contains(t, body, want)
	}
	status, _, _ := s.get("", "/products/no-such-product")
	require.Equal(t, http.StatusNotFound, status)
}

func TestOrderPageIsTheEnterprises(t *testing.T) {
	s := newSite(t)
	path := "/products/" + s.product.ID + "/order"
	require.Contains(t, s.enterpriseOnly(path, "district"), "只有企业用户可以申请服务产品")

	status, _, body := s.get("enterprise", path)
	require.Equal(t, http.StatusOK, status)
	for _, want := range []string{"填写并核对订单信息", "服务方", "委托方", `value="天津测试科技有限公司"`, `value="张三"`,
		"联系Email", "备注", "确认申请"} {
		require.Contains(t, body, want)
	}
}

func TestPlaceOrderFromThePage(t *testing.T) {
	s := newSite(t)
	path := "/products/" + s.product.ID + "/order"
	_, _, page := s.get("enterprise", path)
	v := url.Values{"key": {hidden(t, page, "key")}, "name": {"天津测试科技有限公司"}, "contact": {"张三"},
		"phone": {"not a phone"}, "email": {"zs@example.com"}, "note": {"请尽快安排"}}

	status, _, body := s.form("enterprise", path, v)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, `data-field="client.phone"`)
	require.Contains(t, body, `value="zs@example.com"`, "the typed values are kept")
	require.Contains(t, body, "请尽快安排")
	require.Empty(t, s.orders(), "a refused order changes nothing")

	v.Set("key", hidden(t, body, "key"))
	v.Set("phone", "13800138000")
	for range 2 { // a double click: one order
		status, loc, _ := s.form("enterprise", path, v)
		require.Equal(t, http.StatusSeeOther, status)
		require.Equal(t, "/user/orders?done=ordered", loc)
	}
	require.Len(t, s.orders(), 1)

	_, _, body = s.get("enterprise", "/user/orders?done=ordered")
	require.Contains(t, body, "订单已提交")
	require.Contains(t, body, s.product.Name)

	status, loc, _ := s.form("", path, v)
	require.Equal(t, http.StatusSeeOther, status)
	require.True(t, strings.HasPrefix(loc, "/login?next="), loc)
	status, _, _ = s.form("provider", path, v)
	require.Equal(t, http.StatusForbidden, status)
	require.Len(t, s.orders(), 1)
}
