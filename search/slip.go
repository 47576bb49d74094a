package search

import (
	"context"
	"strings"
	"unicode"
)

// Homophone slips. A Chinese input method offers every character of a reading, and
// picking the wrong one (南开大雪 for 南开大学) is the commonest typo in Chinese. When a
// query finds nothing, each part written in Chinese characters is tried again by its
// pinyin, in the pinyin fields, and the result says what it found (Result.Suggested).

// homophones returns p with each part of Chinese characters that all have a reading
// also matching by those readings, and whether any part changed.
func homophones(p parsed, py *pinyinTable) (parsed, bool) {
	out := parsed{whole: p.whole, parts: make([]part, len(p.parts)), steps: p.steps}
	changed := false
	for i, pt := range p.parts {
		out.parts[i] = pt
		if pt.letters || !allHan(pt.text) {
			continue
		}
		full, _ := py.units(pt.text, false)
		syl := strings.Split(full, " ")
		if len(syl) < 2 || strings.Contains(" "+full+" ", " "+noUnit+" ") {
			continue // one character is too little to guess from
		}
		out.parts[i].pinyin = []pinyinReading{{syl: syl}}
		changed = true
	}
	return out, changed
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// suggestion returns the text that hp found in the record of ord: each part retried
// by its pinyin replaced by the characters of the record that read as it, or "" when
// it holds none.
func (c *collection[T]) suggestion(ord int32, p, hp parsed) string {
	words := make([]string, len(hp.parts))
	replaced := false
	for i, pt := range hp.parts {
		words[i] = pt.text
		if len(pt.pinyin) == 0 || p.parts[i].letters {
			continue
		}
		if w := c.readsAs(ord, pt.pinyin[0].syl); w != "" {
			words[i], replaced = w, replaced || w != pt.text
		}
	}
	if !replaced {
		return ""
	}
	return strings.Join(words, " ")
}

// readsAs returns the characters of ord's pinyin fields that read as syl, or "": the
// readings are those the arenas hold, one unit per folded character.
func (c *collection[T]) readsAs(ord int32, syl []string) string {
	r := c.recs[ord]
	var vals []string
	for _, f := range c.spec.fields {
		if vals = f.valuesOf(vals[:0], r); !f.pinyin || len(vals) == 0 {
			continue
		}
		rs := foldRunes(vals[0])
		units := c.readings(ord, f, &readingsOf{}).full
		if len(units) != len(rs) {
			continue
		}
	next:
		for i := 0; i+len(syl) <= len(units); i++ {
			for j := range syl {
				if string(units[i+j]) != syl[j] {
					continue next
				}
			}
			return string(rs[i : i+len(syl)])
		}
	}
	return ""
}

// rankOrSlip ranks p and, when it finds nothing, its homophones (see homophones): it
// returns the ranking, the parse that produced it, and the suggested text when the
// homophones did.
func (c *collection[T]) rankOrSlip(ctx context.Context, p parsed, keep func(int32) bool, better func(a, b cand) bool, k int) (ranked, parsed, string, error) {
	r, err := c.rank(ctx, p, keep, better, k)
	if err != nil || r.total > 0 {
		return r, p, "", err
	}
	hp, ok := homophones(p, c.py)
	if !ok {
		return r, p, "", nil
	}
	if err := ctx.Err(); err != nil {
		return ranked{}, p, "", err
	}
	hr, err := c.rank(ctx, hp, keep, better, k)
	if err != nil || hr.total == 0 {
		return r, p, "", err
	}
	s := c.suggestion(hr.top[0].ord, p, hp)
	if s == "" {
		return r, p, "", nil
	}
	return hr, hp, s, nil
}
