package attachment

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"

	"github.com/cxqkit/cxq"
)

// Directory entries of a compound file that refuse a .doc. Compound-file names compare
// case-insensitively (the format upper-cases them), so they are matched with EqualFold;
// names starting with a control character (such as "\x01Ole10Native") are matched
// without it, as the reader strips it.
var (
	oleMacroNames = []string{"Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA", "PROJECT", "PROJECTwm", "dir"}
	oleCryptNames = []string{"EncryptionInfo", "EncryptedPackage", "DataSpaces"}
	oleEmbedNames = []string{"ObjectPool", "Ole10Native"}
)

// The FIB (file information block) at the start of a Word 97 WordDocument stream.
const (
	fibIdent      = 0xA5EC // wIdent of Word 97 and later
	fibEncrypted  = 0x0100 // fEncrypted: RC4 or XOR encryption
	fibObfuscated = 0x8000 // fObfuscated: XOR obfuscation
)

// clsidMSI is the root class of Windows Installer packages, which are compound files too.
const clsidMSI = "000C1084-0000-0000-C000-000000000046"

// checkOLE parses a .doc as a compound file (github.com/richardlehane/mscfb, which checks
// the header and bounds every sector chain it follows) and judges its directory: the
// root must hold a Word 97 WordDocument stream whose FIB is not encrypted; macro
// storages and encryption streams refuse the file; embedded OLE objects are refused or
// flagged as the slot says.
func checkOLE(slot Slot, data []byte) ([]Flag, *cxq.FieldError) {
	if detail := oleHeaderProblem(data); detail != "" {
		return nil, errUnreadable(slot, DOC, detail)
	}
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, errUnreadable(slot, DOC, "compound file: "+err.Error())
	}
	if strings.EqualFold(strings.Trim(r.ID(), "{}"), clsidMSI) {
		return nil, errUnsafe(slot, ReasonLayout, "Windows Installer package")
	}
	var (
		word  *mscfb.File
		flags []Flag
		other string
	)
	for _, f := range r.File {
		path := strings.Join(append(append([]string{}, f.Path...), f.Name), "/")
		switch {
		case foldIn(f.Name, oleMacroNames) && (len(f.Path) > 0 || !strings.EqualFold(f.Name, "dir")):
			return nil, errUnsafe(slot, ReasonMacro, path)
		case foldIn(f.Name, oleCryptNames):
			return nil, errUnsafe(slot, ReasonEncrypted, path)
		case foldIn(f.Name, oleEmbedNames) && (len(f.Path) == 0 || !foldIn(f.Path[0], oleEmbedNames)):
			if !slot.FlagObjects {
				return nil, errUnsafe(slot, ReasonEmbedded, path)
			}
			if len(flags) < docxMaxFlags {
				flags = append(flags, Flag{Code: FlagEmbeddedObject, Params: map[string]string{"part": path}})
			}
		case len(f.Path) == 0 && f.Name == "WordDocument":
			word = f
		case len(f.Path) == 0 && other == "" && foldIn(f.Name, []string{"Workbook", "Book", "PowerPoint Document", "VisioDocument"}):
			other = f.Name
		}
	}
	if word == nil {
		detail := "no WordDocument stream"
		if other != "" {
			detail += " (" + other + ")"
		}
		return nil, errUnsafe(slot, ReasonLayout, detail)
	}
	return flags, checkFIB(slot, word)
}

// oleHeaderProblem checks the compound-file header before mscfb reads it: byte order,
// version and sector sizes, and every sector count within the sectors the file holds.
// mscfb sizes slices from these counts (a 549-byte file claiming 2^31 directory sectors
// made it allocate 15 GiB), so they are bounded here.
func oleHeaderProblem(data []byte) string {
	if len(data) < 512 {
		return "shorter than an OLE header"
	}
	le := binary.LittleEndian
	major, shift := le.Uint16(data[26:]), le.Uint16(data[30:])
	switch {
	case le.Uint16(data[28:]) != 0xFFFE:
		return "bad byte order mark"
	case !(major == 3 && shift == 9 || major == 4 && shift == 12):
		return "bad version or sector size"
	case le.Uint16(data[32:]) != 6:
		return "bad mini sector size"
	}
	sectors := uint64(len(data)) >> shift
	for _, off := range []int{40, 44, 64, 72} { // directory, FAT, mini FAT, DIFAT sectors
		if uint64(le.Uint32(data[off:])) > sectors {
			return "a sector count larger than the file"
		}
	}
	if major == 3 && le.Uint32(data[40:]) != 0 {
		return "a directory sector count in a version 3 file"
	}
	return ""
}

// checkFIB reads the start of the WordDocument stream.
func checkFIB(slot Slot, word *mscfb.File) *cxq.FieldError {
	var fib [12]byte
	if _, err := io.ReadFull(word, fib[:]); err != nil {
		return errUnreadable(slot, DOC, "WordDocument: "+err.Error())
	}
	if binary.LittleEndian.Uint16(fib[0:]) != fibIdent {
		return errUnsafe(slot, ReasonLayout, "WordDocument is not a Word 97–2003 stream")
	}
	if flags := binary.LittleEndian.Uint16(fib[10:]); flags&(fibEncrypted|fibObfuscated) != 0 {
		return errUnsafe(slot, ReasonEncrypted, "WordDocument")
	}
	return nil
}

func foldIn(name string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}
