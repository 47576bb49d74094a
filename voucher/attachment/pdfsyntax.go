package attachment

import (
	"bytes"
	"errors"
	"strconv"
)

// pdfKind is the kind of a parsed PDF value.
type pdfKind uint8

const (
	pdfNull pdfKind = iota
	pdfBool
	pdfInt
	pdfReal
	pdfString
	pdfName
	pdfArray
	pdfDict
	pdfRef
	pdfKeyword // a bare keyword where a value was expected (lenient readers skip it)
)

// pdfValue is one parsed PDF value. Strings and names hold their decoded bytes; a
// reference holds its object number in n; a dictionary keeps its entries in order.
type pdfValue struct {
	kind pdfKind
	n    int64
	s    string
	arr  []pdfValue
	dict *pdfDictionary
}

type pdfDictionary struct {
	keys []string
	vals []pdfValue
}

// get returns the value of the last entry called key (a lenient reader keeps the last of
// duplicate keys).
func (d *pdfDictionary) get(key string) (pdfValue, bool) {
	if d == nil {
		return pdfValue{}, false
	}
	for i := len(d.keys) - 1; i >= 0; i-- {
		if d.keys[i] == key {
			return d.vals[i], true
		}
	}
	return pdfValue{}, false
}

func (d *pdfDictionary) name(key string) string {
	if v, ok := d.get(key); ok && v.kind == pdfName {
		return v.s
	}
	return ""
}

func (d *pdfDictionary) integer(key string) (int64, bool) {
	if v, ok := d.get(key); ok && v.kind == pdfInt {
		return v.n, true
	}
	return 0, false
}

// Parse bounds.
const (
	pdfMaxDepth     = 32  // nesting of arrays and dictionaries
	pdfMaxNameBytes = 127 // longest name kept (the PDF limit); longer names are cut
)

var (
	errPDFSyntax = errors.New("syntax error")
	errPDFDepth  = errors.New("nesting too deep")
	errPDFWork   = errors.New("parse budget exhausted")
)

// pdfLexer reads values from buf starting at pos. Every byte it looks at is charged to
// work, shared by all lexers of one check, so hostile input cannot make parsing
// quadratic.
type pdfLexer struct {
	buf  []byte
	pos  int
	work *int64
}

func (lx *pdfLexer) charge(n int) error {
	*lx.work -= int64(n)
	if *lx.work < 0 {
		return errPDFWork
	}
	return nil
}

// skipSpace skips white space and comments.
func (lx *pdfLexer) skipSpace() {
	start := lx.pos
	for lx.pos < len(lx.buf) {
		c := lx.buf[lx.pos]
		switch {
		case isPDFSpace(c):
			lx.pos++
		case c == '%':
			for lx.pos < len(lx.buf) && lx.buf[lx.pos] != '\n' && lx.buf[lx.pos] != '\r' {
				lx.pos++
			}
		default:
			*lx.work -= int64(lx.pos - start)
			return
		}
	}
	*lx.work -= int64(lx.pos - start)
}

// regular returns the run of regular characters at pos and moves past it.
func (lx *pdfLexer) regular() []byte {
	start := lx.pos
	for lx.pos < len(lx.buf) && !isPDFDelim(lx.buf[lx.pos]) && !isPDFSpace(lx.buf[lx.pos]) {
		lx.pos++
	}
	*lx.work -= int64(lx.pos - start)
	return lx.buf[start:lx.pos]
}

// value parses one value. Containers cut short by an error are returned with what was
// read so far, so that the caller can still judge it: a lenient reader would see it too.
func (lx *pdfLexer) value(depth int) (pdfValue, error) {
	if depth > pdfMaxDepth {
		return pdfValue{}, errPDFDepth
	}
	if err := lx.charge(1); err != nil {
		return pdfValue{}, err
	}
	lx.skipSpace()
	if lx.pos >= len(lx.buf) {
		return pdfValue{}, errPDFSyntax
	}
	switch c := lx.buf[lx.pos]; {
	case c == '/':
		lx.pos++
		return pdfValue{kind: pdfName, s: decodeName(lx.regular())}, nil
	case c == '(':
		s, err := lx.literal()
		return pdfValue{kind: pdfString, s: s}, err
	case c == '<' && lx.peek(1) == '<':
		lx.pos += 2
		return lx.dictionary(depth)
	case c == '<':
		s, err := lx.hexString()
		return pdfValue{kind: pdfString, s: s}, err
	case c == '[':
		lx.pos++
		return lx.array(depth)
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		lx.pos++
		return pdfValue{kind: pdfKeyword, s: string(c)}, nil
	}
	return lx.word()
}

func (lx *pdfLexer) peek(k int) byte {
	if lx.pos+k < len(lx.buf) {
		return lx.buf[lx.pos+k]
	}
	return 0
}

