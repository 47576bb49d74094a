package attachment

import "strings"

// Type is a file type a slot may accept. Its value is the canonical file extension.
type Type string

// The file types of the voucher forms.
const (
	JPEG Type = "jpg"  // JPEG image (.jpg, .jpeg)
	PNG  Type = "png"  // PNG image
	PDF  Type = "pdf"  // PDF document
	DOC  Type = "doc"  // Word 97–2003 document (OLE compound file)
	DOCX Type = "docx" // Word document (Office Open XML)
)

// Types lists every known type in a fixed order.
func Types() []Type { return []Type{JPEG, PNG, PDF, DOC, DOCX} }

// MediaType returns the MIME type to serve the stored file with.
func (t Type) MediaType() string {
	switch t {
	case JPEG:
		return "image/jpeg"
	case PNG:
		return "image/png"
	case PDF:
		return "application/pdf"
	case DOC:
		return "application/msword"
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/octet-stream"
}

// Label returns the upper-case name shown to people, e.g. "JPG".
func (t Type) Label() string { return strings.ToUpper(string(t)) }

// Valid reports whether t is a known type.
func (t Type) Valid() bool {
	switch t {
	case JPEG, PNG, PDF, DOC, DOCX:
		return true
	}
	return false
}

// TypeOfName returns the type named by the extension of a file name (case-insensitive;
// ".jpeg" is JPEG) and the extension itself in lower case without the dot. ok is false
// when the extension names no known type.
func TypeOfName(name string) (t Type, ext string, ok bool) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", "", false
	}
	ext = strings.ToLower(name[i+1:])
	switch ext {
	case "jpg", "jpeg":
		return JPEG, ext, true
	case "png":
		return PNG, ext, true
	case "pdf":
		return PDF, ext, true
	case "doc":
		return DOC, ext, true
	case "docx":
		return DOCX, ext, true
	}
	return "", ext, false
}

func typeList(ts []Type) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Label()
	}
	return strings.Join(parts, "/")
}
