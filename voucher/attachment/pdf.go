package attachment

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"

	"github.com/cxqkit/cxq"
)

// Bounds of the PDF inspection.
const (
	pdfEOFWindow    = 1024     // %%EOF must start within this many bytes of the end
	pdfMaxInflated  = 50 << 20 // total bytes inflated from object streams
	pdfMaxRatio     = 100      // largest inflated/compressed ratio of one object stream
	pdfMaxNameBytes = 127      // longest name the lexer decodes (the PDF limit)
)

// pdfRefused are the names whose presence refuses a PDF: actions, scripts, embedded
// files (the /EmbeddedFile stream type and the /EF entry of a file specification; an
// empty /EmbeddedFiles name tree, which some generators always write, is harmless),
// forms that run code, and encryption (an encrypted file cannot be inspected).
// /OpenAction is allowed when it only shows a page (a destination array or a /GoTo
// action, directly or by reference); see harmlessOpen.
var pdfRefused = map[string]string{
	"JavaScript":   ReasonActive,
	"JS":           ReasonActive,
	"OpenAction":   ReasonActive,
	"AA":           ReasonActive,
	"Launch":       ReasonActive,
	"EmbeddedFile": ReasonActive,
	"EF":           ReasonActive,
	"XFA":          ReasonActive,
	"RichMedia":    ReasonActive,
	"Encrypt":      ReasonEncrypted,
}

// pdfLong are the refused names long enough to look for everywhere, stream data
// included, without false alarms from binary data.
var pdfLong = map[string]bool{
	"JavaScript": true, "OpenAction": true, "Launch": true, "EmbeddedFile": true,
	"XFA": true, "RichMedia": true, "Encrypt": true,
}

func checkPDF(slot Slot, data []byte) *cxq.FieldError {
	tail := data[max(0, len(data)-pdfEOFWindow):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return errUnreadable(slot, PDF, "no %%EOF near the end")
	}
	// Anywhere, even inside streams and strings: a reader following the cross-reference
	// table may parse objects the sequential lexer skipped.
	if name := scanLongNames(data); name != "" {
		return errUnsafe(slot, pdfRefused[name], "/"+name)
	}
	sc := &pdfScan{slot: slot, budget: pdfMaxInflated, objs: map[int][][]byte{}}
	if fe := sc.lex(data, true); fe != nil {
		return fe
	}
	return sc.resolveOpenActions()
}

// pdfScan is the state of one PDF inspection.
type pdfScan struct {
	slot     Slot
	budget   int64            // bytes object streams may still inflate to
	openRefs []int            // objects named by "/OpenAction n g R"
	objs     map[int][][]byte // the start of every object body seen, by object number
}

// pdfObjPeek is how much of an object body is kept to judge an /OpenAction target.
const pdfObjPeek = 512

func (sc *pdfScan) addObj(num int, body []byte) {
	if len(sc.objs[num]) < 16 {
		sc.objs[num] = append(sc.objs[num], body[:min(len(body), pdfObjPeek)])
	}
}

// openAction judges what follows /OpenAction: a destination array or a same-document
// /GoTo action is harmless; a reference is resolved once every object has been seen;
// anything else is refused.
func (sc *pdfScan) openAction(rest []byte) *cxq.FieldError {
	rest = trimPDFSpace(rest)
	if harmlessOpen(rest) {
		return nil
	}
	if n, after, ok := leadingInt(rest); ok {
		if _, after, ok := leadingInt(trimPDFSpace(after)); ok && bytes.HasPrefix(trimPDFSpace(after), []byte("R")) {
			sc.openRefs = append(sc.openRefs, n)
			return nil
		}
	}
	return errUnsafe(sc.slot, ReasonActive, "/OpenAction")
}

func (sc *pdfScan) resolveOpenActions() *cxq.FieldError {
	for _, ref := range sc.openRefs {
		bodies := sc.objs[ref]
		if len(bodies) == 0 {
			return errUnsafe(sc.slot, ReasonActive, "/OpenAction")
		}
		for _, b := range bodies {
			if !harmlessOpen(trimPDFSpace(b)) {
				return errUnsafe(sc.slot, ReasonActive, "/OpenAction")
			}
		}
	}
	return nil
}

