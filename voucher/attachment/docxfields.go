package attachment

import (
	"bytes"
	"strconv"
	"strings"
)

// fieldScanner finds DDE and DDEAUTO fields in a WordprocessingML part as it is written
// to it, without building a tree: a field code is the text of the w:instrText elements
// between a w:fldChar begin and its separate or end (Word joins them across runs, so
// "DD" and "EAUTO" in two runs are one code), or the w:instr attribute of a
// w:fldSimple. Names match whatever the namespace prefix; entities are decoded. It is
// a byte-level state machine, so a 50 MB part costs one pass (encoding/xml takes
// seconds for it); docxfields_test.go checks it against encoding/xml.
type fieldScanner struct {
	state   byte // 't' text, '<' in a tag, 'q' in a quoted attribute value, '!' in a comment or CDATA
	quote   byte
	tag     []byte   // the current tag, '<' and '>' excluded
	instr   int      // depth of open instrText elements
	codes   [][]byte // field codes being collected, innermost last
	cdata   bool
	tail    [3]byte // the last bytes of a comment or CDATA section
	found   string  // the first DDE field code found
	tooLong bool    // a tag longer than fieldMaxTag
}

const (
	fieldMaxTag  = 64 << 10 // longest tag kept; Word writes tags of a few hundred bytes
	fieldMaxCode = 4 << 10  // longest field code kept
	fieldMaxNest = 64       // fields nested in fields
)

func (s *fieldScanner) Write(p []byte) (int, error) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch s.state {
		case 't':
			if c == '<' {
				s.state, s.tag = '<', s.tag[:0]
				continue
			}
			j := bytes.IndexByte(p[i:], '<')
			if j < 0 {
				j = len(p) - i
			}
			s.text(p[i : i+j])
			i += j - 1
		case '<':
			s.inTag(c)
		case 'q':
			s.keep(c)
			if c == s.quote {
				s.state = '<'
			}
		case '!':
			s.special(c)
		}
	}
	return len(p), nil
}

// special reads a comment or a CDATA section, whose text counts as character data.
func (s *fieldScanner) special(c byte) {
	s.tail = [3]byte{s.tail[1], s.tail[2], c}
	switch {
	case !s.cdata && s.tail == [3]byte{'-', '-', '>'}:
		s.state = 't'
	case s.cdata && s.tail == [3]byte{']', ']', '>'}:
		s.state = 't'
		if s.instr > 0 && len(s.codes) > 0 {
			top := &s.codes[len(s.codes)-1]
			*top = bytes.TrimSuffix(*top, []byte("]]"))
		}
	case s.cdata:
		s.text([]byte{c})
	}
}

func (s *fieldScanner) inTag(c byte) {
	switch {
	case c == '"' || c == '\'':
		s.keep(c)
		s.state, s.quote = 'q', c
	case c == '>':
		s.state = 't'
		s.endTag()
	default:
		s.keep(c)
		if bytes.Equal(s.tag, []byte("!--")) || bytes.Equal(s.tag, []byte("![CDATA[")) {
			s.state, s.cdata, s.tail = '!', s.tag[1] == '[', [3]byte{}
		}
	}
}

func (s *fieldScanner) keep(c byte) {
	if len(s.tag) < fieldMaxTag {
		s.tag = append(s.tag, c)
	} else {
		s.tooLong = true
	}
}

func (s *fieldScanner) text(b []byte) {
	if s.instr > 0 && len(s.codes) > 0 {
		top := &s.codes[len(s.codes)-1]
		*top = append(*top, b[:min(len(b), max(0, fieldMaxCode-len(*top)))]...)
	}
}

// endTag acts on a complete tag.
func (s *fieldScanner) endTag() {
	t := s.tag
	if len(t) == 0 || t[0] == '?' || t[0] == '!' {
		return
	}
	closing := t[0] == '/'
	selfClosing := t[len(t)-1] == '/'
	t = bytes.TrimPrefix(bytes.TrimSuffix(t, []byte("/")), []byte("/"))
	name, attrs, _ := bytes.Cut(t, []byte{' '})
	if k := bytes.IndexAny(name, "\t\r\n"); k >= 0 {
		name, attrs = name[:k], t[k:]
	}
	switch string(localName(name)) {
	case "instrText":
		switch {
		case closing:
			s.instr = max(0, s.instr-1)
		case !selfClosing:
			s.instr++
		}
	case "fldChar":
		if !closing {
			s.fldChar(xmlAttr(attrs, "fldCharType"))
		}
	case "fldSimple":
		if !closing {
			s.judge([]byte(xmlAttr(attrs, "instr")))
		}
	}
}

func (s *fieldScanner) fldChar(typ string) {
	switch typ {
	case "begin":
		if len(s.codes) < fieldMaxNest {
			s.codes = append(s.codes, nil)
		}
	case "separate", "end":
		if len(s.codes) > 0 {
			s.judge(s.codes[len(s.codes)-1])
			if typ == "end" {
				s.codes = s.codes[:len(s.codes)-1]
			} else {
				s.codes[len(s.codes)-1] = s.codes[len(s.codes)-1][:0]
			}
		}
	}
}

// judge records a field code whose first word is DDE or DDEAUTO.
func (s *fieldScanner) judge(raw []byte) {
	code := xmlUnescape(string(raw))
	if f := strings.Fields(code); s.found == "" && len(f) > 0 &&
		(strings.EqualFold(f[0], "DDE") || strings.EqualFold(f[0], "DDEAUTO")) {
		s.found = strings.Join(f, " ")
	}
}

// finish judges fields left open at the end of the part: Word evaluates them too.
func (s *fieldScanner) finish() {
	for _, c := range s.codes {
		s.judge(c)
	}
}

func localName(b []byte) []byte {
	if k := bytes.LastIndexByte(b, ':'); k >= 0 {
		return b[k+1:]
	}
	return b
}

// xmlAttr returns the decoded value of the attribute whose local name is name.
func xmlAttr(attrs []byte, name string) string {
	for len(attrs) > 0 {
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		key := localName(bytes.TrimSpace(attrs[:eq]))
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return ""
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		if string(key) == name {
			return xmlUnescape(string(rest[1 : end+1]))
		}
		attrs = rest[end+2:]
	}
	return ""
}

// xmlUnescape decodes the five named entities and character references.
func xmlUnescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		j := strings.IndexByte(s[max(i, 0):], ';')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		ent := s[i+1 : i+j]
		s = s[i+j+1:]
		switch {
		case ent == "lt":
			b.WriteByte('<')
		case ent == "gt":
			b.WriteByte('>')
		case ent == "amp":
			b.WriteByte('&')
		case ent == "quot":
			b.WriteByte('"')
		case ent == "apos":
			b.WriteByte('\'')
		case strings.HasPrefix(ent, "#x"), strings.HasPrefix(ent, "#X"):
			if n, err := strconv.ParseUint(ent[2:], 16, 32); err == nil {
				b.WriteRune(rune(n))
			}
		case strings.HasPrefix(ent, "#"):
			if n, err := strconv.ParseUint(ent[1:], 10, 32); err == nil {
				b.WriteRune(rune(n))
			}
		}
	}
}
