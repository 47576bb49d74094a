package export

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// printable is s as the forms print it. A character no font of the chain has is
// printed as its code point in brackets ("[U+1F600]"), in the form's font: the form
// still prints — a record's text is often beyond anyone's editing, an approved
// opinion for one — and the reader sees which character stood there, never a blank
// box. Characters nobody sees are left out: format characters (zero-width spaces and
// joiners, byte-order marks, direction marks) and variation selectors; a line or
// paragraph separator (U+2028, U+2029) is a line break, a tab a space and a carriage
// return nothing (a line break follows it). Invalid UTF-8 is kept for the check to
// refuse.
func (c *fontChain) printable(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != utf8.RuneError && !c.prints(r) }) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteByte(s[i]) // not UTF-8: kept for the check to refuse
		case r == '\n' || c.prints(r):
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r':
		case separator(r):
			b.WriteByte('\n')
		case invisible(r):
		default:
			fmt.Fprintf(&b, "[U+%04X]", r)
		}
	}
	return b.String()
}

// prints reports whether r is drawn as itself: it is visible and a font has it.
func (c *fontChain) prints(r rune) bool {
	return !invisible(r) && !separator(r) && c.index(r) >= 0
}

// invisible reports a character no reader sees: a format character or a variation
// selector.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}

// separator reports the line and paragraph separators.
func separator(r rune) bool { return r == '\u2028' || r == '\u2029' }
