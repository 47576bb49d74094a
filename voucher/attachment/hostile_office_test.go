package attachment_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

var msiCLSID = []byte{0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}

type hostileDOC struct {
	name   string
	data   []byte
	code   string
	reason string
}

// hostileDOCs are .doc files the byte search accepted, and headers that made the
// compound-file reader allocate without bound.
func hostileDOCs() []hostileDOC {
	return []hostileDOC{
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
		{"directory sector count of 2^31", func() []byte {
			d := wordDoc(0)
			binary.LittleEndian.PutUint32(d[40:], 1<<31)
			return d
		}(), attachment.CodeUnreadable, ""},
		{"FAT sector count past the file", func() []byte {
			d := wordDoc(0)
			binary.LittleEndian.PutUint32(d[44:], 1<<20)
			return d
		}(), attachment.CodeUnreadable, ""},
		{"MSI layout", makeCFB(msiCLSID, cfbEntry{name: "\u4840\u3f3f\u4577", parent: -1, data: []byte("MZ")}), attachment.CodeUnsafe, attachment.ReasonLayout},
		{"Excel workbook", makeCFB(nil, cfbEntry{name: "Workbook", parent: -1, data: []byte("BIFF")}), attachment.CodeUnsafe, attachment.ReasonLayout},
		{"WordDocument that is not a FIB", makeCFB(nil, cfbEntry{name: "WordDocument", parent: -1, data: []byte("junk")}), attachment.CodeUnsafe, attachment.ReasonLayout},
		{"embedded OLE package", wordDoc(0, cfbEntry{name: "ObjectPool", storage: true, parent: -1},
			cfbEntry{name: "_1234567890", storage: true, parent: 3}, cfbEntry{name: "\x01Ole10Native", parent: 4, data: []byte("calc.exe MZ")}),
			attachment.CodeUnsafe, attachment.ReasonEmbedded},
	}
}

func TestDOCRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range hostileDOCs() {
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

const (
	wNS    = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	relsNS = `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`
)

// docWithBody is a document.xml whose body is body.
func docWithBody(body string) zipEntry {
	return zipEntry{name: "word/document.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`)}
}

// docxWith is a DOCX whose document.xml is doc, with extra parts.
func docxWith(t testing.TB, doc zipEntry, extra ...zipEntry) []byte {
	base := []zipEntry{{name: "[Content_Types].xml", data: []byte(contentTypes)}, {name: "_rels/.rels", data: []byte(rootRels)}, doc}
	return makeZIP(t, append(base, extra...))
}

func docRels(rels string) zipEntry {
	return zipEntry{name: "word/_rels/document.xml.rels", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships ` + relsNS + `>` + rels + `</Relationships>`)}
}

// field is a complex field whose code is split over runs as Word does.
func field(runs ...string) string {
	out := `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>`
	for _, r := range runs {
		out += `<w:r><w:instrText xml:space="preserve">` + r + `</w:instrText></w:r>`
	}
	return out + `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
}

// hostileDOCX are Word files that run or fetch something when opened, each with the
// reason it is refused for.
func hostileDOCX(t testing.TB) map[string]struct {
	data   []byte
	reason string
} {
	plain := docWithBody(`<w:p><w:r><w:t>合同</w:t></w:r></w:p>`)
	dde := func(body string) []byte { return docxWith(t, docWithBody(body)) }
	type hostile = struct {
		data   []byte
		reason string
	}
	return map[string]hostile{
		"OLE package carrying an .exe": {docxWith(t, plain,
			docRels(`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>`),
			zipEntry{name: "word/embeddings/oleObject1.bin", data: wordDoc(0, cfbEntry{name: "\x01Ole10Native", parent: -1, data: []byte("invoice.exe\x00MZ\x90\x00")})}), attachment.ReasonEmbedded},
		"OLE object named by its relationship only": {docxWith(t, plain,
			docRels(`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="media/x.dat"/>`)), attachment.ReasonEmbedded},
		"ActiveX control": {docxWith(t, plain,
			docRels(`<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/control" Target="activeX/activeX1.xml"/>`),
			zipEntry{name: "word/activeX/activeX1.xml", data: []byte(`<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>`)}), attachment.ReasonActiveX},
		"DDEAUTO field":                          {dde(field(`DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe"`)), attachment.ReasonDDE},
		"DDE field split over runs":              {dde(field(" DD", "EAUTO ", `c:\\windows\\system32\\cmd.exe "/k calc"`)), attachment.ReasonDDE},
		"DDE field with entities":                {dde(field(`&#68;&#x44;E excel "x"`)), attachment.ReasonDDE},
		"DDE field in lower case":                {dde(field(`ddeauto "c:\\x.exe"`)), attachment.ReasonDDE},
		"DDE simple field":                       {dde(`<w:p><w:fldSimple w:instr=" DDEAUTO c:\\x.exe  &quot;a&quot;"><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>`), attachment.ReasonDDE},
		"DDE field in CDATA":                     {dde(field(`<![CDATA[DDEAUTO c:\\x.exe]]>`)), attachment.ReasonDDE},
		"DDE field with another prefix":          {docxWith(t, zipEntry{name: "word/document.xml", data: []byte(`<q:document xmlns:q="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><q:body><q:p><q:r><q:fldChar q:fldCharType='begin'/></q:r><q:r><q:instrText>DDE x</q:instrText></q:r><q:r><q:fldChar q:fldCharType='end'/></q:r></q:p></q:body></q:document>`)}), attachment.ReasonDDE},
		"DDE field in a header":                  {docxWith(t, plain, zipEntry{name: "word/header1.xml", data: []byte(`<w:hdr ` + wNS + `>` + field("DDEAUTO x") + `</w:hdr>`)}), attachment.ReasonDDE},
		"DDE field after a comment with a field": {dde(`<!-- <w:fldChar w:fldCharType="end"/> -->` + field("DDEAUTO x")), attachment.ReasonDDE},
	}
}

func TestDOCXHostile(t *testing.T) {
	t.Parallel()
	for name, tc := range hostileDOCX(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := slot(t, attachment.SlotContractScan)
			_, err := attachment.Check(s, "a.docx", bytes.NewReader(tc.data))
			requireCode(t, err, attachment.CodeUnsafe, tc.reason)

			// Where the slot's policy allows objects, the same file is accepted and flagged.
			s.FlagObjects = true
			f, err := attachment.Check(s, "a.docx", bytes.NewReader(tc.data))
			require.NoError(t, err)
			require.NotEmpty(t, f.Flags)
			want := map[string]string{attachment.ReasonEmbedded: attachment.FlagEmbeddedObject,
				attachment.ReasonActiveX: attachment.FlagActiveX, attachment.ReasonDDE: attachment.FlagDDE}[tc.reason]
			require.Equal(t, want, f.Flags[0].Code)
			require.NotContains(t, f.Flags[0].Message(cxq.ZH), "{")
		})
	}
}

// Fields that are not DDE stay accepted: page numbers, tables of contents, hyperlinks.
func TestDOCXOrdinaryFields(t *testing.T) {
	t.Parallel()
	body := field(" PAGE ") + field(`TOC \o "1-3" \h`) + field(" HYPERLINK \\l \"_Toc1\" ") +
		`<w:p><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>` +
		`<w:p><w:r><w:t>DDEAUTO is a word in the text, not a field</w:t></w:r></w:p>`
	f, err := attachment.Check(slot(t, attachment.SlotContractScan), "a.docx", bytes.NewReader(docxWith(t, docWithBody(body))))
	require.NoError(t, err)
	require.Empty(t, f.Flags)
}