// harmlessOpen reports an /OpenAction value that only shows a page: a destination array,
// or a dictionary naming /S /GoTo with no /Next action chained to it.
func harmlessOpen(v []byte) bool {
	if bytes.HasPrefix(v, []byte("[")) {
		return true
	}
	if !bytes.HasPrefix(v, []byte("<<")) {
		return false
	}
	end := bytes.Index(v, []byte(">>"))
	if end < 0 {
		return false
	}
	var s, goTo bool
	d := v[2:end]
	for i := 0; i < len(d); i++ {
		if d[i] != '/' {
			continue
		}
		name, n := readName(d[i+1:])
		i += n
		switch name {
		case "S":
			s = true
		case "GoTo":
			goTo = true
		case "D", "Type", "Action":
		default:
			if _, bad := pdfRefused[name]; bad || name == "Next" {
				return false
			}
		}
	}
	return s && goTo
}

func trimPDFSpace(b []byte) []byte { return bytes.TrimLeft(b, " \t\r\n\f\x00") }

// scanLongNames decodes every '/'-name in data and returns the first long refused one.
func scanLongNames(data []byte) string {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '/')
		if j < 0 {
			return ""
		}
		i += j + 1
		name, n := readName(data[i:])
		i += n
		if pdfLong[name] && !(name == "OpenAction" && maybeHarmlessOpen(data[i:])) {
			return name
		}
	}
}

// maybeHarmlessOpen reports an /OpenAction the raw scan leaves to the lexer: a harmless
// value or a reference, which the lexer resolves.
func maybeHarmlessOpen(rest []byte) bool {
	rest = trimPDFSpace(rest)
	if harmlessOpen(rest) {
		return true
	}
	_, after, ok := leadingInt(rest)
	return ok && len(after) > 0 && (isPDFSpace(after[0]))
}

// readName reads the regular characters of a name after its '/', decoding #xx escapes.
// It returns the decoded name and the number of bytes consumed.
func readName(b []byte) (string, int) {
	var out [pdfMaxNameBytes + 1]byte
	k, i := 0, 0
	for i < len(b) && !isPDFDelim(b[i]) && !isPDFSpace(b[i]) {
		c := b[i]
		if c == '#' && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
			c = unhex(b[i+1])<<4 | unhex(b[i+2])
			i += 2
		}
		i++
		if k < len(out) {
			out[k] = c
			k++
		}
	}
	return string(out[:k]), i
}

// lex walks the tokens of data, skipping comments, strings and stream data, and refuses
// any refused name. Object streams are inflated (within the budget) and walked too; one
// that cannot be inflated is refused, since it could hide objects.
func (sc *pdfScan) lex(data []byte, top bool) *cxq.FieldError {
	slot := sc.slot
	var (
		objNames []string // names since the last "obj", to recognise object streams
		objStart int      // where the current object's body starts
		nums     [2]int   // the last two integers, the number and generation before "obj"
		numOK    [2]bool
	)
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case isPDFSpace(c):
			i++
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case c == '(':
			n, ok := skipLiteral(data[i:])
			if !ok {
				return errUnreadable(slot, PDF, "unterminated string")
			}
			i += n
		case c == '<' && i+1 < len(data) && data[i+1] == '<', c == '>' && i+1 < len(data) && data[i+1] == '>':
			i += 2
		case c == '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return errUnreadable(slot, PDF, "unterminated hex string")
			}
			i += j + 1
		case c == '/':
			name, n := readName(data[i+1:])
			i += n + 1
			if name == "OpenAction" {
				if fe := sc.openAction(data[i:]); fe != nil {
					return fe
				}
			} else if reason, bad := pdfRefused[name]; bad {
				return errUnsafe(slot, reason, "/"+name)
			}
			if len(objNames) < 64 {
				objNames = append(objNames, name)
			}
		case isPDFDelim(c):
			i++
		default:
			j := i
			for j < len(data) && !isPDFDelim(data[j]) && !isPDFSpace(data[j]) {
				j++
			}
			tok := data[i:j]
			i = j
			if n, rest, ok := leadingInt(tok); ok && len(rest) == 0 {
				nums[0], numOK[0], nums[1], numOK[1] = nums[1], numOK[1], n, true
				continue
			}
			switch string(tok) {
			case "obj":
				objNames = objNames[:0]
				objStart = i
				if numOK[0] && numOK[1] {
					sc.addObj(nums[0], data[i:])
				}
			case "stream":
				if !top {
					return errUnreadable(slot, PDF, "stream inside an object stream")
				}
				dict := data[max(objStart, i-4096):i]
				body, next, ok := streamBody(data, i, dict, objNames)
				if !ok {
					return errUnreadable(slot, PDF, "unterminated stream")
				}
				i = next
				if fe := sc.checkObjStream(body, dict, objNames); fe != nil {
					return fe
				}
				objNames = objNames[:0]
			}
			numOK = [2]bool{}
		}
	}
	return nil
}

