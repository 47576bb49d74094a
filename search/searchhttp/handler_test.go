package searchhttp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// testLabs is the manual's six labs, a hostile one and enough synthetic ones to page.
func testLabs() []catalog.Lab {
	labs := catalog.ManualLabs()
	labs = append(labs, catalog.Lab{
		ID: "evil", Region: catalog.Tianjin, Name: `<script>alert(1)</script>实验室`,
		LegalEntity: `"><img src=x onerror=alert(2)>`, Contact: "张&三", Phone: "022-55500001",
		Kind: catalog.NationalKeyLab, Source: catalog.SourceSynthetic,
	})
	for i := range 25 {
		labs = append(labs, catalog.Lab{
			ID: fmt.Sprintf("syn-%02d", i), Region: catalog.Hebei, Name: fmt.Sprintf("河北示例材料实验室%02d", i),
			LegalEntity: "河北示例大学", Contact: "王五", Phone: fmt.Sprintf("0311-555%05d", i),
			Kind: catalog.EngineeringCenter, Source: catalog.SourceSynthetic,
		})
	}
	return labs
}

func testProducts() []catalog.Product {
	return []catalog.Product{
		{ID: "p1", Name: "液相色谱检测", Provider: "天津示例检测中心", Category: catalog.Category{Top: "检测认证", Sub: "检验检测"},
			Price: catalog.Price{Amount: cxq.MustMoney("100.00"), Unit: "项"}, Location: "天津", Voucher: true,
			Listed: time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "p2", Name: "扫描电镜共享", Provider: "<b>北京</b>示例仪器", Category: catalog.Category{Top: "仪器设备", Sub: "仪器共享"},
			Price: catalog.Price{Amount: cxq.MustMoney("450.00"), Unit: "小时"}, Location: "北京"},
	}
}

func newTestHandler(t testing.TB, f *fakeSearcher, opts *Options) http.Handler {
	t.Helper()
	if f == nil {
		f = &fakeSearcher{labs: testLabs(), products: testProducts()}
	}
	h, err := New(f, opts)
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/labs/", http.StripPrefix("/labs", h))
	return mux
}

func get(t testing.TB, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://portal.test"+target, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAPILabs(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)
	rec := get(t, h, "/labs/api/labs?q="+url.QueryEscape("天津大学"))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	require.Equal(t, "public, max-age=60", rec.Header().Get("Cache-Control"))
	require.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))

	var resp LabsResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	require.Equal(t, 2, resp.Total)
	require.Len(t, resp.Hits, 2)
	require.Equal(t, "manual-02", resp.Hits[0].ID)
	require.Equal(t, catalog.SourceManual, resp.Hits[0].Source)
	require.Equal(t, []string{"<mark>天津大学</mark>"}, resp.Hits[0].Highlights["legal_entity"])
	require.Equal(t, 2, resp.Facets.Region["天津"])
	require.Equal(t, 1, resp.Page.Number)
	require.Equal(t, "天津大学", resp.Query.Text)
}

func TestAPILabsFiltersAndPaging(t *testing.T) {
	t.Parallel()
	f := &fakeSearcher{labs: testLabs()}
	h := newTestHandler(t, f, nil)
	rec := get(t, h, "/labs/api/labs?region="+url.QueryEscape("河北省")+"&kind="+url.QueryEscape("工程技术研究中心")+
		"&page=3&size=10&sort=name")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp LabsResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	require.Equal(t, []catalog.Region{catalog.Hebei}, f.lastLab.Regions)
	require.Equal(t, []catalog.LabKind{catalog.EngineeringCenter}, f.lastLab.Kinds)
	require.Equal(t, 3, f.lastLab.Page)
	require.Equal(t, 10, f.lastLab.Size)
	require.Equal(t, 26, resp.Total) // 25 synthetic + 河北省交通应急保障工程技术研究中心
	require.Len(t, resp.Hits, 6)
	require.Equal(t, 21, resp.Page.From)
	require.Equal(t, catalog.SourceSynthetic, resp.Hits[0].Source)

	// comma-separated and repeated values both work
	get(t, h, "/labs/api/labs?region=北京,天津&region=河北")
	require.Equal(t, []catalog.Region{catalog.Beijing, catalog.Tianjin, catalog.Hebei}, f.lastLab.Regions)
}

