package attachment_test

import (
	"bytes"
	"testing"

	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

var msiCLSID = []byte{0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}

func TestDOCRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		data   []byte
		code   string
		reason string
	}{
		{"macro project, lower-case names", wordDoc(0, cfbEntry{name: "macros", storage: true, parent: -1},
			cfbEntry{name: "vba", storage: true, parent: 3}, cfbEntry{name: "_vba_project", parent: 4, data: []byte("x")}),
			attachment.CodeUnsafe, attachment.ReasonMacro},
		{"macro project, mixed case", wordDoc(0, cfbEntry{name: "Macros", storage: true, parent: -1},
			cfbEntry{name: "PROJECT", parent: 3, data: []byte("ID=")}), attachment.CodeUnsafe, attachment.ReasonMacro},
		{"Word 97 encryption", wordDoc(0x0100), attachment.CodeUnsafe, attachment.ReasonEncrypted},
		{"XOR obfuscation", wordDoc(0x8000), attachment.CodeUnsafe, attachment.ReasonEncrypted},
		{"encrypted OOXML package", makeCFB(nil, cfbEntry{name: "EncryptionInfo", parent: -1, data: []byte("x")},
			cfbEntry{name: "EncryptedPackage", parent: -1, data: []byte("y")}), attachment.CodeUnsafe, attachment.ReasonEncrypted},
		{"header followed by junk", append(makeCFB(nil)[:512], bytes.Repeat([]byte{0x41}, 4096)...), attachment.CodeUnreadable, ""},
		{"MSI layout", makeCFB(msiCLSID, cfbEntry{name: "\u4840\u3f3f\u4577", parent: -1, data: []byte("MZ")}), attachment.CodeUnsafe, attachment.ReasonLayout},
		{"Excel workbook", makeCFB(nil, cfbEntry{name: "Workbook", parent: -1, data: []byte("BIFF")}), attachment.CodeUnsafe, attachment.ReasonLayout},
		{"WordDocument that is not a FIB", makeCFB(nil, cfbEntry{name: "WordDocument", parent: -1, data: []byte("junk")}), attachment.CodeUnsafe, attachment.ReasonLayout},
		{"embedded OLE package", wordDoc(0, cfbEntry{name: "ObjectPool", storage: true, parent: -1},
			cfbEntry{name: "_1234567890", storage: true, parent: 3}, cfbEntry{name: "\x01Ole10Native", parent: 4, data: []byte("calc.exe MZ")}),
			attachment.CodeUnsafe, attachment.ReasonEmbedded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := attachment.Check(slot(t, attachment.SlotContractScan), "a.doc", bytes.NewReader(tc.data))
			requireCode(t, err, tc.code, tc.reason)
		})
	}
}

func TestDOCAccepted(t *testing.T) {
	t.Parallel()
	s := slot(t, attachment.SlotContractScan)
	f, err := attachment.Check(s, "合同.doc", bytes.NewReader(wordDoc(0)))
	require.NoError(t, err)
	require.Empty(t, f.Flags)

	s.FlagObjects = true
	doc := wordDoc(0, cfbEntry{name: "ObjectPool", storage: true, parent: -1},
		cfbEntry{name: "_1234567890", storage: true, parent: 3}, cfbEntry{name: "\x01Ole10Native", parent: 4, data: []byte("x")})
	f, err = attachment.Check(s, "合同.doc", bytes.NewReader(doc))
	require.NoError(t, err)
	require.NotEmpty(t, f.Flags)
	require.Equal(t, attachment.FlagEmbeddedObject, f.Flags[0].Code)
	require.Equal(t, "ObjectPool", f.Flags[0].Params["part"])
}