// checkObjStream inflates and walks an object stream, recording where its objects start;
// other streams are left alone.
func (sc *pdfScan) checkObjStream(body, rawDict []byte, dict []string) *cxq.FieldError {
	slot := sc.slot
	isObjStm, flate, other := false, false, false
	for _, n := range dict {
		switch n {
		case "ObjStm":
			isObjStm = true
		case "FlateDecode", "Fl":
			flate = true
		case "Predictor", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW",
			"RunLengthDecode", "RL", "Crypt":
			other = true
		}
	}
	if !isObjStm {
		return nil
	}
	if other {
		return errUnsafe(slot, ReasonObjectStream, "filter")
	}
	if !flate {
		return sc.objStream(body, rawDict)
	}
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return errUnsafe(slot, ReasonObjectStream, "not inflatable")
	}
	allow := min(sc.budget, pdfMaxRatio*int64(len(body)))
	inflated, err := io.ReadAll(io.LimitReader(zr, allow+1))
	if int64(len(inflated)) > allow {
		return errUnsafe(slot, ReasonBomb, fmt.Sprintf("object streams inflate past %d bytes or a ratio of %d", pdfMaxInflated, pdfMaxRatio))
	}
	if err != nil && len(inflated) == 0 {
		return errUnsafe(slot, ReasonObjectStream, "not inflatable")
	}
	sc.budget -= int64(len(inflated))
	return sc.objStream(inflated, rawDict)
}

// objStream checks the decoded content of an object stream and records where each of
// its objects starts, from the header of number and offset pairs before /First.
func (sc *pdfScan) objStream(content, rawDict []byte) *cxq.FieldError {
	if name := scanLongNames(content); name != "" {
		return errUnsafe(sc.slot, pdfRefused[name], "/"+name)
	}
	if first, ok := dictInt(rawDict, "/First"); ok && first <= len(content) {
		hdr := content[:first]
		for {
			num, rest, ok1 := leadingInt(trimPDFSpace(hdr))
			off, rest2, ok2 := leadingInt(trimPDFSpace(rest))
			if !ok1 || !ok2 {
				break
			}
			if first+off < len(content) {
				sc.addObj(num, content[first+off:])
			}
			hdr = rest2
		}
	}
	return sc.lex(content, false)
}

// streamBody returns the data of the stream whose keyword ends at i and the index after
// its "endstream". A direct /Length is trusted when "endstream" follows it; otherwise the
// next "endstream" ends the data.
func streamBody(data []byte, i int, rawDict []byte, dict []string) ([]byte, int, bool) {
	if i < len(data) && data[i] == '\r' {
		i++
	}
	if i < len(data) && data[i] == '\n' {
		i++
	}
	if n, ok := directLength(rawDict, dict); ok && i+n <= len(data) {
		rest := bytes.TrimLeft(data[i+n:], "\r\n \t\f\x00")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			end := len(data) - len(rest) + len("endstream")
			return data[i : i+n], end, true
		}
	}
	j := bytes.Index(data[i:], []byte("endstream"))
	if j < 0 {
		return nil, 0, false
	}
	return data[i : i+j], i + j + len("endstream"), true
}

// directLength finds a direct "/Length <int>" in the raw dictionary before the stream;
// "/Length 12 0 R" is an indirect reference and gives false.
func directLength(rawDict []byte, dict []string) (int, bool) {
	found := false
	for _, n := range dict {
		if n == "Length" {
			found = true
		}
	}
	if !found {
		return 0, false
	}
	return dictInt(rawDict, "/Length")
}

// dictInt returns the direct integer value of the last key in a raw dictionary.
func dictInt(raw []byte, key string) (int, bool) {
	k := bytes.LastIndex(raw, []byte(key))
	if k < 0 {
		return 0, false
	}
	rest := raw[k+len(key):]
	if len(rest) > 0 && !isPDFSpace(rest[0]) && !isPDFDelim(rest[0]) && (rest[0] < '0' || rest[0] > '9') {
		return 0, false // a longer name such as /LengthX
	}
	n, rest, ok := leadingInt(trimPDFSpace(rest))
	if !ok {
		return 0, false
	}
	if _, after, ok := leadingInt(trimPDFSpace(rest)); ok && bytes.HasPrefix(trimPDFSpace(after), []byte("R")) {
		return 0, false
	}
	return n, true
}

// leadingInt parses the decimal digits at the start of b.
func leadingInt(b []byte) (int, []byte, bool) {
	i := 0
	for i < len(b) && i < 12 && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, b, false
	}
	n, err := strconv.Atoi(string(b[:i]))
	return n, b[i:], err == nil
}

// skipLiteral returns the length of the literal string at the start of b, balancing
// parentheses and honouring backslash escapes.
func skipLiteral(b []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
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
