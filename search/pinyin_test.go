package search

import (
	"strings"
	"testing"

	"github.com/mozillazg/go-pinyin"
	"github.com/stretchr/testify/require"
)

// reading must agree with go-pinyin's Normal style on every character it knows.
func TestReadingMatchesGoPinyin(t *testing.T) {
	t.Parallel()
	args := pinyin.Args{Style: pinyin.Normal}
	for r := range pinyin.PinyinDict {
		want := noUnit
		if py := pinyin.SinglePinyin(rune(r), args); len(py) > 0 && py[0] != "" {
			want = py[0]
		}
		require.Equal(t, want, reading(rune(r)), "%c", rune(r))
	}
}

func TestUnits(t *testing.T) {
	t.Parallel()
	py := newPinyinTable(map[string]string{"朝天": "chao tian"})
	for _, c := range []struct {
		in, full, ini string
		surname       bool
	}{
		{"天津大学", "tian jin da xue", "t j d x", false},
		{"长城", "chang cheng", "c c", false},
		{"重庆银行", "chong qing yin hang", "c q y h", false},
		{"A3实验室", "- - shi yan shi", "- - s y s", false},
		{"曾强", "zeng qiang", "z q", true},
		{"朝天区", "chao tian qu", "c t q", false},
		{"", "", "", false},
	} {
		full, ini := py.units(c.in, c.surname)
		require.Equal(t, c.full, full, c.in)
		require.Equal(t, c.ini, ini, c.in)
	}
}

func TestSegmentPinyin(t *testing.T) {
	t.Parallel()
	seg := func(w string, open bool) [][]string {
		var out [][]string
		for _, rd := range segmentPinyin(w, open, &budget{limit: maxParseSteps}) {
			out = append(out, rd.syl)
		}
		return out
	}
	require.Equal(t, []string{"tian", "jin"}, seg("tianjin", false)[0])
	require.Contains(t, seg("xian", false), []string{"xi", "an"})
	require.Contains(t, seg("xian", false), []string{"xian"})
	require.Empty(t, seg("tjdx", false))
	require.LessOrEqual(t, len(seg("nananananananana", false)), maxSegmentations)
	require.Equal(t, []string{"nan", "ka"}, seg("nanka", false)[0])
	require.Equal(t, pinyinReading{syl: []string{"nan", "ka"}, open: true}, segmentPinyin("nanka", true, &budget{limit: maxParseSteps})[0])
	require.Empty(t, seg("nankq", false))
	require.Equal(t, pinyinReading{syl: []string{"tian", "jin", "d"}, open: true}, segmentPinyin("tianjind", true, &budget{limit: maxParseSteps})[0])
}

// A word whose tail cannot be read costs work linear in its length: the feasibility of
// every suffix is known before any split is followed. Explored split by split, the
// 57 letters of xian×14+q took a minute.
func TestSegmentPinyinUnreadableTailIsLinear(t *testing.T) {
	t.Parallel()
	for _, w := range []string{strings.Repeat("xian", 14) + "q", strings.Repeat("a", 199) + "q", strings.Repeat("nan", 66) + "q"} {
		b := &budget{limit: maxParseSteps}
		require.Empty(t, segmentPinyin(w, false, b), w)
		require.LessOrEqual(t, b.steps, 6*len(w), w)
		// Open, the same word reads (q starts qi, qu …), and the enumeration stops
		// after a bounded number of readings.
		b = &budget{limit: maxParseSteps}
		require.LessOrEqual(t, len(segmentPinyin(w, true, b)), maxSegmentations, w)
		require.LessOrEqual(t, b.steps, 6*len(w)+4*maxSegmentations*(len(w)+1), w)
	}
}

// syllables must hold the readings go-pinyin's Normal style gives, heteronyms included,
// that a query can spell (letters a to z: the few readings it leaves marked, such as
// ê̄ or m̀, fold to e and m, which are there anyway).
func TestSyllablesMatchGoPinyin(t *testing.T) {
	t.Parallel()
	want, got := map[string]bool{}, map[string]bool{}
	args := pinyin.Args{Style: pinyin.Normal, Heteronym: true}
	for r := range pinyin.PinyinDict {
		for _, py := range pinyin.SinglePinyin(rune(r), args) {
			if isLetters(py) {
				want[py] = true
			}
		}
	}
	for py := range syllables() {
		if isLetters(py) {
			got[py] = true
		}
	}
	require.Equal(t, want, got)
}
