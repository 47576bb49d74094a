package export

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Placeholder is what the forms print for a character no font has: □, the mark Chinese
// printing has long set for a character it cannot show (缺字). The record keeps the
// character; the form's verification code leads to it.
const Placeholder = '□'

// printable is s as the forms print it. A character no font of the chain has is first
// given a stand-in a font has (see substitute: ｶﾀｶﾅ prints as カタカナ); what is left
// prints as one Placeholder per character as a reader sees it: an emoji sequence joined
// by zero-width joiners (👨‍👩‍👧), an emoji with its skin tone or a flag's two regional
// indicators is one □, and a keycap's enclosing mark is left out (1️⃣ prints as 1). The
// form still prints — a record's text is often beyond anyone's editing, an approved
// opinion for one. Characters nobody sees are left out: format characters (zero-width
// spaces and joiners, byte-order marks, direction marks, tags) and variation selectors;
// a line or paragraph separator (U+2028, U+2029) is a line break, a tab a space and a
// carriage return nothing (a line break follows it). Invalid UTF-8 is kept for the
// check to refuse.
func (c *fontChain) printable(s string) string {
	if !c.lacksAny(s) {
		return s
	}
	s = c.substitute(s)
	var b strings.Builder
	var run placeholderRun
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
			run.joined = run.joined || r == zwj
			continue // the run goes on across what nobody sees
		case unicode.Is(unicode.Me, r):
			continue // an enclosing mark (a keycap's) over what printed before it
		case run.continues(r):
			run.pairs(r)
			continue
		default:
			b.WriteRune(c.placeholder())
			run.start(r)
			continue
		}
		run = placeholderRun{}
	}
	return b.String()
}

// lacksAny reports whether s holds a character other than a line break that does not
// print as itself.
func (c *fontChain) lacksAny(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != utf8.RuneError && !c.prints(r) })
}

const zwj = '\u200d'

// placeholderRun follows the characters since a Placeholder was printed, to print one
// for what a reader sees as one character.
type placeholderRun struct {
	open   bool // a Placeholder was the last thing printed
	joined bool // a zero-width joiner followed it
	single bool // it stands for one regional indicator, half of a flag
}

func (p *placeholderRun) start(r rune) { *p = placeholderRun{open: true, single: regional(r)} }

// continues reports whether r belongs to the character the open Placeholder stands for:
// joined to it, a skin tone of it, or the second half of its flag.
func (p *placeholderRun) continues(r rune) bool {
	return p.open && (p.joined || skinTone(r) || (p.single && regional(r)))
}

// pairs takes r into the run.
func (p *placeholderRun) pairs(r rune) {
	p.joined = false
	p.single = p.single && !regional(r)
}

func regional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
func skinTone(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// placeholder is Placeholder, or '?' under a font chain without it.
func (c *fontChain) placeholder() rune {
	if c.index(Placeholder) >= 0 {
		return Placeholder
	}
	return '?'
}

// substitute is s with each character no font has but that has a stand-in a font has
// replaced by it: a half-width form (ｶﾀｶﾅ, ｡｢｣, half-width hangul) by its full-width
// one, a half-width (semi-)voiced sound mark composed with the kana before it (ｶﾞ is
// ガ) or else printed spacing (゛, ゜), and the katakana middle dot by the middle dot.
// What prints stays as it is, and so does invalid UTF-8 (for the check to refuse).
func (c *fontChain) substitute(s string) string {
	if !strings.ContainsFunc(s, c.halfwidthMissing) {
		return s
	}
	buf := make([]byte, 0, len(s))
	last := -1 // where the last character written starts; -1 for none
	for i, r := range s {
		if _, size := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size <= 1 {
			buf, last = append(buf, s[i]), -1
			continue
		}
		if c.halfwidthMissing(r) {
			wide := []rune(width.Fold.String(string(r)))
			if len(wide) == 1 && unicode.Is(unicode.Mn, wide[0]) && last >= 0 {
				prev, _ := utf8.DecodeRune(buf[last:])
				if composed := []rune(norm.NFC.String(string([]rune{prev, wide[0]}))); len(composed) == 1 && c.prints(composed[0]) {
					buf = utf8.AppendRune(buf[:last], composed[0])
					continue
				}
			}
			if len(wide) == 1 {
				r = c.standIn(wide[0], r)
			}
		}
		last = len(buf)
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}

// halfwidthMissing reports a half-width form no font has.
func (c *fontChain) halfwidthMissing(r rune) bool {
	return width.LookupRune(r).Kind() == width.EastAsianHalfwidth && !c.prints(r)
}

// standIn is what prints for r, a half-width form whose full-width form is wide: wide,
// or its spacing form, or r itself (to print as a Placeholder) when no font has either.
func (c *fontChain) standIn(wide, r rune) rune {
	if spacing, ok := spacingForms[wide]; ok && c.prints(spacing) {
		return spacing
	}
	if c.prints(wide) {
		return wide
	}
	return r
}

// spacingForms are stand-ins of the full-width forms of half-width characters that
// fonts for Chinese often lack.
var spacingForms = map[rune]rune{
	'\u3099': '゛', // combining voiced sound mark
	'\u309A': '゜', // combining semi-voiced sound mark
	'・':      '·', // katakana middle dot
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
