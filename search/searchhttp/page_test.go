package searchhttp

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/search"
)

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func TestPageShowsLabsAsTheManualDoes(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, &Options{Nav: []NavLink{{Label: "首页", Href: "../"}, {Label: "开放实验室", Href: "./", Current: true}}})
	rec := get(t, h, "/labs/?q="+url.QueryEscape("天津大学"))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
	require.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'none'")
	body := rec.Body.String()

	for _, want := range []string{
		`<html lang="zh-CN">`,
		`<h1>京津冀创新券服务资源</h1>`,
		`placeholder="输入关键字"`,
		`<button type="submit">搜索</button>`,
		`<label class="visually-hidden" for="q">`,
		`value="天津大学"`,
		`共检索到<strong>2</strong>条记录`,
		`内燃机燃烧学国家重点实验室`,
		`<dt>法人单位：</dt><dd><mark>天津大学</mark></dd>`,
		`<dt>联系人：</dt><dd>李静</dd>`,
		`<a href="tel:02227401774">022-27401774</a>`,
		`共有 2 行数据, 当前显示 1 到 2 行`,
		`<span class="disabled">首页</span>`,
		`<span class="disabled">尾页</span>`,
		`<a href="./" aria-current="page">开放实验室</a>`,
		`href="static/search.css?v=` + cssVersion + `"`,
	} {
		require.Contains(t, body, want)
	}
	// facets: region 天津 with its count, linking to the filtered search
	require.Contains(t, body, `<a href="?q=%E5%A4%A9%E6%B4%A5%E5%A4%A7%E5%AD%A6&amp;region=%E5%A4%A9%E6%B4%A5"><span>天津</span> <span class="count">2</span></a>`)
	requireWellFormed(t, body)
}

func TestPageFacetAndPager(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)
	body := get(t, h, "/labs/?region="+url.QueryEscape("河北")+"&page=2").Body.String()
	require.Contains(t, body, `共检索到<strong>27</strong>条记录`)
	require.Contains(t, body, `共有 27 行数据, 当前显示 13 到 24 行`)
	// the active facet links to the search without it, and a chip removes it too
	require.Contains(t, body, `<a href="./" aria-current="true"><span>河北</span> <span class="count">27</span></a>`)
	require.Contains(t, body, `<a href="./" aria-label="取消条件 河北">河北 ✕</a>`)
	// the other regions keep their counts, linking to a switch of region
	require.Contains(t, body, `<a href="?region=%E5%8C%97%E4%BA%AC"><span>北京</span> <span class="count">2</span></a>`)
	require.Contains(t, body, `<a href="?region=%E5%A4%A9%E6%B4%A5"><span>天津</span> <span class="count">3</span></a>`)
	// pager links keep the filter
	require.Contains(t, body, `<a href="?region=%E6%B2%B3%E5%8C%97">首页</a>`)
	require.Contains(t, body, `<a href="?page=3&amp;region=%E6%B2%B3%E5%8C%97" rel="next">下一页</a>`)
	require.Contains(t, body, `<span aria-current="page">2</span>`)
	require.Contains(t, body, `<input type="hidden" name="region" value="河北">`)
	// synthetic labs are marked as sample data, manual ones are not
	require.Equal(t, 12, strings.Count(body, `class="tag sample"`))
	requireWellFormed(t, body)

	// the URL's size wins over the page's default, and the pager keeps it
	body = get(t, h, "/labs/?region="+url.QueryEscape("河北")+"&size=10&page=3").Body.String()
	require.Contains(t, body, `共有 27 行数据, 当前显示 21 到 27 行`)
	require.Contains(t, body, `<a href="?page=2&amp;region=%E6%B2%B3%E5%8C%97&amp;size=10" rel="prev">上一页</a>`)
	require.Contains(t, body, `<span class="tag region">河北</span>`)
}

func TestPageTruncatedNameIsMarked(t *testing.T) {
	t.Parallel()
	body := get(t, newTestHandler(t, nil, nil), "/labs/?q="+url.QueryEscape("复杂产品")).Body.String()
	require.Contains(t, body, `<span class="cut" title="名单中的名称不完整">北京中航先进工业技术研究...</span>`)
	require.Contains(t, body, `<mark>复杂产品</mark>先进制造系统教育部工程研究中心`)
}

// TestPageEscapesEverything: a lab named <script>… shows as text, in cards, highlights,
// the search box and the links.
func TestPageEscapesEverything(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)
	for _, q := range []string{"<script>", `"><img src=x onerror=alert(2)>`, "&", "实验室"} {
		body := get(t, h, "/labs/?q="+url.QueryEscape(q)).Body.String()
		require.NotContains(t, body, "<script", q)
		require.NotContains(t, body, "<img", q)
		require.NotRegexp(t, regexp.MustCompile(`(?i)\son[a-z]+=`), stripText(body), q)
		requireWellFormed(t, body)
	}
	body := get(t, h, "/labs/?q="+url.QueryEscape("<script>")).Body.String()
	require.Contains(t, body, `<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;实验室`)
	body = get(t, h, "/labs/?q="+url.QueryEscape("张&三")).Body.String()
	require.Contains(t, body, `<mark>张&amp;三</mark>`)
}

