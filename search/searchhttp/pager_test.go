package searchhttp

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		page, last int
		want       []int
	}{
		{1, 1, []int{1}},
		{1, 3, []int{1, 2, 3}},
		{5, 9, []int{1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{1, 76, []int{1, 2, 3, 4, 5, 6, 7, 8, 0, 76}},
		{10, 76, []int{1, 0, 7, 8, 9, 10, 11, 12, 13, 0, 76}},
		{76, 76, []int{1, 0, 69, 70, 71, 72, 73, 74, 75, 76}},
		{5, 76, []int{1, 2, 3, 4, 5, 6, 7, 8, 0, 76}},
		{6, 76, []int{1, 0, 3, 4, 5, 6, 7, 8, 9, 0, 76}},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, window(tt.page, tt.last, 7), "page %d of %d", tt.page, tt.last)
	}
}

func TestBuildPager(t *testing.T) {
	t.Parallel()
	href := func(n int) string { return "?page=" + strconv.Itoa(n) }
	tests := []struct {
		name                    string
		total, page, size       int
		from, to                int
		first, prev, next, last string
	}{
		{"manual's order list", 3, 1, 10, 1, 3, "", "", "", ""},
		{"first of many", 752, 1, 10, 1, 10, "", "", "?page=2", "?page=76"},
		{"middle", 752, 40, 10, 391, 400, "?page=1", "?page=39", "?page=41", "?page=76"},
		{"last, partly full", 752, 76, 10, 751, 752, "?page=1", "?page=75", "", ""},
		{"past the end", 752, 90, 10, 0, 0, "?page=1", "?page=76", "", ""},
		{"nothing", 0, 1, 10, 0, 0, "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := buildPager(tt.total, tt.page, tt.size, href)
			require.Equal(t, tt.total, p.Total)
			require.Equal(t, [2]int{tt.from, tt.to}, [2]int{p.From, p.To})
			require.Equal(t, [4]string{tt.first, tt.prev, tt.next, tt.last}, [4]string{p.First, p.Prev, p.Next, p.Last})
		})
	}
}

func TestTelHref(t *testing.T) {
	t.Parallel()
	tests := []struct{ phone, region, want string }{
		{"022-27401774", "天津", "tel:02227401774"},
		{"82338428", "北京", "tel:01082338428"},
		{"82338428", "河北", ""}, // Hebei has many area codes
		{"18931862517", "河北", "tel:18931862517"},
		{"022-23532900转815", "天津", "tel:02223532900;ext=815"},
		{"javascript:alert(1)", "天津", ""},
		{"", "天津", ""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, string(telHref(tt.phone, tt.region)), tt.phone)
	}
}
