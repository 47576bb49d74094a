package searchhttp

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// The parameter names of the JSON API and the page.
const (
	paramQ        = "q"
	paramRegion   = "region"
	paramKind     = "kind"
	paramEntity   = "entity"
	paramCategory = "category"
	paramLocation = "location"
	paramProvider = "provider"
	paramVoucher  = "voucher"
	paramPage     = "page"
	paramSize     = "size"
	paramSort     = "sort"
)

// maxValues is the most values one repeated parameter (region=…&region=…) may carry.
const maxValues = 20

// maxValueRunes is the longest filter value accepted, in characters.
const maxValueRunes = 100

// parseQuery reads the raw query string, answering a validation problem for a string
// that is not valid URL encoding or UTF-8.
func parseQuery(raw string) (url.Values, error) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return nil, cxq.NewFieldError("query", cxq.CodeFormat, nil,
			cxq.T("查询参数格式不正确", "the query string is not valid URL encoding"))
	}
	return vals, nil
}

// reader checks parameters one by one, collecting every problem.
type reader struct {
	vals url.Values
	p    cxq.Problems
}

// text reads a single free-text parameter of at most maxRunes characters.
func (r *reader) text(name string, label cxq.Text, maxRunes int) string {
	v := r.single(name, label)
	if fe := cxq.CheckText(name, label, v, cxq.TextRule{Max: maxRunes}); fe != nil {
		r.p.Add(fe)
		return ""
	}
	return v
}

// query reads the search text: a text longer than search.MaxTextRunes is cut as the
// search cuts it (search.CutText), not refused.
func (r *reader) query() string { return search.CutText(r.single(paramQ, labelQ)) }

// single reads a parameter that may appear once, valid UTF-8 without NUL, trimmed.
func (r *reader) single(name string, label cxq.Text) string {
	vs := r.vals[name]
	if len(vs) == 0 {
		return ""
	}
	if len(vs) > 1 {
		r.p.Add(cxq.NewFieldError(name, "repeated", nil,
			cxq.T("参数 "+name+" 只能出现一次", "parameter "+name+" may appear only once")))
		return ""
	}
	v := vs[0]
	if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
		r.p.Add(cxq.NewFieldError(name, cxq.CodeFormat, nil,
			cxq.T(label.ZH+"包含无效字符", label.EN+" contains invalid characters")))
		return ""
	}
	return strings.TrimSpace(v)
}

// list reads a repeatable parameter, also accepting comma-separated values, dropping
// empty ones, and checks each with check (which may be nil).
func (r *reader) list(name string, label cxq.Text, check func(string) error) []string {
	var out []string
	for _, raw := range r.vals[name] {
		for v := range strings.SplitSeq(raw, ",") {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) || utf8.RuneCountInString(v) > maxValueRunes {
				r.p.Add(cxq.NewFieldError(name, cxq.CodeFormat, nil,
					cxq.T(label.ZH+"格式不正确", label.EN+" is malformed")))
				return nil
			}
			if check != nil {
				if err := check(v); err != nil {
					r.p.AddErr(name, err)
					continue
				}
			}
			out = append(out, v)
		}
	}
	if len(out) > maxValues {
		r.p.Add(cxq.NewFieldError(name, cxq.CodeOutOfRange, map[string]string{"max": strconv.Itoa(maxValues)},
			cxq.T(label.ZH+"最多 {max} 个", "at most {max} values of "+label.EN)))
		return nil
	}
	return out
}

// number reads an integer parameter within [lo, hi]; absent gives 0.
func (r *reader) number(name string, label cxq.Text, lo, hi int) int {
	s := r.text(name, label, 12)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.p.Add(cxq.NewFieldError(name, cxq.CodeFormat, map[string]string{"value": s},
			cxq.T(label.ZH+"应为整数：{value}", label.EN+" must be a whole number: {value}")))
		return 0
	}
	if n < lo || n > hi {
		r.p.Add(cxq.NewFieldError(name, cxq.CodeOutOfRange,
			map[string]string{"min": strconv.Itoa(lo), "max": strconv.Itoa(hi), "value": s},
			cxq.T(label.ZH+"应在 {min} 到 {max} 之间", label.EN+" must be between {min} and {max}")))
		return 0
	}
	return n
}

