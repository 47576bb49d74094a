package attachment

import (
	"bytes"
	"compress/zlib"
	"io"
	"strconv"

	"github.com/cxqkit/cxq"
)

// Bounds of the PDF inspection.
const (
	pdfEOFWindow    = 1024     // %%EOF must start within this many bytes of the end
	pdfMaxInflated  = 50 << 20 // total bytes inflated from object streams
	pdfMaxNameBytes = 127      // longest name the lexer decodes (the PDF limit)
)

// pdfRefused are the names whose presence refuses a PDF: actions, scripts, embedded
// files (the /EmbeddedFile stream type and the /EF entry of a file specification; an
// empty /EmbeddedFiles name tree, which some generators always write, is harmless),
// forms that run code, and encryption (an encrypted file cannot be inspected).
// /OpenAction followed by an array is a destination (open at a page), not an action,
// and is allowed; see allowedName.
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
	budget := int64(pdfMaxInflated)
	return lexPDF(slot, data, &budget, true)
}

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
		if pdfLong[name] && !allowedName(name, data[i:]) {
			return name
		}
	}
}

// allowedName reports a refused name made harmless by what follows it: /OpenAction
// with a direct destination array opens the document at a page and runs nothing.
func allowedName(name string, rest []byte) bool {
	if name != "OpenAction" {
		return false
	}
	rest = bytes.TrimLeft(rest, " \t\r\n\f\x00")
	return len(rest) > 0 && rest[0] == '['
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

// lexPDF walks the tokens of data, skipping comments, strings and stream data, and
// refuses any refused name. Object streams are inflated (within budget) and walked too;
// one that cannot be inflated is refused, since it could hide objects.
func lexPDF(slot Slot, data []byte, budget *int64, top bool) *cxq.FieldError {
	var objNames []string // names since the last "obj", to recognise object streams
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
			if reason, bad := pdfRefused[name]; bad && !allowedName(name, data[i:]) {
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
			switch string(tok) {
			case "obj":
				objNames = objNames[:0]
			case "stream":
				if !top {
					return errUnreadable(slot, PDF, "stream inside an object stream")
				}
				body, next, ok := streamBody(data, i, objNames)
				if !ok {
					return errUnreadable(slot, PDF, "unterminated stream")
				}
				i = next
				if fe := checkObjStream(slot, body, objNames, budget); fe != nil {
					return fe
				}
				objNames = objNames[:0]
			}
		}
	}
	return nil
}

// checkObjStream inflates and walks an object stream; other streams are left alone.
func checkObjStream(slot Slot, body []byte, dict []string, budget *int64) *cxq.FieldError {
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
		return lexPDF(slot, body, budget, false)
	}
	zr, err := zlib.NewReader(bytes.NewReader(body))
	if err != nil {
		return errUnsafe(slot, ReasonObjectStream, "not inflatable")
	}
	inflated, err := io.ReadAll(io.LimitReader(zr, *budget+1))
	if int64(len(inflated)) > *budget {
		return errUnsafe(slot, ReasonBomb, "object streams inflate past "+strconv.Itoa(pdfMaxInflated)+" bytes")
	}
	if err != nil && len(inflated) == 0 {
		return errUnsafe(slot, ReasonObjectStream, "not inflatable")
	}
	*budget -= int64(len(inflated))
	if name := scanLongNames(inflated); name != "" {
		return errUnsafe(slot, pdfRefused[name], "/"+name)
	}
	return lexPDF(slot, inflated, budget, false)
}

// streamBody returns the data of the stream whose keyword ends at i and the index after
// its "endstream". A direct /Length is trusted when "endstream" follows it; otherwise the
// next "endstream" ends the data.
func streamBody(data []byte, i int, dict []string) ([]byte, int, bool) {
	if i < len(data) && data[i] == '\r' {
		i++
	}
	if i < len(data) && data[i] == '\n' {
		i++
	}
	if n, ok := directLength(data, i, dict); ok && i+n <= len(data) {
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

// directLength finds "/Length <int>" in the dictionary before the stream. The lexer keeps
// names only, so it looks back in the raw bytes of the dictionary for the number.
func directLength(data []byte, start int, dict []string) (int, bool) {
	found := false
	for _, n := range dict {
		if n == "Length" {
			found = true
		}
	}
	if !found {
		return 0, false
	}
	from := max(0, start-2048)
	seg := data[from:start]
	k := bytes.LastIndex(seg, []byte("/Length"))
	if k < 0 {
		return 0, false
	}
	rest := seg[k+len("/Length"):]
	n, rest, ok := leadingInt(bytes.TrimLeft(rest, " \t\r\n\f\x00"))
	if !ok {
		return 0, false
	}
	if _, after, ok := leadingInt(bytes.TrimLeft(rest, " \t\r\n\f\x00")); ok &&
		bytes.HasPrefix(bytes.TrimLeft(after, " \t\r\n\f\x00"), []byte("R")) {
		return 0, false // "/Length 12 0 R" is an indirect reference
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
