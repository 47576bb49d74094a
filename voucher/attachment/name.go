package attachment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cxqkit/cxq"
)

// MaxNameBytes is the longest file name accepted, in bytes of UTF-8 after NFC
// normalisation.
const MaxNameBytes = 255

// SanitizeName returns the display name to keep for an uploaded file: NFC-normalised with
// surrounding white space trimmed. It refuses (with a *cxq.FieldError of code
// CodeBadName) invalid UTF-8, control characters (NUL included, and the line and
// paragraph separators U+2028 and U+2029, which break a printed line), path separators,
// bidirectional controls such as U+202E, names of dots only, empty names and names longer
// than 255 bytes. The name is metadata only: files are stored under generated IDs.
// A sanitised name sanitises to itself.
func SanitizeName(name string) (string, error) {
	clean, reason := sanitizeName(name)
	if reason != "" {
		return "", errName(Slot{Label: cxq.T("上传", "upload")}, reason)
	}
	return clean, nil
}

func sanitizeName(name string) (string, string) {
	if !utf8.ValidString(name) {
		return "", ReasonNameEncoding
	}
	s := strings.TrimSpace(norm.NFC.String(name))
	// Trimming can expose text that normalises differently; settle on a fixed point.
	for i := 0; i < 4; i++ {
		t := strings.TrimSpace(norm.NFC.String(s))
		if t == s {
			break
		}
		s = t
	}
	switch {
	case s == "":
		return "", ReasonNameEmpty
	case len(s) > MaxNameBytes:
		return "", ReasonNameTooLong
	case strings.Trim(s, ".") == "":
		return "", ReasonNameDots
	}
	for _, r := range s {
		switch {
		case r == '/' || r == '\\':
			return "", ReasonNameSeparator
		case isBidi(r):
			return "", ReasonNameBidi
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.In(r, unicode.Zl, unicode.Zp) ||
			unicode.Is(unicode.Cf, r) && r != '\u200d' && r != '\u200c':
			return "", ReasonNameControl
		}
	}
	if s != norm.NFC.String(s) || s != strings.TrimSpace(s) {
		return "", ReasonNameEncoding
	}
	return s, ""
}

// isBidi reports the bidirectional formatting characters: embeddings, overrides
// (U+202E among them), isolates and marks.
func isBidi(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200E || r == 0x200F || r == 0x061C:
		return true
	}
	return false
}
