// Package searchhttp serves lab and product search over HTTP: a JSON API and a
// server-rendered search page modelled on the programme's 京津冀创新券服务资源 page.
//
// # Mounting
//
// A [Handler] holds no global state and is mounted under any prefix with
// [net/http.StripPrefix]; every link it writes is relative, so it works wherever it sits:
//
//	h, err := searchhttp.New(index, nil)
//	mux.Handle("/labs/", http.StripPrefix("/labs", h))
//
// # The page
//
// GET / shows a search box (输入关键字 搜索), region and kind facets with counts, the
// headline 共检索到 N 条记录, one card per lab (region, name, 法人单位, 联系人, 联系电话)
// with the matched words highlighted, and the pager 共有 N 行数据, 当前显示 a 到 b 行
// [首页/上一页] … [下一页/尾页]. It needs no JavaScript: the search box is a form, facets
// and pages are links. Its stylesheet is embedded and adapts to a phone's width. Labs of
// synthetic sample data are marked 示例数据. A match in a field the card does not show
// (服务内容) appears on the card as a snippet around it. When the text found nothing and
// its pinyin did (a homophone slip, search.Result.Suggested), the page says
// 您是不是要找：… with a link that searches the suggested text. [Options.Page] selects the marketplace
// (科淘商城) instead, with the voucher badge (创新券) and a filter for it.
//
// # The JSON API
//
// GET /api/labs?q=&region=&kind=&entity=&page=&size=&sort= answers a [LabsResponse];
// GET /api/products?q=&category=&location=&provider=&voucher=&page=&size=&sort= answers a
// [ProductsResponse]. region, kind, category and location repeat or take
// comma-separated values. Bad parameters are answered 400 with the JSON form of
// *cxq.ValidationError ({"errors":[{"field","code","params","message_zh","message_en"}]});
// a query string over [Options.MaxURLBytes] is answered 414; a search text longer than
// search.MaxTextRunes is cut as the search cuts it ([search.CutText]), not refused. Every
// search runs under a deadline ([Options.Timeout]) and is answered 503 past it; only a
// failure of the search itself is a 500.
//
// # Safety
//
// Every value is escaped by html/template; highlight fragments are reduced to the plain
// words they mark and escaped again. Pages carry a Content-Security-Policy that allows no
// script. Successful answers may be cached for [Options.CacheMaxAge], errors never.
//
// # Imports
//
// searchhttp imports the kernel, catalog and search. It must never import a store
// driver, voucher, or anything under examples.
package searchhttp
