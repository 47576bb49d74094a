package voucherhttp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

func TestAPINeedsASession(t *testing.T) {
	s := newSite(t)
	status, body := s.do("", "GET", "/api/applications", nil)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, string(body), `"code":"unauthenticated"`)
	status, _ = s.do("", "GET", "/api/openapi.json", nil)
	require.Equal(t, http.StatusOK, status, "the API's document is public")
}

// TestAPIChangesAreJSON: a change whose body is not declared JSON (what a page of another
// site can send without a preflight) is refused with 415 and changes nothing.
func TestAPIChangesAreJSON(t *testing.T) {
	s := newSite(t)
	for _, ctype := range []string{"text/plain", "application/x-www-form-urlencoded", ""} {
		req, err := http.NewRequest("POST", s.srv.URL+"/api/orders", strings.NewReader(`{"product_id":"`+s.product.ID+`"}`))
		require.NoError(t, err)
		req.Header.Set("X-Test-Person", "enterprise")
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := s.srv.Client().Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusUnsupportedMediaType, resp.StatusCode, ctype)
	}
	var page voucher.Page[voucher.OrderItem]
	s.ok("enterprise", "GET", "/api/orders", nil, &page)
	require.Zero(t, page.Total)
}

func TestAPIRefusesCrossOriginChanges(t *testing.T) {
	s := newSite(t)
	req, err := http.NewRequest("POST", s.srv.URL+"/api/orders", nil)
	require.NoError(t, err)
	req.Header.Set("X-Test-Person", "enterprise")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := s.srv.Client().Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Content-Type"), "application/json", "an /api/ refusal is in the API's error shape")
	var ve struct {
		Errors []struct {
			Field, Code string
			Message     struct{ ZH, EN string }
		}
	}
	require.NoError(t, json.Unmarshal(body, &ve), "%s", body)
	require.Len(t, ve.Errors, 1, "%s", body)
	require.Equal(t, "cross_origin", ve.Errors[0].Code)
	require.Equal(t, "origin", ve.Errors[0].Field)
	require.Contains(t, string(body), "不接受来自其他网站的请求")
	require.Contains(t, string(body), "a change from another site is refused")

	// A page keeps net/http's answer.
	status, _, page := s.form("enterprise", "/user/redemptions", nil)
	require.NotEqual(t, http.StatusForbidden, status, "a same-origin post passes: %s", page)
	req, err = http.NewRequest("POST", s.srv.URL+"/user/redemptions", nil)
	require.NoError(t, err)
	req.Header.Set("X-Test-Person", "enterprise")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err = s.srv.Client().Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.NotContains(t, resp.Header.Get("Content-Type"), "application/json")
}

// TestAPIWholeFlow walks the manual over the JSON API: order, confirmation, application,
// both reviews with the office's assignment, redemption with an invoice and a contract,
// its three reviews, the export and 评审通过 with the actual amount.
func TestAPIWholeFlow(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	require.Equal(t, "评审通过", f.red.Status.ZH)
	require.Equal(t, "4000.00", f.red.Actual.String())
	status, pdf := s.do("enterprise", "GET", "/api/redemptions/"+f.red.ID+"/form.pdf", nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "%PDF", string(pdf[:4]))
}

// flowState is what apiFlow leaves behind.
type flowState struct {
	order voucher.Order
	app   voucherhttp.ApplicationView
	red   voucherhttp.RedemptionView
}

