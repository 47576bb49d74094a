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
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		out = append(out, d.wrapPara([]rune(strings.ReplaceAll(para, "\t", " ")), size, maxW)...)
	}
	return out
}

func (d *doc) wrapPara(rs []rune, size, maxW float64) []string {
	var lines []string
	var line []rune
	w, brk := 0.0, -1 // brk: index in line where a break may fall
	emit := func(upTo int) {
		lines = append(lines, strings.TrimRight(string(line[:upTo]), " "))
		rest := []rune(strings.TrimLeft(string(line[upTo:]), " "))
		line = append(line[:0:0], rest...)
		w = 0
		for _, r := range line {
			w += d.runeWidth(r) * size
		}
		brk = -1
	}
	for _, r := range rs {
		rw := d.runeWidth(r) * size
		if len(line) > 0 && w+rw > maxW && (!noLineStart(r) || w > maxW) {
			switch {
			case r == ' ':
				emit(len(line))
				continue
			case breakBefore(r) && !noLineEnd(line[len(line)-1]):
				emit(len(line))
			case brk > 0:
				emit(brk)
			default:
				emit(len(line))
			}
		}
		if breakBefore(r) && len(line) > 0 && !noLineEnd(line[len(line)-1]) {
			brk = len(line)
		}
		line = append(line, r)
		w += rw
		if r == ' ' || (isWide(r) && !noLineEnd(r)) {
			brk = len(line)
		}
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

func breakBefore(r rune) bool { return isWide(r) && !noLineStart(r) }

// noLineStart lists closing punctuation that must not begin a line.
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%％", r)
}

// noLineEnd lists opening punctuation that must not end a line.
func noLineEnd(r rune) bool { return strings.ContainsRune("（《「『【〔〈“‘([{", r) }
