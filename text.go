package cxq

import "strings"

// Lang selects the language of a message.
type Lang string

// The languages every message of cxq is written in.
const (
	ZH Lang = "zh" // Simplified Chinese, the language of the programmes
	EN Lang = "en" // English
)

// Text is a label or message in Chinese and English.
type Text struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// T builds a Text.
func T(zh, en string) Text { return Text{ZH: zh, EN: en} }

// In returns the text in lang; an unknown language or an empty translation falls back to
// Chinese, the authoritative language of the programmes.
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.ZH
}

// String returns the Chinese text.
func (t Text) String() string { return t.ZH }

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.ZH == "" && t.EN == "" }

// Fill replaces every {name} placeholder in both languages with params[name].
func (t Text) Fill(params map[string]string) Text {
	return Text{ZH: fill(t.ZH, params), EN: fill(t.EN, params)}
}

func fill(s string, params map[string]string) string {
	if len(params) == 0 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, 2*len(params))
	for k, v := range params {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Clip returns s cut to at most n characters (runes), with "…" in place of what is cut:
// for quoting a person's input in an error message without echoing all of it.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