func TestAPIProducts(t *testing.T) {
	t.Parallel()
	f := &fakeSearcher{products: testProducts()}
	h := newTestHandler(t, f, nil)
	rec := get(t, h, "/labs/api/products?voucher=1")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var resp ProductsResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	require.True(t, f.lastProd.Voucher)
	require.Equal(t, 1, resp.Total)
	require.Equal(t, "100.00 元/项", resp.Hits[0].Price)

	rec = get(t, h, "/labs/api/products?q=nothing-matches")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `"hits":[]`)
}

// TestAPIBadParameters: every bad parameter is a 4xx with the kernel's JSON error shape.
func TestAPIBadParameters(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)
	tests := []struct {
		name   string
		target string
		status int
		field  string
		code   string
	}{
		{"page not a number", "/labs/api/labs?page=abc", 400, "page", cxq.CodeFormat},
		{"page zero", "/labs/api/labs?page=0", 400, "page", cxq.CodeOutOfRange},
		{"page huge", "/labs/api/labs?page=99999999999999999999", 400, "page", ""},
		{"size too big", "/labs/api/labs?size=1000", 400, "size", cxq.CodeOutOfRange},
		{"size negative", "/labs/api/labs?size=-1", 400, "size", cxq.CodeOutOfRange},
		{"unknown region", "/labs/api/labs?region=火星", 400, "region", catalog.CodeUnknownRegion},
		{"unknown kind", "/labs/api/labs?kind=xyz", 400, "kind", catalog.CodeUnknownKind},
		{"unknown sort", "/labs/api/labs?sort=price", 400, "sort", cxq.CodeInvalid},
		{"q repeated", "/labs/api/labs?q=a&q=b", 400, "q", "repeated"},
		{"q not utf-8", "/labs/api/labs?q=%ff%fe", 400, "q", cxq.CodeFormat},
		{"q with NUL", "/labs/api/labs?q=a%00b", 400, "q", cxq.CodeFormat},
		{"bad escape", "/labs/api/labs?q=%zz", 400, "query", cxq.CodeFormat},
		{"too many regions", "/labs/api/labs?region=" + strings.Repeat("北京,", 21), 400, "region", cxq.CodeOutOfRange},
		{"query string too long", "/labs/api/labs?q=" + strings.Repeat("a", 5000), 414, "query", cxq.CodeTooLong},
		{"voucher not a flag", "/labs/api/products?voucher=maybe", 400, "voucher", cxq.CodeFormat},
		{"search rejects query", "/labs/api/labs?q=(bad)", 400, "text", "bad_query"},
		{"unknown path", "/labs/api/nothing", 404, "path", "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := get(t, h, tt.target)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
			require.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
			var ve cxq.ValidationError
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &ve))
			require.NotEmpty(t, ve.Errors)
			require.True(t, ve.Has(tt.field, tt.code), "errors: %s", rec.Body.String())
			for _, fe := range ve.Errors {
				require.NotEmpty(t, fe.Msg.ZH)
				require.NotEmpty(t, fe.Msg.EN)
			}
		})
	}
}

func TestAPIAllProblemsAtOnce(t *testing.T) {
	t.Parallel()
	rec := get(t, newTestHandler(t, nil, nil), "/labs/api/labs?page=x&size=0&region=月球")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	var ve cxq.ValidationError
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &ve))
	require.Equal(t, []string{cxq.CodeFormat, cxq.CodeOutOfRange, catalog.CodeUnknownRegion}, ve.Codes())
}

