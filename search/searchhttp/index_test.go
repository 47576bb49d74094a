package searchhttp

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// bundledIndex is the bundled 753-lab list and demo marketplace, built once for the
// tests and benchmarks of this file (read-only after that).
var bundledIndex = sync.OnceValues(func() (*search.Index, error) {
	labs, err := catalog.BundledLabs()
	if err != nil {
		return nil, err
	}
	products, err := catalog.BundledProducts()
	if err != nil {
		return nil, err
	}
	return search.Build(labs, products, nil)
})

// bundledHandler serves the bundled index. Without opts it allows a minute per search:
// these tests check what a page shows, and under the race detector on a loaded machine a
// search can take longer than the 2-second default (the deadline has its own test).
func bundledHandler(t testing.TB, opts *Options) http.Handler {
	t.Helper()
	if opts == nil {
		opts = &Options{Timeout: time.Minute}
	}
	idx, err := bundledIndex()
	require.NoError(t, err)
	h, err := New(idx, opts)
	require.NoError(t, err)
	return h
}

// TestWithIndex runs the page over the real index: pinyin and one-character queries
// come back with the matched characters marked, query syntax is plain text, and the
// manual's labs are not marked as samples.
func TestWithIndex(t *testing.T) {
	t.Parallel()
	h := bundledHandler(t, nil)
	tests := []struct {
		q        string
		contains []string
	}{
		{"天津大学", []string{`<dt>法人单位：</dt><dd><mark>天津大学</mark></dd>`, `内燃机燃烧学国家重点实验室`}},
		{"李萌", []string{`<dd><mark>李萌</mark></dd>`, `<span class="cut" title="名单中的名称不完整">北京中航先进工业技术研究...</span>`}},
		{"光", []string{`<mark>光</mark>`}},
		{`"unbalanced *~ name:x`, []string{`共检索到<strong>0</strong>条记录`}},
	}
	for _, tt := range tests {
		rec := get(t, h, "/?q="+url.QueryEscape(tt.q))
		require.Equal(t, http.StatusOK, rec.Code, tt.q)
		body := rec.Body.String()
		for _, want := range tt.contains {
			require.Contains(t, body, want, tt.q)
		}
		requireWellFormed(t, body)
	}

	body := get(t, h, "/?q="+url.QueryEscape("天津大学")).Body.String()
	require.NotContains(t, body, `class="tag sample"`)
}

func BenchmarkAPILabs(b *testing.B) {
	h := bundledHandler(b, nil)
	target := "/api/labs?q=" + url.QueryEscape("重点实验室") + "&region=" + url.QueryEscape("河北") + "&page=2"
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			if rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
}

func BenchmarkPageLabs(b *testing.B) {
	h := bundledHandler(b, nil)
	target := "/?q=" + url.QueryEscape("重点实验室") + "&region=" + url.QueryEscape("河北")
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			if rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
}

func BenchmarkBadRequest(b *testing.B) {
	h := bundledHandler(b, nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/labs?page=x", nil))
		if rec.Code != http.StatusBadRequest {
			b.Fatal(rec.Code)
		}
	}
}

// suggestLabs is a list in which a slip has one answer and a service hides a match.
func suggestHandler(t *testing.T) http.Handler {
	t.Helper()
	labs := []catalog.Lab{
		{ID: "a", Region: catalog.Tianjin, Name: "南开大学功能材料实验中心", LegalEntity: "南开大学", Contact: "王明",
			Phone: "022-23500001", Kind: catalog.University, Services: []string{"材料表征与测试服务，包括扫描电子显微镜和透射电子显微镜的形貌观察以及能谱分析"}},
		{ID: "b", Region: catalog.Beijing, Name: "光学检测中心", LegalEntity: "某某研究院", Contact: "李华",
			Phone: "010-55500002", Kind: catalog.ResearchInstitute, Services: []string{"光谱分析"}},
	}
	idx, err := search.Build(labs, nil, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = idx.Close() })
	h, err := New(idx, nil)
	require.NoError(t, err)
	return h
}

// A slip found by its pinyin is said on the page and in the API; a match in a field the
// card does not show is shown as a snippet on the card.
func TestSuggestedAndSnippets(t *testing.T) {
	t.Parallel()
	h := suggestHandler(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q="+url.QueryEscape("南开大雪"), nil))
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	require.Contains(t, body, `您是不是要找：<a href="?q=`+url.QueryEscape("南开大学")+`">南开大学</a>`)
	require.Contains(t, body, `id="lab-a"`)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/labs?q="+url.QueryEscape("南开大雪"), nil))
	require.Contains(t, rec.Body.String(), `"suggested":"南开大学"`)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q="+url.QueryEscape("能谱"), nil))
	body = rec.Body.String()
	require.Contains(t, body, `<dt>服务内容：</dt><dd class="snippet">…显微镜和透射电子显微镜的形貌观察以及<mark>能谱</mark>分析</dd>`)
	require.NotContains(t, body, "您是不是要找")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/?q=02223500001", nil))
	require.Contains(t, rec.Body.String(), `<mark>022</mark>-<mark>23500001</mark>`)
}
