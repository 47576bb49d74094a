package attachment_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

func slot(t testing.TB, name attachment.SlotName) attachment.Slot {
	t.Helper()
	s, ok := attachment.DefaultSlots().Get(name)
	require.True(t, ok, name)
	return s
}

func seqIDs() func() (string, error) {
	n := 0
	return func() (string, error) {
		n++
		return fmt.Sprintf("att%04d", n), nil
	}
}

// requireCode asserts a refusal with code (and reason, when given).
func requireCode(t *testing.T, err error, code, reason string) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, cxq.ErrInvalid)
	var fe *cxq.FieldError
	require.True(t, errors.As(err, &fe), "%T %v", err, err)
	require.Equal(t, code, fe.Code, fe.Error())
	if reason != "" {
		require.Equal(t, reason, fe.Params["reason"], fe.Error())
	}
	require.NotEmpty(t, fe.Message(cxq.ZH))
	require.NotEmpty(t, fe.Message(cxq.EN))
	require.NotContains(t, fe.Message(cxq.ZH)+fe.Message(cxq.EN), "{", "unfilled placeholder")
	require.NotContains(t, fe.Message(cxq.ZH), "unknown", "the Chinese message names an unknown type in Chinese")
}

// The bad inputs of SECURITY.md, each with its code.
func TestCheckRefuses(t *testing.T) {
	t.Parallel()
	jpg := makeJPEG(t, 64, 48)
	pngData := makePNG(t, 32, 32)
	invoice, contract := attachment.SlotInvoiceScan, attachment.SlotContractScan
	tests := []struct {
		name   string
		slot   attachment.SlotName
		file   string
		data   []byte
		code   string
		reason string
	}{
		{"empty", invoice, "a.pdf", nil, attachment.CodeEmpty, ""},
		{"exe after pdf", invoice, "a.pdf.exe", pdfWith(""), attachment.CodeTypeNotAllowed, ""},
		{"php after jpg", invoice, "a.jpg.php", jpg, attachment.CodeTypeNotAllowed, ""},
		{"no extension", invoice, "scan", jpg, attachment.CodeTypeNotAllowed, ""},
		{"docx in a scan slot", invoice, "a.docx", makeDOCX(t), attachment.CodeTypeNotAllowed, ""},
		{"png in application slot", attachment.SlotApplication, "a.png", pngData, attachment.CodeTypeNotAllowed, ""},
		{"NUL in name", invoice, "a\x00.pdf", pdfWith(""), attachment.CodeBadName, attachment.ReasonNameControl},
		{"U+202E in name", invoice, "invoice\u202Efdp.exe.pdf", pdfWith(""), attachment.CodeBadName, attachment.ReasonNameBidi},
		{"slash in name", invoice, "../../etc/a.pdf", pdfWith(""), attachment.CodeBadName, attachment.ReasonNameSeparator},
		{"backslash in name", invoice, `C:\a.pdf`, pdfWith(""), attachment.CodeBadName, attachment.ReasonNameSeparator},
		{"name too long", invoice, strings.Repeat("票", 84) + ".pdf", pdfWith(""), attachment.CodeBadName, attachment.ReasonNameTooLong},
		{"bad utf-8 name", invoice, "a\xff.pdf", pdfWith(""), attachment.CodeBadName, attachment.ReasonNameEncoding},
		{"png renamed pdf", invoice, "a.pdf", pngData, attachment.CodeTypeMismatch, ""},
		{"jpeg renamed png", invoice, "a.png", jpg, attachment.CodeTypeMismatch, ""},
		{"html with %PDF- at byte 20", invoice, "a.pdf", []byte("<html><body>x y z %PDF-1.7 <script>alert(1)</script></body></html>\n%%EOF"), attachment.CodeTypeMismatch, ""},
		{"pdf version 1.9", invoice, "a.pdf", append([]byte("%PDF-1.9"), pdfWith("")[8:]...), attachment.CodeTypeMismatch, ""},
		{"zip renamed pdf", invoice, "a.pdf", makeDOCX(t), attachment.CodeTypeMismatch, ""},
		{"pdf OpenAction JavaScript", invoice, "a.pdf", pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf escaped J#61vaScript", invoice, "a.pdf", pdfWith("/Names << /J#61vaScript 5 0 R >>", "<< /Names [(x) 6 0 R] >>", "<< /S /J#61vaScript /J#53 (app.alert(1)) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf escaped short /J#53", contract, "a.pdf", pdfWith("/Foo << /J#53 (x) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf Launch", invoice, "a.pdf", pdfWith("/OpenAction 5 0 R", "<< /S /Launch /F (cmd.exe) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf additional actions", invoice, "a.pdf", pdfWith("/AA << /O 5 0 R >>", "<< /S /URI /URI (http://x) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf embedded file", invoice, "a.pdf", pdfWith("/Names << /EmbeddedFiles 5 0 R >>", "<< /Names [(a.exe) 6 0 R] >>", "<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>", stream("<< /Type /EmbeddedFile /Length %d >>", []byte("MZ"))), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf file spec with /EF", invoice, "a.pdf", pdfWith("", "<< /Type /Filespec /F (a.exe) /E#46 << /F 6 0 R >> >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf OpenAction opening a URI", invoice, "a.pdf", pdfWith("/OpenAction << /S /URI /URI (http://evil.example) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf OpenAction by reference to a URI", invoice, "a.pdf", pdfWith("/OpenAction 5 0 R", "<< /S /URI /URI (http://evil.example) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf OpenAction GoTo with Next", invoice, "a.pdf", pdfWith("/OpenAction 5 0 R", "<< /S /GoTo /D [3 0 R /Fit] /Next 6 0 R >>", "<< /S /URI /URI (http://x) >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf OpenAction to a missing object", invoice, "a.pdf", pdfWith("/OpenAction 9 0 R"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf OpenAction in object stream to a URI", invoice, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /N 2 /First 10 /Filter /FlateDecode /Length %d >>", deflate([]byte("6 0 7 24 \n<< /OpenAction 7 0 R >>\n<< /S /URI /URI (http://x) >>")))), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf XFA", invoice, "a.pdf", pdfWith("/AcroForm << /XFA 5 0 R >>", "<< >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf encrypted", invoice, "a.pdf", pdfDoc([]string{"<< /Type /Catalog >>", "<< /Filter /Standard /V 2 /R 3 >>"}, "/Encrypt 2 0 R"), attachment.CodeUnsafe, attachment.ReasonEncrypted},
		{"pdf JavaScript in object stream", invoice, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>", deflate([]byte("6 0 << /S /JavaScript /JS (app.alert(1)) >>")))), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf short name in object stream", invoice, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>", deflate([]byte("6 0 << /A#41 7 0 R >>")))), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf object stream under ASCIIHex", invoice, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode /Length %d >>", []byte(fmt.Sprintf("%x>", "6 0 << /JS (x) >>")))), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf object stream under an undecodable filter", invoice, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /Filter /LZWDecode /Length %d >>", []byte("2F4A53>"))), attachment.CodeUnsafe, attachment.ReasonObjectStream},
		{"pdf object stream bomb", contract, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /Filter /FlateDecode /Length %d >>", deflate(make([]byte, 2<<20)))), attachment.CodeUnsafe, attachment.ReasonBomb},
		{"pdf JavaScript hidden in stream data", invoice, "a.pdf", pdfWith("", stream("<< /Length %d >>", []byte("6 0 obj << /S /JavaScript >> endobj")), "<< >>"), attachment.CodeUnsafe, attachment.ReasonActive},
		{"pdf without %%EOF", invoice, "a.pdf", bytes.TrimSuffix(pdfWith(""), []byte("%%EOF\n")), attachment.CodeUnreadable, ""},
		{"pdf %%EOF far from the end", contract, "a.pdf", append(pdfWith(""), bytes.Repeat([]byte("\n"), 2000)...), attachment.CodeUnreadable, ""},
		{"pdf unterminated string", invoice, "a.pdf", append([]byte("%PDF-1.4\n1 0 obj (never closed /JS\n"), []byte("%%EOF\n")...), attachment.CodeUnreadable, ""},
		{"truncated jpeg", invoice, "a.jpg", jpg[:len(jpg)/2], attachment.CodeUnreadable, ""},
		{"png 30000x30000 header", invoice, "a.png", pngHeaderOnly(30000, 30000), attachment.CodeUnsafe, attachment.ReasonPixels},
		{"jpeg garbage after magic", invoice, "a.jpg", []byte("\xFF\xD8\xFFgarbage"), attachment.CodeUnreadable, ""},
		{"docx with ../ entry", contract, "a.docx", makeDOCX(t, zipEntry{name: "../../evil.sh", data: []byte("rm -rf /")}), attachment.CodeUnsafe, attachment.ReasonPath},
		{"docx with nested .. entry", contract, "a.docx", makeDOCX(t, zipEntry{name: "word/../../x", data: []byte("x")}), attachment.CodeUnsafe, attachment.ReasonPath},
		{"docx with absolute entry", contract, "a.docx", makeDOCX(t, zipEntry{name: "/etc/passwd", data: []byte("x")}), attachment.CodeUnsafe, attachment.ReasonPath},
		{"docx with backslash entry", contract, "a.docx", makeDOCX(t, zipEntry{name: `word\evil.exe`, data: []byte("x")}), attachment.CodeUnsafe, attachment.ReasonPath},
		{"docx with symlink", contract, "a.docx", makeDOCX(t, zipEntry{name: "word/link", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777}), attachment.CodeUnsafe, attachment.ReasonSymlink},
		{"docx with macro project", contract, "a.docx", makeDOCX(t, zipEntry{name: "word/vbaProject.bin", data: []byte("VBA")}), attachment.CodeUnsafe, attachment.ReasonMacro},
		{"docx declaring macros", contract, "a.docx", makeZIP(t, append([]zipEntry{{name: "[Content_Types].xml", data: []byte(strings.Replace(contentTypes, "</Types>", `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>`, 1))}}, docxEntries()[1:]...)), attachment.CodeUnsafe, attachment.ReasonMacro},
		{"docx with a 1 GB entry", contract, "a.docx", makeDOCX(t, zipEntry{data: []byte("small"), raw: &zip.FileHeader{Name: "word/media/big.bin", Method: zip.Store, CompressedSize64: 5, UncompressedSize64: 1 << 30, CRC32: crc32.ChecksumIEEE([]byte("small"))}}), attachment.CodeUnsafe, attachment.ReasonBomb},
		{"docx ratio over 100", contract, "a.docx", makeDOCX(t, zipEntry{name: "word/media/zeros.bin", data: make([]byte, 1<<20)}), attachment.CodeUnsafe, attachment.ReasonBomb},
		{"docx entry longer than declared", contract, "a.docx", makeDOCX(t, zipEntry{data: deflateRaw(t, make([]byte, 1<<20)), raw: &zip.FileHeader{Name: "word/media/liar.bin", Method: zip.Deflate, CompressedSize64: uint64(len(deflateRaw(t, make([]byte, 1<<20)))), UncompressedSize64: 100_000}}), attachment.CodeUnreadable, ""},
		{"docx with 1001 entries", contract, "a.docx", makeDOCX(t, manyEntries(1001)...), attachment.CodeUnsafe, attachment.ReasonBomb},
		{"docx with a duplicate entry", contract, "a.docx", makeDOCX(t, zipEntry{name: "word/document.xml", data: []byte(documentXML)}), attachment.CodeUnsafe, attachment.ReasonDuplicate},
		{"zip holding word/evil.exe", contract, "a.docx", makeZIP(t, []zipEntry{{name: "[Content_Types].xml", data: []byte(contentTypes)}, {name: "word/evil.exe", data: []byte("MZ")}}), attachment.CodeUnreadable, ""},
		{"docx that is not a zip", contract, "a.docx", []byte("PK\x03\x04 not really"), attachment.CodeUnreadable, ""},
		{"ole renamed docx", contract, "a.docx", wordDoc(0), attachment.CodeTypeMismatch, ""},
		{"docx renamed doc", contract, "a.doc", makeDOCX(t), attachment.CodeTypeMismatch, ""},
		{"doc with macros", contract, "a.doc", wordDoc(0, cfbEntry{name: "_VBA_PROJECT_CUR", storage: true, parent: -1}), attachment.CodeUnsafe, attachment.ReasonMacro},
		{"doc with bad header", contract, "a.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), attachment.CodeUnreadable, ""},
		{"doc truncated", contract, "a.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, attachment.CodeUnreadable, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := attachment.NewChecker(&attachment.Options{NewID: seqIDs()})
			f, err := c.Check(slot(t, tc.slot), tc.file, bytes.NewReader(tc.data))
			require.Nil(t, f)
			requireCode(t, err, tc.code, tc.reason)
		})
	}
}

func manyEntries(n int) []zipEntry {
	out := make([]zipEntry, n)
	for i := range out {
		out[i] = zipEntry{name: fmt.Sprintf("word/media/p%04d.txt", i), data: []byte("x")}
	}
	return out
}

func deflateRaw(t testing.TB, data []byte) []byte {
	t.Helper()
	// A one-entry zip written normally, then its compressed bytes lifted out.
	z := makeZIP(t, []zipEntry{{name: "x", data: data}})
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	require.NoError(t, err)
	rc, err := zr.File[0].OpenRaw()
	require.NoError(t, err)
	raw, err := io.ReadAll(rc)
	require.NoError(t, err)
	return raw
}

func TestCheckAccepts(t *testing.T) {
	t.Parallel()
	jpg := makeJPEG(t, 64, 48)
	bigWord := makeDOCX(t)
	tests := []struct {
		name  string
		slot  attachment.SlotName
		file  string
		data  []byte
		typ   attachment.Type
		flags int
	}{
		{"jpeg", attachment.SlotInvoiceScan, "发票 01.JPG", jpg, attachment.JPEG, 0},
		{"jpeg extension", attachment.SlotApplication, "quote.jpeg", jpg, attachment.JPEG, 0},
		{"png", attachment.SlotBankReceipt, "回单.png", makePNG(t, 40, 30), attachment.PNG, 0},
		{"pdf", attachment.SlotOrgCertificate, "证书.pdf", pdfWith(""), attachment.PDF, 0},
		{"pdf 2.0", attachment.SlotOrgCertificate, "a.pdf", append([]byte("%PDF-2.0"), pdfWith("")[8:]...), attachment.PDF, 0},
		{"pdf with flate content", attachment.SlotContractScan, "合同.pdf", pdfWith("", stream("<< /Filter /FlateDecode /Length %d >>", deflate([]byte("BT /F1 12 Tf (JavaScript is just a word here) Tj ET")))), attachment.PDF, 0},
		{"pdf with indirect length", attachment.SlotContractScan, "a.pdf", pdfWith("", "<< /Length 6 0 R >>\nstream\n"+string(noise(3000))+"\nendstream", "3000"), attachment.PDF, 0},
		{"pdf opening at a page", attachment.SlotContractScan, "a.pdf", pdfWith("/OpenAction [3 0 R /Fit] /Names << /EmbeddedFiles << /Names [ ] >> >>"), attachment.PDF, 0},
		{"pdf opening by a GoTo action", attachment.SlotContractScan, "a.pdf", pdfWith("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), attachment.PDF, 0},
		{"pdf opening by reference to a GoTo", attachment.SlotContractScan, "a.pdf", pdfWith("/OpenAction 5 0 R", "<< /S /GoTo /D [3 0 R /Fit] >>"), attachment.PDF, 0},
		{"pdf opening by reference to a destination", attachment.SlotContractScan, "a.pdf", pdfWith("/OpenAction 5 0 R", "[3 0 R /FitH null]"), attachment.PDF, 0},
		{"pdf opening by reference into an object stream", attachment.SlotContractScan, "a.pdf", pdfWith("/OpenAction 6 0 R", stream("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>", deflate([]byte("6 0 << /S /GoTo /D [3 0 R /Fit] >>")))), attachment.PDF, 0},
		{"pdf with clean object stream", attachment.SlotContractScan, "a.pdf", pdfWith("", stream("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>", deflate([]byte("6 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")))), attachment.PDF, 0},
		{"docx", attachment.SlotContractScan, "合同.docx", bigWord, attachment.DOCX, 0},
		{"docx with word/ after 4 KiB", attachment.SlotContractScan, "a.docx", makeZIP(t, append([]zipEntry{{name: "[Content_Types].xml", data: []byte(contentTypes)}, {name: "docProps/thumbnail.jpeg", data: jpg}, {name: "customXml/item1.xml", data: noise(6000)}}, docxEntries()[1:]...)), attachment.DOCX, 0},
		{"docx with external target", attachment.SlotContractScan, "a.docx", makeDOCX(t, zipEntry{name: "word/_rels/settings.xml.rels", data: []byte(externalRels)}), attachment.DOCX, 1},
		{"doc", attachment.SlotContractScan, "合同.DOC", wordDoc(0), attachment.DOC, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := attachment.NewChecker(&attachment.Options{NewID: seqIDs()})
			f, err := c.Check(slot(t, tc.slot), tc.file, bytes.NewReader(tc.data))
			require.NoError(t, err)
			require.Equal(t, "att0001", f.ID)
			require.Equal(t, tc.slot, f.Slot)
			require.Equal(t, tc.typ, f.Type)
			require.Len(t, f.Flags, tc.flags)
			require.Equal(t, int64(len(f.Content)), f.Size)
			sum := sha256.Sum256(f.Content)
			require.Equal(t, hex.EncodeToString(sum[:]), f.SHA256)
			if tc.typ != attachment.JPEG && tc.typ != attachment.PNG {
				require.Equal(t, tc.data, f.Content, "documents are stored as received")
			}
			// Whatever is accepted passes again.
			again, err := c.Check(slot(t, tc.slot), f.Name, f.Reader())
			require.NoError(t, err)
			require.Equal(t, f.Type, again.Type)
		})
	}
}

func TestExternalTargetFlag(t *testing.T) {
	t.Parallel()
	f, err := attachment.Check(slot(t, attachment.SlotContractScan), "a.docx",
		bytes.NewReader(makeDOCX(t, zipEntry{name: "word/_rels/settings.xml.rels", data: []byte(externalRels)})))
	require.NoError(t, err)
	require.Equal(t, []attachment.Flag{{Code: attachment.FlagExternalTarget,
		Params: map[string]string{"part": "word/_rels/settings.xml.rels", "target": "http://evil.example/t.dotm"}}}, f.Flags)
	require.Equal(t, "文档引用外部资源 http://evil.example/t.dotm", f.Flags[0].Message(cxq.ZH))
	require.Len(t, f.ID, 32, "the default ID is 128 random bits in hex")
	require.True(t, attachment.ValidID(f.ID))
}

// Re-encoding drops EXIF and anything appended to the image.
func TestImageReencoded(t *testing.T) {
	t.Parallel()
	jpg := withEXIF(makeJPEG(t, 80, 60), "GPSLatitude=39.9;SECRET-MARKER")
	zipTail := makeZIP(t, []zipEntry{{name: "evil.php", data: []byte("<?php system($_GET['c']); ?>")}})
	polyglot := append(append([]byte{}, jpg...), zipTail...)
	pngTail := append(makePNG(t, 20, 20), []byte("APPENDED-MARKER")...)
	for _, tc := range []struct {
		name, file string
		data       []byte
		marker     string
	}{
		{"jpeg exif", "a.jpg", jpg, "SECRET-MARKER"},
		{"jpeg with zip appended", "a.jpg", polyglot, "evil.php"},
		{"png with data appended", "a.png", pngTail, "APPENDED-MARKER"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.True(t, bytes.Contains(tc.data, []byte(tc.marker)))
			f, err := attachment.Check(slot(t, attachment.SlotInvoiceScan), tc.file, bytes.NewReader(tc.data))
			require.NoError(t, err)
			require.False(t, bytes.Contains(f.Content, []byte(tc.marker)))
			require.False(t, bytes.Contains(f.Content, []byte("Exif")))
			require.False(t, bytes.Contains(f.Content, []byte("PK\x03\x04")))
			require.Equal(t, attachment.Sniff(tc.data), attachment.Sniff(f.Content))
		})
	}
}

// A file of exactly the limit is accepted; one byte more is refused.
func TestLimitBoundary(t *testing.T) {
	t.Parallel()
	s := slot(t, attachment.SlotInvoiceScan)
	exact := pdfSized(t, int(s.Limit))
	require.Len(t, exact, attachment.MB)
	f, err := attachment.Check(s, "exact.pdf", bytes.NewReader(exact))
	require.NoError(t, err)
	require.Equal(t, s.Limit, f.Size)

	over := pdfSized(t, int(s.Limit)+1)
	_, err = attachment.Check(s, "over.pdf", bytes.NewReader(over))
	requireCode(t, err, attachment.CodeTooLarge, "")
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "1000000", fe.Params["limit"])
	require.Equal(t, "发票扫描件不得超过 1 MB", fe.Message(cxq.ZH))
	require.Equal(t, "the invoice scan must be at most 1 MB", fe.Message(cxq.EN))
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A 50 MB stream is refused after reading at most limit+1 bytes.
func TestLargeStreamStopsEarly(t *testing.T) {
	t.Parallel()
	for _, name := range []attachment.SlotName{attachment.SlotInvoiceScan, attachment.SlotContractScan} {
		s := slot(t, name)
		head := pdfWith("")
		cr := &countingReader{r: io.MultiReader(bytes.NewReader(head), io.LimitReader(zeros{}, 50*attachment.MB))}
		_, err := attachment.Check(s, "big.pdf", cr)
		requireCode(t, err, attachment.CodeTooLarge, "")
		require.LessOrEqual(t, cr.n, s.Limit+1)
	}
}

// Nothing is read for a refused name or type.
func TestNameRefusedBeforeReading(t *testing.T) {
	t.Parallel()
	cr := &countingReader{r: zeros{}}
	_, err := attachment.Check(slot(t, attachment.SlotInvoiceScan), "a.exe", cr)
	requireCode(t, err, attachment.CodeTypeNotAllowed, "")
	require.Zero(t, cr.n)
}

var errBroken = errors.New("broken upload")

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errBroken }

func TestReaderFailure(t *testing.T) {
	t.Parallel()
	_, err := attachment.Check(slot(t, attachment.SlotInvoiceScan), "a.pdf", failing{})
	require.ErrorIs(t, err, errBroken)
	require.NotErrorIs(t, err, cxq.ErrInvalid, "a broken upload is not the user's bad input")
}

func TestPixelCap(t *testing.T) {
	t.Parallel()
	c := attachment.NewChecker(&attachment.Options{MaxPixels: 1000})
	_, err := c.Check(slot(t, attachment.SlotInvoiceScan), "a.png", bytes.NewReader(makePNG(t, 40, 25)))
	require.NoError(t, err)
	_, err = c.Check(slot(t, attachment.SlotInvoiceScan), "a.png", bytes.NewReader(makePNG(t, 41, 25)))
	requireCode(t, err, attachment.CodeUnsafe, attachment.ReasonPixels)
}

func TestIDGenerator(t *testing.T) {
	t.Parallel()
	s := slot(t, attachment.SlotInvoiceScan)
	boom := errors.New("no ids")
	_, err := attachment.NewChecker(&attachment.Options{NewID: func() (string, error) { return "", boom }}).
		Check(s, "a.pdf", bytes.NewReader(pdfWith("")))
	require.ErrorIs(t, err, boom)
	_, err = attachment.NewChecker(&attachment.Options{NewID: func() (string, error) { return "../x", nil }}).
		Check(s, "a.pdf", bytes.NewReader(pdfWith("")))
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

func TestInvalidSlot(t *testing.T) {
	t.Parallel()
	for _, s := range []attachment.Slot{
		{},
		{Name: "x", Limit: 0, Types: []attachment.Type{attachment.PDF}},
		{Name: "x", Limit: 10},
		{Name: "x", Limit: 10, Types: []attachment.Type{"exe"}},
	} {
		_, err := attachment.Check(s, "a.pdf", bytes.NewReader(pdfWith("")))
		require.ErrorIs(t, err, cxq.ErrInvalid)
		var fe *cxq.FieldError
		require.False(t, errors.As(err, &fe), "a bad slot is the programmer's error, not a field error")
	}
}
