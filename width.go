package cxq

import "golang.org/x/text/width"

// Narrow maps the full-width forms people type with a Chinese input method on — digits,
// Latin letters, punctuation, the ideographic space, ￥ — to their narrow (ASCII)
// counterparts, and keeps everything else. Amounts, identifiers, phone numbers and
// whole numbers are read through it.
func Narrow(s string) string { return width.Narrow.String(s) }
