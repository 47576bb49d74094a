package searchhttp_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
	"github.com/cxqkit/cxq/search/searchhttp"
)

// Mount the lab search under /labs/ of a portal and ask its JSON API for the labs of
// 天津大学, as printed in the manual.
func Example() {
	idx, err := search.Build(catalog.ManualLabs(), nil, nil)
	if err != nil {
		panic(err)
	}
	defer idx.Close()
	h, err := searchhttp.New(idx, nil)
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/labs/", http.StripPrefix("/labs", h))

	req := httptest.NewRequest(http.MethodGet, "/labs/api/labs?sort=name&q="+url.QueryEscape("天津大学"), nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)

	var res searchhttp.LabsResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		panic(err)
	}
	fmt.Println(rec.Code, res.Page.Summary())
	for _, hit := range res.Hits {
		fmt.Println(hit.Region, hit.Name, hit.Highlights["legal_entity"])
	}
	// Output:
	// 200 共检索到 2 条记录
	// 天津 内燃机燃烧学国家重点实验室 [<mark>天津大学</mark>]
	// 天津 系统生物工程教育部重点实验室 [<mark>天津大学</mark>]
}

// Bad parameters are answered 400 with every problem, in the kernel's JSON error shape.
func Example_badParameters() {
	idx, err := search.Build(catalog.ManualLabs(), nil, nil)
	if err != nil {
		panic(err)
	}
	defer idx.Close()
	h, err := searchhttp.New(idx, nil)
	if err != nil {
		panic(err)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/labs?page=0&size=500", nil))
	fmt.Println(rec.Code)
	fmt.Print(rec.Body.String())
	// Output:
	// 400
	// {"errors":[{"field":"page","code":"out_of_range","params":{"max":"10000","min":"1","value":"0"},"message_zh":"页码应在 1 到 10000 之间","message_en":"page must be between 1 and 10000"},{"field":"size","code":"out_of_range","params":{"max":"100","min":"1","value":"500"},"message_zh":"每页条数应在 1 到 100 之间","message_en":"page size must be between 1 and 100"}]}
}
