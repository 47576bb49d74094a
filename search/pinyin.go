package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
)

// DefaultPinyinOverrides returns the readings used for words whose characters have
// more than one reading, where the dictionary's first reading is wrong (长城 is chang
// cheng, not zhang cheng). Keys are words, values syllables separated by spaces.
func DefaultPinyinOverrides() map[string]string {
	return map[string]string{
		"长城": "chang cheng", "长春": "chang chun", "长沙": "chang sha", "长安": "chang an",
		"长江": "chang jiang", "长治": "chang zhi", "延长": "yan chang", "长期": "chang qi",
		"银行": "yin hang", "行业": "hang ye", "同行": "tong hang", "重庆": "chong qing",
		"重复": "chong fu", "厦门": "xia men", "蚌埠": "beng bu", "六安": "lu an",
		"乐清": "yue qing", "音乐": "yin yue", "乐器": "yue qi", "会计": "kuai ji",
		"朝阳": "chao yang", "单县": "shan xian", "大都": "da du", "首都": "shou du",
		"成都": "cheng du", "调查": "diao cha", "调研": "diao yan", "调控": "tiao kong",
		"传感": "chuan gan", "传播": "chuan bo", "勘查": "kan cha", "检查": "jian cha",
		"数据": "shu ju", "数字": "shu zi", "系统": "xi tong", "重点": "zhong dian",
		"重大": "zhong da", "重工": "zhong gong", "重型": "zhong xing", "中国": "zhong guo",
		"地质": "di zhi", "模具": "mu ju", "模型": "mo xing", "模拟": "mo ni",
		"藏族": "zang zu", "西藏": "xi zang", "处理": "chu li", "给水": "ji shui",
		"供给": "gong ji", "降解": "jiang jie", "投降": "tou xiang", "茄子": "qie zi",
		"着陆": "zhuo lu", "参数": "can shu", "人参": "ren shen", "差异": "cha yi",
		"广播": "guang bo", "石家庄": "shi jia zhuang", "蔚县": "yu xian", "和平": "he ping",
		"曲阳": "qu yang", "曲周": "qu zhou", "称重": "cheng zhong", "薄膜": "bo mo",
		"血液": "xue ye", "校准": "jiao zhun", "学校": "xue xiao", "核校": "he jiao",
		// Place names of the region and beyond whose characters read otherwise elsewhere.
		"乐亭": "lao ting", "番禺": "pan yu", "丽水": "li shui", "铅山": "yan shan",
		"蠡县": "li xian", "柏乡": "bai xiang", "涉县": "she xian", "大厂": "da chang",
		"长垣": "chang yuan", "乐陵": "le ling", "任丘": "ren qiu", "任县": "ren xian",
		"行唐": "xing tang", "长子": "zhang zi", "尉氏": "wei shi", "洪洞": "hong tong",
		"大城": "da cheng", "阜平": "fu ping", "栾城": "luan cheng", "藁城": "gao cheng",
	}
}

// surnameReadings are the readings of polyphonic characters used as surnames, applied
// to the first character of a contact's name.
var surnameReadings = map[rune]string{
	'曾': "zeng", '单': "shan", '解': "xie", '仇': "qiu", '查': "zha", '盖': "ge",
	'区': "ou", '朴': "piao", '缪': "miao", '翟': "zhai", '覃': "qin", '乐': "yue",
	'召': "shao", '种': "chong", '秘': "bi", '尉': "yu", '长': "chang", '重': "chong",
}

// pinyinTable turns Chinese text into pinyin units, one per character.
type pinyinTable struct {
	words  map[string][]string // override words to their syllables
	maxLen int                 // longest override word, in characters
}

func newPinyinTable(extra map[string]string) *pinyinTable {
	t := &pinyinTable{words: map[string][]string{}}
	add := func(m map[string]string) {
		for w, py := range m {
			syl := strings.Fields(strings.ToLower(py))
			if len(syl) != utf8.RuneCountInString(w) || len(syl) == 0 {
				continue
			}
			t.words[w] = syl
			t.maxLen = max(t.maxLen, len(syl))
		}
	}
	add(DefaultPinyinOverrides())
	add(extra)
	return t
}

// units returns the full syllables and the initials of s, one unit per character of s
// joined by spaces, noUnit for a character without a reading. surname applies
// surnameReadings to the first character. Override words are looked up as substrings
// of s, without a string per lookup.
func (t *pinyinTable) units(s string, surname bool) (full, initials string) {
	offs := make([]int, 0, len(s)+1) // where each character starts, then len(s)
	for i := range s {
		offs = append(offs, i)
	}
	offs = append(offs, len(s))
	syl := make([]string, len(offs)-1)
	for i := 0; i < len(syl); {
		if n := t.override(s, offs[i:], syl[i:]); n > 0 {
			i += n
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[offs[i]:])
		syl[i] = reading(r)
		i++
	}
	if surname && len(syl) > 0 {
		r, _ := utf8.DecodeRuneInString(s)
		if py, ok := surnameReadings[r]; ok {
			syl[0] = py
		}
	}
	ini := make([]byte, 0, 2*len(syl))
	for i, u := range syl {
		if i > 0 {
			ini = append(ini, ' ')
		}
		if u == noUnit {
			ini = append(ini, noUnit...)
		} else {
			ini = append(ini, u[0])
		}
	}
	return strings.Join(syl, " "), string(ini)
}

