package export_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/export"
)

// TestTallOpinionPrintsWhole: an opinion of 1,950 characters, taller than a page,
// prints whole across pages, each page with its footer and page number.
func TestTallOpinionPrintsWhole(t *testing.T) {
	t.Parallel()
	f := sampleApplication()
	f.Opinions[0].Text = strings.Repeat("甲乙丙丁戊己庚辛壬癸", 195)
	text := pdfText(t, renderApp(t, f, nil))
	require.Equal(t, 195, strings.Count(text, "甲"), "every character of the opinion is printed, once")
	n := strings.Count(text, "验证码"+export.Code(f.Record(), nil))
	require.Greater(t, n, 2)
	var pages []string
	for i := 1; i <= n; i++ {
		pages = append(pages, "第"+strconv.Itoa(i)+"页共"+strconv.Itoa(n)+"页")
	}
	requireInOrder(t, text, pages...)
}
