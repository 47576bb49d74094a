package searchhttp

import (
	"html/template"

	"github.com/cxqkit/cxq"
)

// pagerWindow is how many page numbers the pager lists around the current page.
const pagerWindow = 7

// buildPager lays out "共有 N 行数据, 当前显示 a 到 b 行 [首页/上一页] … [下一页/尾页]" for a
// result of total hits shown size per page, page counting from 1. href gives the link to
// a page. Links to the current page, or to pages past either end, are left empty.
func buildPager(total, page, size int, href func(page int) string) pagerView {
	pv := pagerView{Total: total}
	if size <= 0 {
		size = 1
	}
	last := (total + size - 1) / size
	if last < 1 {
		last = 1
	}
	if page < 1 {
		page = 1
	}
	if total > 0 {
		pv.From = min((page-1)*size+1, total+1)
		pv.To = min(page*size, total)
		if pv.From > pv.To { // a page past the end shows nothing
			pv.From, pv.To = 0, 0
		}
	}
	if page > 1 {
		pv.First = href(1)
		pv.Prev = href(min(page-1, last))
	}
	if page < last {
		pv.Next = href(page + 1)
		pv.Last = href(last)
	}
	for _, n := range window(page, last, pagerWindow) {
		switch {
		case n == 0:
			pv.Pages = append(pv.Pages, pageLink{Gap: true})
		case n == page:
			pv.Pages = append(pv.Pages, pageLink{N: n, Current: true})
		default:
			pv.Pages = append(pv.Pages, pageLink{N: n, Href: href(n)})
		}
	}
	return pv
}

// window lists the page numbers to show for page of last: up to width numbers around
// page, with 1 and last always present and 0 standing for a gap ("…").
func window(page, last, width int) []int {
	if last <= width+2 {
		out := make([]int, last)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	lo := page - width/2
	lo = max(lo, 2)
	hi := lo + width - 1
	if hi > last-1 {
		hi = last - 1
		lo = hi - width + 1
	}
	out := []int{1}
	if lo > 2 {
		out = append(out, 0)
	}
	for n := lo; n <= hi; n++ {
		out = append(out, n)
	}
	if hi < last-1 {
		out = append(out, 0)
	}
	return append(out, last)
}

// areaCode returns the area code of a region that has a single one, used to dial numbers
// the lists print without it.
func areaCode(region string) (string, bool) {
	switch region {
	case "北京":
		return "010", true
	case "天津":
		return "022", true
	case "上海":
		return "021", true
	case "重庆":
		return "023", true
	}
	return "", false
}

// telHref builds a tel: link for a phone number as printed, or "" when it cannot be
// dialled unambiguously. The link is built from digits only, so it is safe to mark as a
// URL.
func telHref(phone, region string) template.URL {
	p, err := cxq.ParsePhone(phone)
	if err != nil {
		return ""
	}
	var num string
	switch p.Kind {
	case cxq.PhoneMobile, cxq.PhoneService:
		num = p.Number
	case cxq.PhoneLandline:
		num = p.AreaCode + p.Number
	case cxq.PhoneLocal:
		area, ok := areaCode(region)
		if !ok {
			return ""
		}
		num = area + p.Number
	default:
		return ""
	}
	if p.Extension != "" {
		num += ";ext=" + p.Extension
	}
	return template.URL("tel:" + num)
}
