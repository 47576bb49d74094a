package attachment

import "bytes"

var (
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
	magicPNG  = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
	magicOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicZIP  = []byte{'P', 'K', 3, 4}
)

// Sniff returns the type whose signature the data starts with, or "" when none does.
// Only bytes at offset 0 count: "%PDF-" later in the data is not a PDF. A ZIP is
// reported as DOCX; whether it really is one is for the structural check.
func Sniff(data []byte) Type {
	switch {
	case bytes.HasPrefix(data, magicJPEG):
		return JPEG
	case bytes.HasPrefix(data, magicPNG):
		return PNG
	case isPDFHeader(data):
		return PDF
	case bytes.HasPrefix(data, magicOLE):
		return DOC
	case bytes.HasPrefix(data, magicZIP):
		return DOCX
	}
	return ""
}

// isPDFHeader accepts %PDF-1.0 to %PDF-1.7 and %PDF-2.0.
func isPDFHeader(b []byte) bool {
	if len(b) < 8 || !bytes.HasPrefix(b, []byte("%PDF-")) {
		return false
	}
	v := b[5:8]
	return v[0] == '1' && v[1] == '.' && v[2] >= '0' && v[2] <= '7' || string(v) == "2.0"
}