// word parses numbers, references ("n g R"), true, false, null and other keywords.
func (lx *pdfLexer) word() (pdfValue, error) {
	tok := lx.regular()
	if len(tok) == 0 {
		lx.pos++
		return pdfValue{kind: pdfKeyword}, nil
	}
	switch string(tok) {
	case "true", "false":
		v := pdfValue{kind: pdfBool}
		if tok[0] == 't' {
			v.n = 1
		}
		return v, nil
	case "null":
		return pdfValue{kind: pdfNull}, nil
	}
	n, err := strconv.ParseInt(string(tok), 10, 64)
	if err != nil {
		if _, ferr := strconv.ParseFloat(string(tok), 64); ferr == nil {
			return pdfValue{kind: pdfReal}, nil
		}
		return pdfValue{kind: pdfKeyword, s: string(tok)}, nil
	}
	// A reference is "n g R" with both integers unsigned.
	save := lx.pos
	if tok[0] != '+' && tok[0] != '-' {
		lx.skipSpace()
		g := lx.regular()
		lx.skipSpace()
		if isDigits(g) && lx.pos < len(lx.buf) && lx.buf[lx.pos] == 'R' &&
			(lx.pos+1 == len(lx.buf) || isPDFDelim(lx.buf[lx.pos+1]) || isPDFSpace(lx.buf[lx.pos+1])) {
			lx.pos++
			return pdfValue{kind: pdfRef, n: n}, nil
		}
	}
	lx.pos = save
	return pdfValue{kind: pdfInt, n: n}, nil
}

func (lx *pdfLexer) array(depth int) (pdfValue, error) {
	v := pdfValue{kind: pdfArray}
	for {
		lx.skipSpace()
		if lx.pos >= len(lx.buf) {
			return v, errPDFSyntax
		}
		if lx.buf[lx.pos] == ']' {
			lx.pos++
			return v, nil
		}
		e, err := lx.value(depth + 1)
		if e.kind != pdfKeyword || e.s != "" {
			if v.arr == nil {
				v.arr = make([]pdfValue, 0, 4) // most arrays are rectangles and destinations
			}
			v.arr = append(v.arr, e)
		}
		if err != nil {
			return v, err
		}
	}
}

func (lx *pdfLexer) dictionary(depth int) (pdfValue, error) {
	d := &pdfDictionary{}
	v := pdfValue{kind: pdfDict, dict: d}
	for {
		lx.skipSpace()
		if lx.pos >= len(lx.buf) {
			return v, errPDFSyntax
		}
		if lx.buf[lx.pos] == '>' && lx.peek(1) == '>' {
			lx.pos += 2
			return v, nil
		}
		k, err := lx.value(depth + 1)
		if err != nil {
			return v, err
		}
		if d.keys == nil {
			d.keys, d.vals = make([]string, 0, 6), make([]pdfValue, 0, 6)
		}
		if k.kind != pdfName {
			// Not a key: keep it under an empty key, so that it is still judged.
			d.keys, d.vals = append(d.keys, ""), append(d.vals, k)
			continue
		}
		val, err := lx.value(depth + 1)
		d.keys, d.vals = append(d.keys, k.s), append(d.vals, val)
		if err != nil {
			return v, err
		}
	}
}

// literal reads a literal string, balancing parentheses and decoding escapes.
func (lx *pdfLexer) literal() (string, error) {
	var out []byte
	depth := 0
	start := lx.pos
	defer func() { *lx.work -= int64(lx.pos - start) }()
	for ; lx.pos < len(lx.buf); lx.pos++ {
		c := lx.buf[lx.pos]
		switch c {
		case '\\':
			lx.pos++
			if lx.pos < len(lx.buf) {
				out = append(out, unescape(lx.buf[lx.pos]))
			}
			continue
		case '(':
			depth++
			if depth == 1 {
				continue
			}
		case ')':
			depth--
			if depth == 0 {
				lx.pos++
				return string(out), nil
			}
		}
		if len(out) < 4096 {
			out = append(out, c)
		}
	}
	return string(out), errPDFSyntax
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return c
}

func (lx *pdfLexer) hexString() (string, error) {
	end := bytes.IndexByte(lx.buf[lx.pos:], '>')
	if end < 0 {
		lx.pos = len(lx.buf)
		return "", errPDFSyntax
	}
	raw := lx.buf[lx.pos+1 : lx.pos+end]
	lx.pos += end + 1
	if err := lx.charge(end); err != nil {
		return "", err
	}
	out := make([]byte, 0, min(len(raw)/2, 4096))
	var hi byte
	half := false
	for _, c := range raw {
		if !isHex(c) || len(out) == cap(out) {
			continue
		}
		if half {
			out = append(out, hi<<4|unhex(c))
		} else {
			hi = unhex(c)
		}
		half = !half
	}
	return string(out), nil
}

// decodeName decodes the #xx escapes of a name (without its '/').
func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 && len(b) <= pdfMaxNameBytes {
		return string(b)
	}
	out := make([]byte, 0, min(len(b), pdfMaxNameBytes))
	for i := 0; i < len(b) && len(out) < pdfMaxNameBytes; i++ {
		c := b[i]
		if c == '#' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			c = unhex(b[i+1])<<4 | unhex(b[i+2])
			i += 2
		}
		out = append(out, c)
	}
	return string(out)
}

func isDigits(b []byte) bool {
	if len(b) == 0 || len(b) > 10 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
