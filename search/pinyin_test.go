package search

import (
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
	require.Equal(t, []string{"tian", "jin"}, segmentPinyin("tianjin")[0])
	require.Contains(t, segmentPinyin("xian"), []string{"xi", "an"})
	require.Contains(t, segmentPinyin("xian"), []string{"xian"})
	require.Empty(t, segmentPinyin("tjdx"))
	require.LessOrEqual(t, len(segmentPinyin("nananananananana")), maxSegmentations)
}
