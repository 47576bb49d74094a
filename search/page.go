package search

import "fmt"

// Page is the window of a result: which hits of how many are shown.
type Page struct {
	Number int `json:"number"` // this page, from 1
	Size   int `json:"size"`   // hits per page
	Pages  int `json:"pages"`  // pages in all; 0 when nothing matched
	Total  int `json:"total"`  // hits in all
	From   int `json:"from"`   // the first hit shown, from 1; 0 when the page is empty
	To     int `json:"to"`     // the last hit shown; 0 when the page is empty
}

// NewPage returns page number (from 1) of size hits out of total. A page past the end
// is empty (From and To are 0). number < 1 counts as 1 and size < 1 as DefaultSize.
func NewPage(total, number, size int) Page {
	if number < 1 {
		number = 1
	}
	if size < 1 {
		size = DefaultSize
	}
	if total < 0 {
		total = 0
	}
	p := Page{Number: number, Size: size, Total: total, Pages: (total + size - 1) / size}
	start := (number - 1) * size
	if start < total {
		p.From = start + 1
		p.To = min(start+size, total)
	}
	return p
}

// Offset returns how many hits come before this page.
func (p Page) Offset() int { return (p.Number - 1) * p.Size }

// HasPrev reports whether there is a page before this one.
func (p Page) HasPrev() bool { return p.Number > 1 }

// HasNext reports whether there is a page after this one.
func (p Page) HasNext() bool { return p.Number < p.Pages }

// Window is the portal's page line: "共有 752 行数据, 当前显示 1 到 10 行".
func (p Page) Window() string {
	return fmt.Sprintf("共有 %d 行数据, 当前显示 %d 到 %d 行", p.Total, p.From, p.To)
}

// Summary is the result headline: "共检索到 752 条记录".
func (p Page) Summary() string {
	return fmt.Sprintf("共检索到 %d 条记录", p.Total)
}

// Links returns at most n page numbers around this one, for a pager.
func (p Page) Links(n int) []int {
	if p.Pages == 0 || n < 1 {
		return nil
	}
	first := max(1, p.Number-n/2)
	last := min(p.Pages, first+n-1)
	first = max(1, last-n+1)
	out := make([]int, 0, last-first+1)
	for i := first; i <= last; i++ {
		out = append(out, i)
	}
	return out
}
