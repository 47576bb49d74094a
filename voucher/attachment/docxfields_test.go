package attachment

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// xmlFields is the reference the field scanner is checked against: the same rule (a
// field code is the instrText between a begin fldChar and its separate or end, or a
// fldSimple's instr) over encoding/xml's tokens. ok is false for XML that is not well
// formed.
func xmlFields(data []byte) (found string, ok bool) {
	if !wellFormed(data) {
		return "", false
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var codes []string
	instr := 0
	judge := func(code string) {
		if f := strings.Fields(code); found == "" && len(f) > 0 && (strings.EqualFold(f[0], "DDE") || strings.EqualFold(f[0], "DDEAUTO")) {
			found = strings.Join(f, " ")
		}
	}
	attr := func(se xml.StartElement, name string) string {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "instrText":
				instr++
			case "fldSimple":
				judge(attr(tok, "instr"))
			case "fldChar":
				switch attr(tok, "fldCharType") {
				case "begin":
					codes = append(codes, "")
				case "separate", "end":
					if len(codes) > 0 {
						judge(codes[len(codes)-1])
						codes[len(codes)-1] = ""
						if attr(tok, "fldCharType") == "end" {
							codes = codes[:len(codes)-1]
						}
					}
				}
			}
		case xml.EndElement:
			if tok.Name.Local == "instrText" {
				instr = max(0, instr-1)
			}
		case xml.CharData:
			if instr > 0 && len(codes) > 0 {
				codes[len(codes)-1] += string(tok)
			}
		}
	}
	for _, c := range codes {
		judge(c)
	}
	return found, true
}

// wellFormed reports one root element, properly nested, and nothing but white space
// around it.
func wellFormed(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return depth == 0 && roots == 1
		}
		if err != nil {
			return false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(tok)) > 0 {
				return false
			}
		}
	}
}

func scanFields(data []byte, chunk int) string {
	s := &fieldScanner{state: 't'}
	for len(data) > 0 {
		n := min(chunk, len(data))
		_, _ = s.Write(data[:n])
		data = data[n:]
	}
	s.finish()
	return s.found
}

// FuzzFieldScanner: on well-formed XML the scanner finds a DDE field whenever
// encoding/xml does, however the part is cut into writes. (It may find more: it matches
// names such as ":fldSimple" that encoding/xml splits differently; refusing those is the
// safe side.)
func FuzzFieldScanner(f *testing.F) {
	w := `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	f.Add([]byte(`<w:p `+w+`><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DD</w:instrText></w:r><w:r><w:instrText>EAUTO x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`), uint8(7))
	f.Add([]byte(`<w:p `+w+`><w:fldSimple w:instr="&#68;DE x"/></w:p>`), uint8(3))
	f.Add([]byte(`<w:p `+w+`><!-- <w:fldChar w:fldCharType="end"/> --><w:fldChar w:fldCharType="begin"/><w:instrText><![CDATA[DDE x]]></w:instrText></w:p>`), uint8(1))
	f.Add([]byte(`<w:p `+w+`><w:fldChar w:fldCharType="begin"/><w:instrText> PAGE </w:instrText><w:fldChar w:fldCharType="end"/></w:p>`), uint8(64))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		want, ok := xmlFields(data)
		got := scanFields(data, int(chunk)+1)
		if !ok {
			return
		}
		if want != "" && got == "" {
			t.Fatalf("encoding/xml found %q, the scanner %q", want, got)
		}
	})
}

func TestFieldScannerAgreesOnSeeds(t *testing.T) {
	t.Parallel()
	doc := `<w:document xmlns:w="x"><w:body>` + strings.Repeat(`<w:p><w:r><w:t a='&gt;'>text &amp; more</w:t></w:r></w:p>`, 50) +
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> dde</w:instrText></w:r>` +
		`<w:r><w:instrText>auto "c:\x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p></w:body></w:document>`
	want, ok := xmlFields([]byte(doc))
	if !ok || want == "" {
		t.Fatalf("reference: %q %v", want, ok)
	}
	for _, chunk := range []int{1, 2, 3, 7, 64, len(doc)} {
		if got := scanFields([]byte(doc), chunk); got != want {
			t.Fatalf("chunk %d: %q, want %q", chunk, got, want)
		}
	}
}
