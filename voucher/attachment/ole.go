package attachment

import (
	"bytes"
	"encoding/binary"

	"github.com/cxqkit/cxq"
)

// utf16 encodes ASCII text as UTF-16LE, the way OLE directory entries store names.
func utf16(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

var (
	oleVBA       = utf16("_VBA_PROJECT")
	oleEncrypted = utf16("EncryptionInfo")
)

// checkOLE checks the compound file header of a .doc: signature, byte order, version and
// sector sizes. Files holding a VBA project, or encrypted packages, are refused.
func checkOLE(slot Slot, data []byte) *cxq.FieldError {
	if len(data) < 512 {
		return errUnreadable(slot, DOC, "shorter than an OLE header")
	}
	major := binary.LittleEndian.Uint16(data[26:])
	order := binary.LittleEndian.Uint16(data[28:])
	shift := binary.LittleEndian.Uint16(data[30:])
	mini := binary.LittleEndian.Uint16(data[32:])
	switch {
	case order != 0xFFFE:
		return errUnreadable(slot, DOC, "bad byte order mark")
	case !(major == 3 && shift == 9 || major == 4 && shift == 12):
		return errUnreadable(slot, DOC, "bad version or sector size")
	case mini != 6:
		return errUnreadable(slot, DOC, "bad mini sector size")
	}
	if bytes.Contains(data, oleVBA) {
		return errUnsafe(slot, ReasonMacro, "_VBA_PROJECT")
	}
	if bytes.Contains(data, oleEncrypted) {
		return errUnsafe(slot, ReasonEncrypted, "EncryptionInfo")
	}
	return nil
}
