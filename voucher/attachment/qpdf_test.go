package attachment_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

// qpdf returns the path of qpdf, skipping the test without it unless CI=true.
func qpdf(t testing.TB) string {
	t.Helper()
	return exporttest.Tool(t, "qpdf")
}

// qpdfActive reads data with qpdf, a second and independent PDF reader, and reports the
// first active or external-reference feature in the objects qpdf loads (its own
// cross-reference reading and repair, its own object streams and filters), or "" for
// none. readable is false when qpdf cannot read the file at all.
func qpdfActive(t testing.TB, bin string, data []byte) (found string, readable bool) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.pdf")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	out, err := exec.Command(bin, "--json=2", "--json-key=qpdf", path).Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() != 3 { // 3: read with warnings
		return "", false
	}
	require.True(t, err == nil || exit != nil, "%v", err)
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if json.Unmarshal(out, &doc) != nil || len(doc.QPDF) < 2 {
		return "", false
	}
	var objects map[string]any
	require.NoError(t, json.Unmarshal(doc.QPDF[1], &objects))
	keys := make([]string, 0, len(objects))
	for k := range objects {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if f := qpdfFind(objects[k], 0); f != "" {
			return k + ": " + f, true
		}
	}
	return "", true
}

// The features a conforming reader would act on, as qpdf's JSON spells them.
var (
	qpdfKeys    = []string{"/JS", "/JavaScript", "/AA", "/EF", "/XFA", "/RichMediaContent", "/Encrypt"}
	qpdfActions = []string{"/JavaScript", "/Launch", "/GoToR", "/GoToE", "/SubmitForm", "/ImportData", "/URI", "/Rendition", "/RichMediaExecute"}
	qpdfTypes   = []string{"/EmbeddedFile", "/RichMedia", "/3D", "/FileAttachment", "/Screen", "/Movie", "/Sound"}
)

func qpdfFind(v any, depth int) string {
	if depth > 100 {
		return "nesting"
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if f := qpdfFind(e, depth+1); f != "" {
				return f
			}
		}
	case map[string]any:
		for k, e := range v {
			s, _ := e.(string)
			switch {
			case slices.Contains(qpdfKeys, k):
				return k
			case k == "/S" && slices.Contains(qpdfActions, s):
				return "/S " + s
			case (k == "/Type" || k == "/Subtype") && slices.Contains(qpdfTypes, s):
				return k + " " + s
			case k == "/Filter" && strings.Contains(s, "/Crypt"):
				return "/Crypt"
			case k == "/FS" && s == "/URL":
				return "/FS /URL"
			}
			if f := qpdfFind(e, depth+1); f != "" {
				return f
			}
		}
	}
	return ""
}

// The hostile corpus is what it claims: qpdf reads every file and finds the active
// content in it. (A few files are refused as a precaution rather than because qpdf
// would act on them; each says why.)
func TestHostilePDFsAreActiveForQPDF(t *testing.T) {
	t.Parallel()
	bin := qpdf(t)
	precaution := map[string]bool{
		"action to a missing object": true, "OpenAction to a number": true,
		"parse error after the script":         true, // qpdf drops the dictionary it cannot finish
		"script appended after the last %%EOF": true, // no table names it; a reader repairing the file scans for such objects
		"encrypted by xref stream":             true, // qpdf wants the key; see TestQPDFWrittenFiles
		"action type as a string":              true, // a string where the name belongs
	}
	for name, data := range hostilePDFs() {
		if precaution[name] {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			found, readable := qpdfActive(t, bin, data)
			require.True(t, readable, "qpdf cannot read it")
			require.NotEmpty(t, found, "qpdf sees nothing active")
		})
	}
}

// qpdfRewrite runs qpdf with args on data and returns what it writes.
func qpdfRewrite(t testing.TB, bin string, data []byte, args ...string) []byte {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	require.NoError(t, os.WriteFile(in, data, 0o600))
	cmd := exec.Command(bin, append(append([]string{}, args...), in, out)...)
	msg, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.True(t, err == nil || errors.As(err, &exit) && exit.ExitCode() == 3, "%v: %s", err, msg)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	return b
}

// Files written by a second writer: qpdf packs the objects into compressed object streams
// with a cross-reference stream, or encrypts the file with an empty user password (which
// every reader opens without asking).
func TestQPDFWrittenFiles(t *testing.T) {
	t.Parallel()
	bin := qpdf(t)
	s := slot(t, attachment.SlotContractScan)
	packed := []string{"--object-streams=generate", "--compress-streams=y"}
	for _, tc := range []struct {
		name   string
		data   []byte
		args   []string
		reason string // "" when accepted
	}{
		{"clean, packed", pdfWith("/OpenAction [3 0 R /Fit]"), packed, ""},
		{"fpdf-like, packed", pdfBuild(append(pageObjects("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), linkAnnot("[3 0 R /Fit]")), ""), packed, ""},
		{"script, packed", pdfWith("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), packed, attachment.ReasonActive},
		{"UNC GoToR, packed", pdfBuild(append(pageObjects(""), linkAnnot(`<< /S /GoToR /F (\\\\\\\\host\\\\share\\\\a.pdf) /D [0 /Fit] >>`)), ""), packed, attachment.ReasonActive},
		{"encrypted, empty password", pdfWith(""), []string{"--encrypt", "", "owner", "256", "--"}, attachment.ReasonEncrypted},
		{"encrypted RC4", pdfWith(""), []string{"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}, attachment.ReasonEncrypted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := qpdfRewrite(t, bin, tc.data, tc.args...)
			_, err := attachment.Check(s, "a.pdf", bytes.NewReader(data))
			if tc.reason == "" {
				require.NoError(t, err)
				return
			}
			requireCode(t, err, attachment.CodeUnsafe, tc.reason)
		})
	}
}

// FuzzPDFAcceptedIsInert: a PDF the checker accepts has no active or external-reference
// content for qpdf, a second reader with its own cross-reference reading, repair, object
// streams and filters. (A file qpdf cannot read at all proves nothing either way.)
func FuzzPDFAcceptedIsInert(f *testing.F) {
	bin := qpdf(f)
	for _, data := range hostilePDFs() {
		f.Add(data)
	}
	f.Add(pdfWith("/OpenAction [3 0 R /Fit]"))
	f.Add(pdfXrefStreamDoc(append(pageObjects("/OpenAction 7 0 R"), linkAnnot("[3 0 R /Fit]")),
		"/Type /ObjStm /Filter /FlateDecode", []string{"<< /S /GoTo /D [3 0 R /Fit] >>"}))
	s := slot(f, attachment.SlotContractScan)
	c := attachment.NewChecker(&attachment.Options{NewID: seqIDs()})
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := c.Check(s, "a.pdf", bytes.NewReader(data)); err != nil {
			return
		}
		if found, readable := qpdfActive(t, bin, data); readable && found != "" {
			t.Fatalf("accepted, but qpdf reads %s", found)
		}
	})
}
