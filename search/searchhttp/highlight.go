package searchhttp

import (
	"html"
	"slices"
	"strings"
)

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// markedWords returns the distinct texts wrapped in <mark> in highlight fragments, longest
// first. The fragments' HTML is never passed on: only these plain strings are, and the
// page escapes them again.
func markedWords(fragments []string) []string {
	var words []string
	for _, f := range fragments {
		for {
			i := strings.Index(f, markOpen)
			if i < 0 {
				break
			}
			f = f[i+len(markOpen):]
			j := strings.Index(f, markClose)
			if j < 0 {
				break
			}
			if w := html.UnescapeString(f[:j]); w != "" && !slices.Contains(words, w) {
				words = append(words, w)
			}
			f = f[j+len(markClose):]
		}
	}
	slices.SortStableFunc(words, func(a, b string) int { return len(b) - len(a) })
	return words
}

// markText splits text into runs, marking every occurrence of any of words (longest
// first, so 天津大学 wins over 天津 where both match). Adjacent marked runs merge.
func markText(text string, words []string) []segment {
	if text == "" {
		return nil
	}
	if len(words) == 0 {
		return []segment{{Text: text}}
	}
	marked := make([]bool, len(text))
	for _, w := range words {
		for i := 0; i+len(w) <= len(text); {
			j := strings.Index(text[i:], w)
			if j < 0 {
				break
			}
			for k := i + j; k < i+j+len(w); k++ {
				marked[k] = true
			}
			i += j + len(w)
		}
	}
	var out []segment
	start := 0
	for i := 1; i <= len(text); i++ {
		if i == len(text) || marked[i] != marked[start] {
			out = append(out, segment{Text: text[start:i], Mark: marked[start]})
			start = i
		}
	}
	return out
}

// highlight marks the words the search marked in field's fragments within text, the
// field's whole value.
func highlight(text string, highlights map[string][]string, field string) []segment {
	return markText(text, markedWords(highlights[field]))
}

// snippetRunes is how many characters a snippet keeps on each side of its first match.
const snippetRunes = 18

// snippet returns the matched values of a field the card does not show (服务内容), at
// most max of them, each cut to the characters around its first match with "…" where
// text was left out, and the matched words marked.
func snippet(fragments []string, max int) [][]segment {
	var out [][]segment
	for _, f := range fragments {
		if len(out) == max {
			break
		}
		text := html.UnescapeString(strings.NewReplacer(markOpen, "", markClose, "").Replace(f))
		words := markedWords([]string{f})
		if len(words) == 0 {
			continue
		}
		out = append(out, markText(around(text, words), words))
	}
	return out
}

// around cuts text to snippetRunes characters on each side of the first of words.
func around(text string, words []string) string {
	first := len(text)
	for _, w := range words {
		if i := strings.Index(text, w); i >= 0 && i < first {
			first = i
		}
	}
	rs := []rune(text)
	at := len([]rune(text[:first]))
	from, to := max(0, at-snippetRunes), min(len(rs), at+2*snippetRunes)
	s := string(rs[from:to])
	if from > 0 {
		s = "…" + s
	}
	if to < len(rs) {
		s += "…"
	}
	return s
}