// override writes the syllables of the longest override word that starts s[offs[0]:]
// into syl and returns its length in characters, or 0; offs are where the characters
// start, then len(s).
func (t *pinyinTable) override(s string, offs []int, syl []string) int {
	for n := min(t.maxLen, len(offs)-1); n >= 2; n-- {
		if py, ok := t.words[s[offs[0]:offs[n]]]; ok {
			copy(syl, py)
			return n
		}
	}
	return 0
}

// stripTones strips the tone marks of a dictionary reading, as go-pinyin's Normal
// style writes it: "zhōng" becomes "zhong" and "lǜ" "lv". A marked letter folds by
// toneFree, the table queries fold with, and a combining mark (U+0300 to U+036F, the
// grave of m̀ and the macron and caron of ê̄ and ê̌) is dropped.
func stripTones(v string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := toneFree[r]; ok {
			return t
		}
		if r >= 0x300 && r <= 0x36f {
			return -1
		}
		return r
	}, v)
}

// reading returns the first reading of r without tone, or noUnit. It gives what
// go-pinyin's SinglePinyin gives in Normal style, without its per-call regexp.
func reading(r rune) string {
	v, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		return noUnit
	}
	if i := strings.IndexByte(v, ','); i >= 0 {
		v = v[:i]
	}
	if v = stripTones(v); v == "" {
		return noUnit
	}
	return v
}

// syllables is the set of pinyin syllables (without tones) the dictionary knows: every
// reading of every character, with its tone marks stripped as reading strips them
// (go-pinyin's Normal style, without its per-call regexp, which made this set cost
// ~100 ms on the first pinyin query).
var syllables = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, v := range pinyin.PinyinDict {
		for py := range strings.SplitSeq(v, ",") {
			if py = stripTones(py); py != "" {
				set[py] = true
			}
		}
	}
	return set
})

// maxSegmentations bounds the readings of one pinyin query word.
const maxSegmentations = 8

// syllablePrefixes is the set of proper prefixes of the syllables: what the last
// syllable of a word still being typed can be ("ka" of kai, "zh" of zhong).
var syllablePrefixes = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for s := range syllables() {
		for n := 1; n < len(s); n++ {
			set[s[:n]] = true
		}
	}
	return set
})

// completions maps a proper prefix of a syllable to the syllables it starts (itself
// among them when it is one), sorted.
var completions = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	set := syllables()
	for s := range set {
		for n := 1; n < len(s); n++ {
			if len(out[s[:n]]) == 0 && set[s[:n]] {
				out[s[:n]] = append(out[s[:n]], s[:n])
			}
			out[s[:n]] = append(out[s[:n]], s)
		}
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
})

// pinyinReading is one way a word of letters reads as pinyin: its syllables, the last of
// which may be the start of a syllable still being typed (open): nanka is nan ka….
type pinyinReading struct {
	syl  []string
	open bool
}

// budget counts the steps of the work a query's parsing does and stops it at limit, so
// that no text can make parsing explore without end.
type budget struct{ steps, limit int }

// maxParseSteps is the budget of segmenting the letter words of one query text. The
// memoised segmentation stays far below it (at most 6 steps a letter, plus 32 a word
// boundary); the budget is the guard that keeps a future change of the segmenter from
// exploring without end, and FuzzParseBounded fails if a text ever reaches it.
const maxParseSteps = 1 << 16

// take counts n steps and reports whether the budget still allows them.
func (b *budget) take(n int) bool {
	b.steps += n
	return b.steps <= b.limit
}

// segmentPinyin splits a word of lower-case letters into pinyin syllables in every way
// the dictionary allows (at most maxSegmentations, fewest syllables first). "xian" gives
// [xian] and [xi an]; a word that is not pinyin gives nothing. When open is set the last
// syllable may be a prefix of one (search as you type).
//
// Feasibility of every suffix is computed first (at most six steps per letter), so the
// enumeration only follows splits that end in a reading: a word whose tail cannot be
// read costs 6 × its length, not an exponential search.
func segmentPinyin(word string, open bool, b *budget) []pinyinReading {
	set, pre := syllables(), syllablePrefixes()
	n := len(word)
	ok, openAt := make([]bool, n+1), make([]bool, n+1)
	ok[n] = true
	for i := n - 1; i >= 0; i-- {
		if !b.take(min(6, n-i)) {
			return nil
		}
		for k := 1; k <= min(6, n-i) && !ok[i]; k++ {
			ok[i] = set[word[i:i+k]] && ok[i+k]
		}
		if open && n-i < 6 && pre[word[i:]] {
			ok[i], openAt[i] = true, true
		}
	}
	if !ok[0] {
		return nil
	}
	var out []pinyinReading
	var walk func(i int, acc []string)
	walk = func(i int, acc []string) {
		if len(out) >= 4*maxSegmentations || !b.take(1) {
			return
		}
		if i == n {
			out = append(out, pinyinReading{syl: slices.Clone(acc)})
			return
		}
		if openAt[i] {
			out = append(out, pinyinReading{syl: append(slices.Clone(acc), word[i:]), open: true})
		}
		for k := min(6, n-i); k >= 1; k-- {
			if k == n-i && openAt[i] {
				continue // the open reading already finds what this one does
			}
			if set[word[i:i+k]] && ok[i+k] {
				walk(i+k, append(acc, word[i:i+k]))
			}
		}
	}
	walk(0, nil)
	slices.SortStableFunc(out, func(x, y pinyinReading) int { return cmp.Compare(len(x.syl), len(y.syl)) })
	if len(out) > maxSegmentations {
		out = out[:maxSegmentations]
	}
	return out
}

// isLetters reports whether s is non-empty and holds only ASCII letters.
func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}