// flag reads a boolean parameter: 1/true/on/yes or 0/false/off/no; absent is false.
func (r *reader) flag(name string, label cxq.Text) bool {
	switch strings.ToLower(r.text(name, label, 8)) {
	case "", "0", "false", "off", "no":
		return false
	case "1", "true", "on", "yes":
		return true
	}
	r.p.Add(cxq.NewFieldError(name, cxq.CodeFormat, nil,
		cxq.T(label.ZH+"应为 1 或 0", label.EN+" must be 1 or 0")))
	return false
}

// order reads the sort parameter.
func (r *reader) order() search.Sort {
	s := search.Sort(r.text(paramSort, labelSort, 16))
	switch s {
	case search.SortRelevance, search.SortName, search.SortRegion:
		return s
	case "relevance":
		return search.SortRelevance
	}
	r.p.Add(cxq.NewFieldError(paramSort, cxq.CodeInvalid,
		map[string]string{"reason": "relevance, name, region"},
		cxq.T("排序方式只能是 {reason}", "sort must be one of {reason}")))
	return search.SortRelevance
}

var (
	labelQ        = cxq.T("关键字", "keywords")
	labelRegion   = cxq.T("地区", "region")
	labelKind     = cxq.T("类别", "kind")
	labelEntity   = cxq.T("法人单位", "legal entity")
	labelCategory = cxq.T("产品类别", "category")
	labelLocation = cxq.T("所在地", "location")
	labelProvider = cxq.T("服务机构", "provider")
	labelVoucher  = cxq.T("创新券标识", "voucher badge")
	labelPage     = cxq.T("页码", "page")
	labelSize     = cxq.T("每页条数", "page size")
	labelSort     = cxq.T("排序方式", "sort")
)

func checkRegion(s string) error { _, err := catalog.ParseRegion(s); return err }
func checkKind(s string) error   { _, err := catalog.ParseLabKind(s); return err }

// labQuery turns URL parameters into a lab query, or a *cxq.ValidationError listing
// every problem.
func labQuery(vals url.Values) (search.Query, error) {
	r := &reader{vals: vals}
	q := search.Query{
		Text:        r.query(),
		LegalEntity: r.text(paramEntity, labelEntity, maxValueRunes),
		Page:        r.number(paramPage, labelPage, 1, search.MaxPage),
		Size:        r.number(paramSize, labelSize, 1, search.MaxSize),
		Sort:        r.order(),
	}
	for _, v := range r.list(paramRegion, labelRegion, checkRegion) {
		reg, _ := catalog.ParseRegion(v)
		q.Regions = append(q.Regions, reg)
	}
	for _, v := range r.list(paramKind, labelKind, checkKind) {
		k, _ := catalog.ParseLabKind(v)
		q.Kinds = append(q.Kinds, k)
	}
	return q, r.p.Err()
}

// productQuery turns URL parameters into a product query, or a *cxq.ValidationError.
func productQuery(vals url.Values) (search.ProductQuery, error) {
	r := &reader{vals: vals}
	q := search.ProductQuery{
		Text:       r.query(),
		Categories: r.list(paramCategory, labelCategory, nil),
		Locations:  r.list(paramLocation, labelLocation, nil),
		Provider:   r.text(paramProvider, labelProvider, maxValueRunes),
		Voucher:    r.flag(paramVoucher, labelVoucher),
		Page:       r.number(paramPage, labelPage, 1, search.MaxPage),
		Size:       r.number(paramSize, labelSize, 1, search.MaxSize),
		Sort:       r.order(),
	}
	return q, r.p.Err()
}
