package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

// The walk on a temporary SQLite file prints exactly the golden output.
func TestWalkGolden(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), options{}, &out))
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.Equal(t, string(want), out.String())
}

// A kept SQLite file takes a second walk: new IDs and a new enterprise each run.
func TestWalkTwiceOnOneFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kept.db")
	for range 2 {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), options{DB: db}, &out))
		require.Contains(t, out.String(), "评审通过")
		require.Contains(t, out.String(), "audit chain: verified")
	}
}

func TestWalkPostgres(t *testing.T) {
	url := pgtest.SchemaURL(t)
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), options{DB: url}, &out))
	s := out.String()
	for _, want := range []string{"复审通过", "市级形式审查受理", "评审通过", "audit chain: verified"} {
		require.True(t, strings.Contains(s, want), "missing %q in\n%s", want, s)
	}
}

// -export writes both forms of the walked record as PDFs and prints their paths and
// verification codes; the text of each PDF holds the record's values and that code.
func TestWalkExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "forms") // not there yet: -export makes it
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), options{Export: dir}, &out))
	golden, err := os.ReadFile(filepath.Join("testdata", "output.golden"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(out.String(), string(golden)), "the walk prints as without -export:\n%s", out.String())

	printed := regexp.MustCompile(`exported (\S+): (\S+)  验证码 / verification code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\n`).
		FindAllStringSubmatch(strings.TrimPrefix(out.String(), string(golden)), -1)
	require.Len(t, printed, 2, out.String())
	forms := []struct {
		title, file string
		values      []string // field values the printed form must show
	}{
		{"科技创新券申请表", "application.pdf", []string{"天津示例科技有限公司", "91120000600037341Q", "IV000001", "气相色谱仪",
			"9099.00", "4549.50", "复审通过", "材料齐全", "quote.pdf"}},
		{"创新券兑现申请表", "redemption.pdf", []string{"天津示例科技有限公司", "RD000001", "1200171320", "01234567",
			"气相色谱检测技术服务合同", "4500.00", "评审通过", "同意兑现", "bank-receipt.pdf"}},
	}
	for i, f := range forms {
		path := filepath.Join(dir, f.file)
		require.Equal(t, f.title, printed[i][1])
		require.Equal(t, path, printed[i][2])
		pdf, err := os.ReadFile(path)
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")), "%s is not a PDF", path)
		require.Contains(t, string(pdf[len(pdf)-1024:]), "%%EOF", "%s is cut short", path)

		text, ok := pdfText(t, path)
		if !ok {
			continue
		}
		code := printed[i][3]
		require.Contains(t, text, "验证码"+code, "%s does not carry the printed code", path)
		for _, v := range f.values {
			require.Contains(t, text, v, "%s lacks %q", path, v)
		}
	}
}

// pdfText returns the text of a PDF with all whitespace removed, or false when pdftotext
// is not installed (outside CI only: with CI=true its absence fails the test).
func pdfText(t *testing.T, path string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdftotext is required in CI (Debian package poppler-utils)")
		}
		t.Logf("pdftotext not installed (Debian package poppler-utils): checked %s is a PDF only", path)
		return "", false
	}
	pdf, err := os.ReadFile(path)
	require.NoError(t, err)
	return exporttest.Squeeze(exporttest.Text(t, pdf)), true
}
