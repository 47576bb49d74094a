package searchhttp

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/search"
)

// FuzzQueryParams: any query string gives a query or a validation error, never a panic
// or another kind of error.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"q=天津&region=北京,天津&page=2", "q=%zz", "page=-1&size=1e9", `q="unbalanced`,
		"q=*~:&kind=国家级重点实验室", "voucher=yes&category=检测认证", "sort=name&entity=天津大学"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		vals, err := parseQuery(raw)
		if err != nil {
			require.True(t, errors.Is(err, cxq.ErrInvalid))
			return
		}
		check := func(err error) {
			if err == nil {
				return
			}
			var ve *cxq.ValidationError
			require.True(t, errors.As(err, &ve), "%T %v", err, err)
			require.NotEmpty(t, ve.Errors)
		}
		q, err := labQuery(vals)
		check(err)
		if err == nil {
			require.LessOrEqual(t, len([]rune(q.Text)), search.MaxTextRunes)
		}
		_, err = productQuery(vals)
		check(err)
	})
}

func TestLabQueryDefaults(t *testing.T) {
	t.Parallel()
	q, err := labQuery(url.Values{"q": {"  天津大学 "}})
	require.NoError(t, err)
	require.Equal(t, "天津大学", q.Text)
	require.Zero(t, q.Page)
	require.Zero(t, q.Size)
	require.Empty(t, q.Regions)
}

// FuzzHandler: whatever the query string, the API and the page answer 200, 400 or 414,
// never a 500, with a body of the promised type.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{"q=天津&region=北京,天津&page=2", "q=%zz", "page=-1&size=1e9", `q="unbalanced`,
		"q=<script>&kind=国家级重点实验室", "voucher=yes&category=检测认证", "q=%00", "region=" + strings.Repeat("北京,", 30)} {
		f.Add(s)
	}
	h, err := New(&fakeSearcher{labs: testLabs(), products: testProducts()}, nil)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/api/labs", "/api/products", "/"} {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path, req.URL.RawQuery = path, raw
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			require.Contains(t, []int{200, 400, 414}, rec.Code, "%s?%s", path, raw)
			if path == "/" {
				require.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
				require.NotContains(t, rec.Body.String(), "<script")
			} else {
				require.True(t, json.Valid(rec.Body.Bytes()))
			}
		}
	})
}

// The one length limit is the search's: a longer paste is cut at a part boundary, the
// same way the search cuts it, and answered.
func TestLongQueryIsCutNotRefused(t *testing.T) {
	t.Parallel()
	long := "天津大学 " + strings.Repeat("实验", search.MaxTextRunes)
	q, err := labQuery(url.Values{"q": {long}})
	require.NoError(t, err)
	require.Equal(t, "天津大学", q.Text)
	h, err := New(&fakeSearcher{labs: testLabs(), products: testProducts()}, nil)
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/labs?q="+url.QueryEscape(long), nil))
	require.Equal(t, http.StatusOK, rec.Code)
	var resp LabsResponse
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
	require.Equal(t, "天津大学", resp.Query.Text)
}
