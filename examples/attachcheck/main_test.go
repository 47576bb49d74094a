package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func pdfDoc(catalogExtra string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R " + catalogExtra + " >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
	}
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", offs[0], offs[1], x)
	return b.Bytes()
}

func files(t *testing.T) (dir string) {
	t.Helper()
	dir = t.TempDir()
	var p bytes.Buffer
	require.NoError(t, png.Encode(&p, image.NewGray(image.Rect(0, 0, 40, 30))))
	for name, data := range map[string][]byte{
		"receipt.png": p.Bytes(),
		"clean.pdf":   pdfDoc("/OpenAction [3 0 R /Fit]"),
		"script.pdf":  pdfDoc("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
		"unc.pdf":     pdfDoc(`/OpenAction << /S /GoToR /F (\\\\host\\share\\a.pdf) /D [0 /Fit] >>`),
		"scan.bin":    pdfDoc(""),
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
	return dir
}

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestJSONVerdicts(t *testing.T) {
	t.Parallel()
	dir := files(t)
	code, out, errOut := runCmd("-slot", "bank_receipt", "-json",
		filepath.Join(dir, "receipt.png"), filepath.Join(dir, "clean.pdf"), filepath.Join(dir, "script.pdf"), filepath.Join(dir, "unc.pdf"))
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 4)
	var vs []map[string]any
	for _, l := range lines {
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &v))
		for _, k := range []string{"file", "slot", "accepted", "type", "code", "message_zh", "message_en", "flags"} {
			require.Contains(t, v, k)
		}
		vs = append(vs, v)
	}
	require.Equal(t, true, vs[0]["accepted"])
	require.Equal(t, "png", vs[0]["type"])
	require.Equal(t, true, vs[1]["accepted"])
	for _, v := range vs[2:] {
		require.Equal(t, false, v["accepted"])
		require.Equal(t, "file_unsafe", v["code"])
		require.Equal(t, "pdf", v["type"])
		require.Contains(t, v["message_zh"], "不安全")
		require.Equal(t, []any{}, v["flags"])
	}
	require.Contains(t, vs[3]["message_en"], "/GoToR")
}

// -name judges the file under the uploaded name: scan.bin uploaded as 回单.pdf.
func TestNameFlag(t *testing.T) {
	t.Parallel()
	dir := files(t)
	code, out, _ := runCmd("-slot", "invoice_scan", "-name", "回单.pdf", filepath.Join(dir, "scan.bin"))
	require.Equal(t, 0, code)
	require.Contains(t, out, "accepted (pdf)")
	code, out, _ = runCmd("-slot", "invoice_scan", filepath.Join(dir, "scan.bin"))
	require.Equal(t, 0, code, "a refusal is a verdict, not a failure")
	require.Contains(t, out, "refused file_type_not_allowed")
}

func TestBadUsage(t *testing.T) {
	t.Parallel()
	dir := files(t)
	for _, args := range [][]string{
		{"-slot", "nope", filepath.Join(dir, "clean.pdf")},
		{"-slot", "invoice_scan"},
		{"-bogus"},
		{filepath.Join(dir, "clean.pdf")},
	} {
		code, _, errOut := runCmd(args...)
		require.Equal(t, 2, code, args)
		require.Contains(t, errOut, "usage: attachcheck", args)
	}
	code, out, errOut := runCmd("-slot", "invoice_scan", filepath.Join(dir, "missing.pdf"), filepath.Join(dir, "clean.pdf"))
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "missing.pdf")
	require.Contains(t, out, "clean.pdf: accepted")
}
