package attachment

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/cxqkit/cxq"
)

func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/header1.xml"} {
		if body, ok := parts[name]; ok {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = w.Write([]byte(body))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzDOCXAcceptedIsInert: a DOCX the checker accepts (objects refused) has no DDE field
// that encoding/xml finds in a well-formed part, and no part or relationship of an OLE
// object or ActiveX control, by a reading independent of the checker's.
func FuzzDOCXAcceptedIsInert(f *testing.F) {
	w := `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	field := `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDE</w:instrText></w:r><w:r><w:instrText>AUTO c:\x.exe</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
	parts := map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`,
		"word/document.xml":   `<w:document ` + w + `><w:body>` + field + `</w:body></w:document>`,
	}
	f.Add(zipOf(f, parts))
	parts["word/document.xml"] = `<w:document ` + w + `><w:body><w:p><w:fldSimple w:instr="PAGE"/></w:p></w:body></w:document>`
	parts["word/_rels/document.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/o.bin"/></Relationships>`
	f.Add(zipOf(f, parts))
	s := Slot{Name: "fuzz", Label: cxq.T("合同", "contract"), Limit: 1 << 20, Types: []Type{DOCX}}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, fe := checkDOCX(s, data); fe != nil {
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("accepted a file archive/zip cannot open: %v", err)
		}
		for _, zf := range zr.File {
			lower := strings.ToLower(zf.Name)
			if strings.HasPrefix(lower, "word/activex/") || strings.HasPrefix(lower, "word/embeddings/") && strings.HasSuffix(lower, ".bin") {
				t.Fatalf("accepted with %s", zf.Name)
			}
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			body, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
			if strings.HasSuffix(lower, ".rels") && bytes.Contains(bytes.ToLower(body), []byte("relationships/oleobject")) {
				t.Fatalf("accepted with an OLE relationship in %s", zf.Name)
			}
			if strings.HasPrefix(lower, "word/") && strings.HasSuffix(lower, ".xml") {
				if dde, ok := xmlFields(body); ok && dde != "" {
					t.Fatalf("accepted with the field %q in %s", dde, zf.Name)
				}
			}
		}
	})
}