func apiFlow(t *testing.T, s *site) flowState {
	var f flowState
	s.ok("enterprise", "POST", "/api/orders", map[string]any{"product_id": s.product.ID,
		"client": map[string]any{"name": "天津测试科技有限公司", "contact": "张三", "phone": "13800138000", "email": "zs@example.com"}}, &f.order)
	s.ok("provider", "POST", "/api/orders/"+f.order.ID+"/confirm", map[string]any{"confirm": true}, &f.order)

	s.ok("enterprise", "POST", "/api/applications", map[string]any{"order_id": f.order.ID, "form": s.applicationForm()}, &f.app)
	require.True(t, hasAction(f.app.Actions, voucher.ActionSubmit), "%+v", f.app.Actions)
	s.ok("enterprise", "POST", "/api/applications/"+f.app.ID+"/submit", map[string]any{}, &f.app)
	require.Equal(t, "待区初审", f.app.Status.ZH)
	s.ok("district", "POST", "/api/applications/"+f.app.ID+"/review", map[string]any{"action": "approve"}, &f.app)
	s.ok("office", "POST", "/api/applications/"+f.app.ID+"/assign", map[string]any{"stage": "professional_review",
		"reviewer": "u-pro"}, &f.app)
	s.ok("professional", "POST", "/api/applications/"+f.app.ID+"/review", map[string]any{"action": "approve"}, &f.app)
	require.Equal(t, "复审通过", f.app.Status.ZH)
	require.True(t, hasAction(f.app.Actions, voucher.ActionRedeem) == false, "the reviewer does not redeem")
	s.ok("enterprise", "GET", "/api/applications/"+f.app.ID, nil, &f.app)
	require.True(t, hasAction(f.app.Actions, voucher.ActionRedeem), "%+v", f.app.Actions)

	s.ok("enterprise", "POST", "/api/redemptions", map[string]any{"application_id": f.app.ID}, &f.red)
	s.addInvoiceAndContract(&f.red)
	s.completeRedemption(&f.red)
	s.ok("enterprise", "POST", "/api/redemptions/"+f.red.ID+"/submit", map[string]any{}, &f.red)
	s.ok("district", "POST", "/api/redemptions/"+f.red.ID+"/review", map[string]any{"action": "approve"}, &f.red)
	s.ok("office", "POST", "/api/redemptions/"+f.red.ID+"/assign", map[string]any{"stage": "formal_review", "reviewer": "u-pro"}, &f.red)
	s.ok("office", "POST", "/api/redemptions/"+f.red.ID+"/assign", map[string]any{"stage": "expert_review", "reviewer": "u-expert"}, &f.red)
	s.ok("professional", "POST", "/api/redemptions/"+f.red.ID+"/review", map[string]any{"action": "approve"}, &f.red)
	require.Equal(t, "市级形式审查受理", f.red.Status.ZH)
	s.ok("expert", "POST", "/api/redemptions/"+f.red.ID+"/review", map[string]any{"action": "approve",
		"fields": map[string]string{"actual_amount": "4000.00"}}, &f.red)
	return f
}

// upload stores a file into slot as person and returns its reference.
func (s *site) upload(person, slot, name string, content []byte) voucher.AttachmentRef {
	s.t.Helper()
	status, b := s.do(person, "POST", "/api/attachments?slot="+slot+"&name="+queryEscape(name), content)
	require.Equal(s.t, http.StatusOK, status, "%s", b)
	var up struct {
		Ref json.RawMessage `json:"ref"`
	}
	require.NoError(s.t, json.Unmarshal(b, &up))
	var ref voucher.AttachmentRef
	dec := json.NewDecoder(bytes.NewReader(up.Ref))
	dec.DisallowUnknownFields()
	require.NoError(s.t, dec.Decode(&ref), "the answer's ref goes back into a form as it is")
	var whole voucherhttp.Uploaded
	require.NoError(s.t, json.Unmarshal(b, &whole))
	require.Equal(s.t, whole.AttachmentRef, ref)
	return ref
}

func hasAction(acts []voucher.Action, name string) bool {
	for _, a := range acts {
		if a.Name == name {
			return true
		}
	}
	return false
}

func TestAPIListRefusesUnknownStatus(t *testing.T) {
	s := newSite(t)
	status, body := s.do("enterprise", "GET", "/api/applications?status=bogus", nil)
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, string(body), `"field":"status"`)
	s.ok("enterprise", "GET", "/api/redemptions?status=expert_review", nil, nil)
	s.ok("enterprise", "GET", "/api/applications?status=voucher_returned", nil, nil)
	status, _ = s.do("enterprise", "GET", "/api/redemptions?status=voucher_returned", nil)
	require.Equal(t, http.StatusBadRequest, status, "a redemption has no voucher standing")
	for _, path := range []string{"/api/applications.csv?status=bogus", "/api/redemptions.xlsx?status=bogus"} {
		status, body := s.do("enterprise", "GET", path, nil)
		require.Equal(t, http.StatusBadRequest, status, "%s: an export of nothing would look like an empty list", path)
		require.Contains(t, string(body), `"field":"status"`, path)
	}
	s.ok("enterprise", "GET", "/api/applications.csv?status=voucher_expired", nil, nil)
}

