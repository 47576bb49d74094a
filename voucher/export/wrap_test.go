package export

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

func testDoc(t testing.TB) *doc {
	t.Helper()
	return newDoc(newChain(DefaultFont(), nil), time.Unix(0, 0), "0000-0000-0000-0000", "T", 1, "科技创新券申请表")
}

func TestWrapCases(t *testing.T) {
	d := testDoc(t)
	cases := []struct {
		name string
		text string
		w    float64
		want []string
	}{
		{"fits", "天津大学", 50, []string{"天津大学"}},
		{"empty", "", 50, []string{""}},
		{"newline", "第一段\n第二段", 50, []string{"第一段", "第二段"}},
		{"cjk breaks anywhere", "一二三四五六七八", 4 * 3.71, []string{"一二三四", "五六七八"}},
		{"comma hangs", "一二三四，五六", 4 * 3.71, []string{"一二三四，", "五六"}},
		{"two marks take a character down", "一二三四，，五", 4 * 3.71, []string{"一二三", "四，，五"}},
		{"latin at spaces", "alpha beta gamma", 22, []string{"alpha beta", "gamma"}},
		{"open bracket moves down", "一二三（四）", 4 * 3.71, []string{"一二三", "（四）"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, d.wrap(tc.text, bodySize, tc.w))
		})
	}
}

var spaceBeforeCloser = regexp.MustCompile(`\s[，。、；：）》”.,;:?!)]`)

func TestWrapKeepsEveryCharacter(t *testing.T) {
	d := testDoc(t)
	alphabet := []rune("天津科技创新券申请表，。、；：（）《》“”abcdefgXYZ0123456789 -.@䶮𠮷𠀾")
	rapid.Check(t, func(t *rapid.T) {
		text := rapid.StringOfN(rapid.SampledFrom(alphabet), 0, 300, -1).Draw(t, "text")
		// A space before a closing mark leaves no good break; such text is not checked
		// for where the mark lands, only for losing nothing.
		spaced := spaceBeforeCloser.MatchString(text)
		w := rapid.Float64Range(12, 170).Draw(t, "width")
		lines := d.wrap(text, bodySize, w)
		if got := exporttest.Squeeze(strings.Join(lines, "")); got != exporttest.Squeeze(text) {
			t.Fatalf("lost characters:\n%q\n%q", got, exporttest.Squeeze(text))
		}
		for i, ln := range lines {
			rs := []rune(ln)
			if len(rs) > 1 && d.width(ln, bodySize) > w {
				// Only one closing punctuation mark may hang past the edge.
				last := rs[len(rs)-1]
				if !noLineStart(last) || d.width(string(rs[:len(rs)-1]), bodySize) > w {
					t.Fatalf("line %d %q is %.1f mm wide, more than %.1f", i, ln, d.width(ln, bodySize), w)
				}
			}
			if !spaced && i > 0 && len(rs) > 0 && noLineStart(rs[0]) && d.width(lines[i-1]+string(rs[0]), bodySize) <= w {
				t.Fatalf("line %d starts with %q that fitted on the line before", i, rs[0])
			}
		}
	})
}

// TestOpinionVerdictFitsOneLine: the 结论 column of the opinions table holds every
// shipped workflow's action label of up to four characters (审核通过, 退回修改) on one line.
func TestOpinionVerdictFitsOneLine(t *testing.T) {
	d := testDoc(t)
	w := opinionWidths[2] - 2*cellPad
	for _, id := range review.ShippedIDs() {
		def, err := review.ShippedDefinition(id)
		require.NoError(t, err)
		for _, a := range def.Actions {
			if label := a.Label.ZH; utf8.RuneCountInString(label) <= 4 {
				require.Len(t, d.wrap(label, bodySize, w), 1, "%s: %s wraps", id, label)
			}
		}
	}
}