func TestMethodsAndBodies(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)

	req := httptest.NewRequest(http.MethodPost, "/labs/api/labs", strings.NewReader("{}"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	require.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))

	req = httptest.NewRequest(http.MethodGet, "/labs/api/labs", strings.NewReader(strings.Repeat("x", 2000)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)

	req = httptest.NewRequest(http.MethodHead, "/labs/api/labs?q=天津", nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Empty(t, rec.Body.String())
	require.NotEmpty(t, rec.Header().Get("Content-Length"))
}

func TestSearchFailureIs500AndLogged(t *testing.T) {
	t.Parallel()
	var logged strings.Builder
	f := &fakeSearcher{err: errBroken}
	h := newTestHandler(t, f, &Options{Logger: newTextLogger(&logged)})
	rec := get(t, h, "/labs/api/labs?q=x")
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	require.NotContains(t, rec.Body.String(), "unreadable", "internal detail leaked")
	require.Contains(t, logged.String(), "unreadable")

	rec = get(t, h, "/labs/?q=x")
	require.Equal(t, http.StatusInternalServerError, rec.Code)
	require.Contains(t, rec.Body.String(), "检索服务暂时不可用")
}

func TestRedirectsToSlash(t *testing.T) {
	t.Parallel()
	h, err := New(&fakeSearcher{}, nil)
	require.NoError(t, err)
	req := httptest.NewRequest(http.MethodGet, "/labs?q=%E5%85%89", nil)
	rec := httptest.NewRecorder()
	http.StripPrefix("/labs", h).ServeHTTP(rec, req)
	require.Equal(t, http.StatusMovedPermanently, rec.Code)
	require.Equal(t, "/labs/?q=%E5%85%89", rec.Header().Get("Location"))
}

func TestStylesheet(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)
	rec := get(t, h, "/labs/static/search.css?v="+cssVersion)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "text/css; charset=utf-8", rec.Header().Get("Content-Type"))
	require.Contains(t, rec.Header().Get("Cache-Control"), "immutable")
	require.Contains(t, rec.Body.String(), "@media (max-width: 680px)")

	req := httptest.NewRequest(http.MethodGet, "/labs/static/search.css", nil)
	req.Header.Set("If-None-Match", `"`+cssVersion+`"`)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusNotModified, rec.Code)
}

func TestCacheOptions(t *testing.T) {
	t.Parallel()
	rec := get(t, newTestHandler(t, nil, &Options{CacheMaxAge: -1}), "/labs/api/labs")
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	rec = get(t, newTestHandler(t, nil, &Options{CacheMaxAge: 5 * time.Minute}), "/labs/api/labs")
	require.Equal(t, "public, max-age=300", rec.Header().Get("Cache-Control"))
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	_, err := New(nil, nil)
	require.Error(t, err)
	_, err = New(&fakeSearcher{}, &Options{Page: "orders"})
	require.Error(t, err)
}

func readAll(t testing.TB, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(b)
}

// blockingSearcher holds every search until its context ends, as a query that would
// hold a core does.
type blockingSearcher struct{}

func (blockingSearcher) SearchLabs(ctx context.Context, _ search.Query) (*search.Result, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (blockingSearcher) SearchProducts(ctx context.Context, _ search.ProductQuery) (*search.ProductResult, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// Every search runs under the handler's deadline and is answered 503 when it passes,
// on the API and the page alike.
func TestSearchDeadline(t *testing.T) {
	t.Parallel()
	h, err := New(blockingSearcher{}, &Options{Timeout: 20 * time.Millisecond})
	require.NoError(t, err)
	for _, path := range []string{"/api/labs?q=天津", "/api/products?q=天津", "/?q=天津"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		require.Equal(t, http.StatusServiceUnavailable, rec.Code, path)
		require.Contains(t, rec.Body.String(), "检索超时", path)
	}
}