// TestRedemptionShowsItsVoucherDeadlines: the expert, who reviews the redemption but may
// not read its application, sees the voucher's deadlines on the redemption; someone
// who may not see the redemption gets it as missing.
func TestRedemptionShowsItsVoucherDeadlines(t *testing.T) {
	p := policy.Tianjin()
	p.Usage.ValidMonths = 12
	s := newSiteUnder(t, &p)
	f := apiFlow(t, s)
	status, _ := s.do("expert", "GET", "/api/applications/"+f.app.ID, nil)
	require.Equal(t, http.StatusNotFound, status, "the expert does not see the application")
	var red voucherhttp.RedemptionView
	s.ok("expert", "GET", "/api/redemptions/"+f.red.ID, nil, &red)
	require.NotEmpty(t, red.Deadlines, "the voucher's deadlines, from the application")
	want, err := s.svc.Deadlines(t.Context(), s.people["office"], f.app.ID)
	require.NoError(t, err)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	gotJSON, err := json.Marshal(red.Deadlines)
	require.NoError(t, err)
	require.JSONEq(t, string(wantJSON), string(gotJSON))
	// and the enterprise reads them on both pages, ahead of time
	for _, page := range []string{"/user/applications/" + f.app.ID, "/user/redemptions/" + f.red.ID} {
		_, _, body := s.get("enterprise", page)
		require.Contains(t, body, "创新券期限", page)
		require.Contains(t, body, want[len(want)-1].Text.ZH, page)
	}
	_, err = s.svc.RedemptionDeadlines(t.Context(), voucher.Actor{ID: "u-stranger", Role: voucher.RoleEnterprise, Org: "someone else"}, f.red.ID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
}

// TestMalformedAmountNamesItsField: an amount the kernel refuses names where it stood
// in the body, as the path of its JSON names.
func TestMalformedAmountNamesItsField(t *testing.T) {
	s := newSite(t)
	order := s.placeOrder(true)
	for _, bad := range []any{"abc", "1e5", "0.001", json.Number("12.345")} {
		form := s.applicationForm()
		form["estimated_amount"] = bad
		status, body := s.do("enterprise", "POST", "/api/applications", map[string]any{"order_id": order, "form": form})
		require.Equal(t, http.StatusBadRequest, status, "%v: %s", bad, body)
		require.Contains(t, string(body), `"field":"form.estimated_amount"`, "%v: %s", bad, body)
	}
	status, body := s.do("enterprise", "POST", "/api/applications", []byte(`{"order_id": "x", "form": {"estimated_amount": "abc"}, "extra": 1}`))
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, string(body), `"code"`, "still a typed problem: %s", body)
}

// TestFailingPath: the path of a refused value through structs, embedded structs,
// slices and maps.
func TestFailingPath(t *testing.T) {
	type inner struct {
		Price cxq.Money `json:"price"`
	}
	type embedded struct {
		Fee cxq.Money `json:"fee"`
	}
	type body struct {
		embedded
		Items []inner          `json:"items"`
		ByKey map[string]inner `json:"by_key"`
		Ptr   *inner           `json:"ptr,omitempty"`
	}
	for in, want := range map[string]string{
		`{"items": [{"price": "1.00"}, {"price": "x"}]}`: "items[1].price",
		`{"fee": "bad"}`: "fee",
		`{"by_key": {"b": {"price": "2"}, "a": {"price": "-"}}}`: "by_key.a.price",
		`{"ptr": {"PRICE": "1e3"}}`:                              "ptr.price",
		`{"items": [{"price": "1.00"}]}`:                         "",
	} {
		require.Equal(t, want, voucherhttp.FailingPath([]byte(in), reflect.TypeFor[body]()), in)
	}
}
