package export

import (
	"strings"
	"unicode"
)

// wrap breaks s into lines no wider than maxW mm at size pt. Newlines start new lines.
// A line may break between any two Chinese characters and at spaces between Latin words;
// a word wider than the line is cut. Closing punctuation (，。）》 …) never starts a line:
// one hangs past the end of the previous line instead. No character is dropped but the spaces a
// break falls on.
func (d *doc) wrap(s string, size, maxW float64) []string {
	var out []string
	for _, para := range strings.Split(d.chain.printable(s), "\n") {
		out = append(out, d.wrapPara([]rune(para), size, maxW)...)
	}
	return out
}

func (d *doc) wrapPara(rs []rune, size, maxW float64) []string {
	var lines []string
	var line []rune
	w, brk := 0.0, -1 // brk: index in line where a break may fall
	broke := false    // the line was just broken: drop spaces until the next character
	emit := func(upTo int) {
		broke = true
		lines = append(lines, strings.TrimRight(string(line[:upTo]), " "))
		rest := []rune(strings.TrimLeft(string(line[upTo:]), " "))
		line = append(line[:0:0], rest...)
		w, brk = 0, -1
		for i, r := range line {
			w += d.runeWidth(r) * size
			if i > 0 && canBreak(line[i-1], r) {
				brk = i
			}
		}
	}
	for _, r := range rs {
		rw := d.runeWidth(r) * size
		// Break until r fits, a closing mark may hang, or the line is empty.
		for len(line) > 0 && w+rw > maxW && (!noLineStart(r) || w > maxW) {
			switch {
			case r == ' ':
				emit(len(line))
			case canBreak(line[len(line)-1], r):
				emit(len(line))
			case brk > 0:
				emit(brk)
			default:
				emit(len(line))
			}
		}
		if r == ' ' && len(line) == 0 && broke {
			continue // a space a break fell on
		}
		broke = false
		if len(line) > 0 && canBreak(line[len(line)-1], r) {
			brk = len(line)
		}
		line = append(line, r)
		w += rw
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, strings.TrimRight(string(line), " "))
	}
	return lines
}

// isWide reports whether r is a CJK character or full-width form, between which lines
// may break.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFFEF)
}

// canBreak reports whether a line may end after a and the next begin with b: after a
// space, or next to a Chinese character, unless a opens or b closes a phrase.
func canBreak(a, b rune) bool {
	return !noLineEnd(a) && !noLineStart(b) && (a == ' ' || isWide(a) || isWide(b))
}

// noLineStart lists closing punctuation that must not begin a line.
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%％", r)
}

// noLineEnd lists opening punctuation that must not end a line.
func noLineEnd(r rune) bool { return strings.ContainsRune("（《「『【〔〈“‘([{", r) }
