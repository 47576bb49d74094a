package searchhttp

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestMarkedWords(t *testing.T) {
	t.Parallel()
	require.Equal(t, []string{"天津大学", "李静"}, markedWords([]string{"<mark>李静</mark>", "<mark>天津大学</mark>"}))
	require.Equal(t, []string{"<b>&"}, markedWords([]string{"x<mark>&lt;b&gt;&amp;</mark>y"}))
	require.Equal(t, []string{"光"}, markedWords([]string{"<mark>光</mark>电<mark>光</mark>", "<mark>unclosed"}))
	require.Empty(t, markedWords(nil))
}

func TestMarkText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text  string
		words []string
		want  string // marked runs in [brackets]
	}{
		{"天津大学", nil, "天津大学"},
		{"天津大学", []string{"天津大学", "天津"}, "[天津大学]"},
		{"系统生物工程教育部重点实验室", []string{"工程"}, "系统生物[工程]教育部重点实验室"},
		{"光电光", []string{"光"}, "[光]电[光]"},
		{"光光", []string{"光"}, "[光光]"},
		{"abc", []string{"zz"}, "abc"},
		{"", []string{"a"}, ""},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, bracket(markText(tt.text, tt.words)), tt.text)
	}
}

func bracket(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// FuzzMarkText: the runs always put the text back together, on rune boundaries.
func FuzzMarkText(f *testing.F) {
	f.Add("天津大学化工学院", "<mark>天津</mark>大学", "学")
	f.Add("a&b<c", "<mark>&amp;b&lt;</mark>", "")
	f.Fuzz(func(t *testing.T, text, fragment, word string) {
		if !utf8.ValidString(text) || !utf8.ValidString(word) {
			t.Skip()
		}
		words := markedWords([]string{fragment})
		if word != "" {
			words = append(words, word)
		}
		var b strings.Builder
		for _, s := range markText(text, words) {
			require.NotEmpty(t, s.Text)
			require.True(t, utf8.ValidString(s.Text) || !utf8.ValidString(strings.Join(words, "")))
			b.WriteString(s.Text)
		}
		require.Equal(t, text, b.String())
	})
}
