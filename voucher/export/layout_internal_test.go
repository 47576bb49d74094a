package export

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// textY finds the baseline of every text a page's content draws (x y Td).
var textY = regexp.MustCompile(`BT /F\d+ [0-9.]+ Tf [0-9.]+ ([0-9.]+) Td`)

// TestTallRowSplitsAcrossPages: an opinion taller than a page is split across pages
// instead of running over the footer and off the page: no page draws below the body,
// and its lines are drawn (TestTallOpinionPrintsWhole reads them back).
func TestTallRowSplitsAcrossPages(t *testing.T) {
	opinion := strings.Repeat("甲乙丙丁戊己庚辛壬癸", 195) // 1,950 characters
	f := &ApplicationForm{Description: "检测。", Basics: Basics{ID: "APP-1", Version: 3, Exported: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		Enterprise: "天津测试科技有限公司",
		Opinions:   []Opinion{{Stage: "复审", Reviewer: "王", Action: "通过", Text: opinion, Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}}}}
	chain := (*Options)(nil).chain()
	d := newDoc(chain, f.Exported, "CODE", f.ID, f.Version, "科技创新券申请表")
	layoutApplication(d, f)
	require.NoError(t, d.err)
	pages := d.pdf.pages
	require.Greater(t, len(pages), 2, "the opinion needs more than a page")
	lowest := (pageH - bodyBottom) * ptPerMM // the body's bottom, in PDF points from the page's foot
	drawn := 0
	for i, p := range pages {
		for _, m := range textY.FindAllSubmatch(p.content, -1) {
			y, err := strconv.ParseFloat(string(m[1]), 64)
			require.NoError(t, err)
			require.GreaterOrEqual(t, y, lowest, "page %d draws text below the body (over the footer)", i+1)
		}
		drawn += strings.Count(string(p.content), ") Tj")
	}
	require.Greater(t, drawn, 1950/40, "the opinion's lines are drawn")
}
