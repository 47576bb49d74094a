package main

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"github.com/cxqkit/cxq/catalog"
)

// class names a kind of query the report gives its own ratios for.
type class string

const (
	class1      class = "1 char"
	class2      class = "2 chars"
	class3      class = "3 chars"
	class4      class = "4+ chars"
	classKind   class = "kind words"
	classPinyin class = "pinyin"
	classPhone  class = "phone digits"
	classForm   class = "written forms" // traditional, punctuated, full-width, pasted
	classEmpty  class = "empty+facets"
	classDeep   class = "deep page"
)

var classes = []class{class1, class2, class3, class4, classKind, classPinyin, classPhone, classForm, classEmpty, classDeep}

// query is one measured page query. expect lists labs it must find whatever the truth
// says (the lab a pinyin or written-form query was made from); literal queries are
// judged against the truth.
type query struct {
	class  class
	text   string
	page   int
	expect []string
	pinyin bool // judged by expect only: the truth has no pinyin
}

var kindWords = []string{"国家重点实验室", "实验室", "技术研究", "重点实验室", "研究中心", "检验中心", "工程技术研究中心"}

// makeQueries draws what users type, per class: parts of a lab's fields by length, the
// kind words every other lab holds, pinyin of a name (whole syllables or still being
// typed), a phone's digits, a name written traditionally, in quotes or full width, the
// empty query, and deep pages.
func makeQueries(rng *rand.Rand, labs []catalog.Lab, n int, simp map[rune]rune) []query {
	trad := map[rune]rune{}
	for k, v := range simp {
		if old, ok := trad[v]; !ok || k < old {
			trad[v] = k
		}
	}
	var out []query
	per := max(1, n/len(classes))
	for _, c := range classes {
		for i := 0; i < per; i++ {
			l := labs[rng.IntN(len(labs))]
			if q, ok := drawQuery(rng, c, l, trad); ok {
				out = append(out, q)
			}
		}
	}
	return out
}

func drawQuery(rng *rand.Rand, c class, l catalog.Lab, trad map[rune]rune) (query, bool) {
	q := query{class: c, page: 1}
	switch c {
	case class1, class2, class3, class4:
		size := map[class]int{class1: 1, class2: 2, class3: 3, class4: 4 + rng.IntN(3)}[c]
		src := []string{l.Name, l.LegalEntity, l.Contact}
		src = append(src, l.Services...)
		rs := []rune(src[rng.IntN(len(src))])
		if len(rs) < size {
			return q, false
		}
		at := rng.IntN(len(rs) - size + 1)
		q.text = string(rs[at : at+size])
		if strings.ContainsAny(q.text, " -（）()") {
			return q, false
		}
	case classKind:
		q.text = kindWords[rng.IntN(len(kindWords))]
	case classPinyin:
		syl := pinyin.LazyPinyin(l.LegalEntity, pinyin.NewArgs())
		if len(syl) < 2 || len(syl) != utf8.RuneCountInString(l.LegalEntity) {
			return q, false
		}
		k := 2 + rng.IntN(min(3, len(syl)-1))
		q.text = strings.Join(syl[:k], "")
		if rng.IntN(2) == 0 { // still typing the last syllable
			q.text = q.text[:len(q.text)-1]
		}
		q.expect, q.pinyin = []string{l.ID}, true
	case classPhone:
		d := digits(l.Phone)
		q.text = d[rng.IntN(3):]
	case classForm:
		q.text = writtenForm(rng, l.Name, trad)
		q.expect = []string{l.ID}
	case classEmpty:
		q.text = ""
	case classDeep:
		q.text = []string{"", "实验室", "检测"}[rng.IntN(3)]
		q.page = 20 + rng.IntN(30)
	}
	return q, true
}

// writtenForm writes a name as users paste it: traditional characters, quotes and a
// full-width comma, a zero-width space or BOM, or full-width digits and letters.
func writtenForm(rng *rand.Rand, name string, trad map[rune]rune) string {
	switch rng.IntN(4) {
	case 0:
		return strings.Map(func(r rune) rune {
			if t, ok := trad[r]; ok {
				return t
			}
			return r
		}, name)
	case 1:
		return "“" + name + "”，"
	case 2:
		rs := []rune(name)
		return "\ufeff" + string(rs[:len(rs)/2]) + "\u200b" + string(rs[len(rs)/2:])
	default:
		return "（" + strings.Map(func(r rune) rune {
			if r > ' ' && r < 0x7f {
				return r + 0xFEE0
			}
			return r
		}, name) + "）"
	}
}