func TestPageBadParameters(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, nil)
	rec := get(t, h, "/labs/?page=abc&q="+url.QueryEscape("<b>"))
	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
	body := rec.Body.String()
	require.Contains(t, body, `role="alert"`)
	require.Contains(t, body, "页码应为整数：abc")
	require.Contains(t, body, `value="&lt;b&gt;"`)
	requireWellFormed(t, body)

	rec = get(t, h, "/labs/?q="+strings.Repeat("%E5%85%89", 2000))
	require.Equal(t, http.StatusRequestURITooLong, rec.Code)
	require.Contains(t, rec.Body.String(), "查询参数不得超过 4096 字节")

	rec = get(t, h, "/labs/?q="+strings.Repeat("光", 250))
	require.Equal(t, http.StatusOK, rec.Code) // cut, not refused
	require.Contains(t, rec.Body.String(), `value="`+strings.Repeat("光", search.MaxTextRunes)+`"`)
}

func TestPageNothingFound(t *testing.T) {
	t.Parallel()
	body := get(t, newTestHandler(t, nil, nil), "/labs/?q=zzzz").Body.String()
	require.Contains(t, body, `共检索到<strong>0</strong>条记录`)
	require.Contains(t, body, "没有找到符合条件的记录")
	require.Contains(t, body, "共有 0 行数据, 当前显示 0 到 0 行")
}

func TestProductsPage(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, nil, &Options{Page: PageProducts, SampleProducts: true})
	body := get(t, h, "/labs/").Body.String()
	require.Equal(t, 2, strings.Count(body, `class="tag sample"`))
	require.Contains(t, body, `<h1>科淘商城</h1>`)
	require.Contains(t, body, `<span class="tag voucher" title="可使用创新券购买">创新券</span>`)
	require.Contains(t, body, `<p class="price">100.00 元/项</p>`)
	require.Contains(t, body, `&lt;b&gt;北京&lt;/b&gt;示例仪器`)
	require.Contains(t, body, `<dd>2017-03-01</dd>`)
	require.Contains(t, body, `name="voucher" value="1">`)
	requireWellFormed(t, body)

	body = get(t, h, "/labs/?voucher=1").Body.String()
	require.Contains(t, body, `共检索到<strong>1</strong>条记录`)
	require.Contains(t, body, `name="voucher" value="1" checked>`)
	require.Contains(t, body, `<a href="./" aria-label="取消条件 创新券">创新券 ✕</a>`)
}

// tagRE finds tags; escaped text never contains '<', so every match is a real tag.
var tagRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>`)

// requireWellFormed checks that every element that must be closed is, in order, and
// that no '<' stands outside a tag.
func requireWellFormed(t testing.TB, body string) {
	t.Helper()
	void := map[string]bool{"meta": true, "link": true, "input": true, "br": true, "img": true}
	require.Equal(t, strings.Count(body, "<"), len(tagRE.FindAllString(body, -1))+1, "stray '<'") // +1: <!doctype html>
	var stack []string
	for _, m := range tagRE.FindAllStringSubmatch(body, -1) {
		name := strings.ToLower(m[2])
		switch {
		case void[name]:
		case m[1] == "":
			stack = append(stack, name)
		default:
			require.NotEmpty(t, stack, "stray </%s>", name)
			require.Equal(t, stack[len(stack)-1], name, "mismatched </%s>", name)
			stack = stack[:len(stack)-1]
		}
	}
	require.Empty(t, stack, "unclosed elements")
}

// stripText returns the tags of body without the text between them and without the
// values of their attributes, leaving the attribute names to check.
func stripText(body string) string {
	tags := strings.Join(tagRE.FindAllString(body, -1), "")
	return regexp.MustCompile(`="[^"]*"`).ReplaceAllString(tags, "")
}

// TestProductCardLinks: with Options.ProductHref each card's name links to the page it
// names for the product; without it the name is plain text, as before.
func TestProductCardLinks(t *testing.T) {
	t.Parallel()
	cardRE := regexp.MustCompile(`<li class="card product" id="product-([^"]+)">`)
	plain := get(t, newTestHandler(t, nil, &Options{Page: PageProducts}), "/labs/").Body.String()
	require.NotEmpty(t, cardRE.FindAllString(plain, -1))
	require.NotContains(t, plain, `<h3><a `)

	h := newTestHandler(t, nil, &Options{Page: PageProducts,
		ProductHref: func(id string) string { return "/products/" + url.PathEscape(id) + "?from=list" }})
	body := get(t, h, "/labs/").Body.String()
	ids := cardRE.FindAllStringSubmatch(body, -1)
	require.NotEmpty(t, ids)
	for _, m := range ids {
		require.Contains(t, body, `<h3><a href="/products/`+m[1]+`?from=list">`, "card %s links to its page", m[1])
	}
	requireWellFormed(t, body)
}
