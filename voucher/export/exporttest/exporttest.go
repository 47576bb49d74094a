package exporttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
)

// Tool returns the path of the command name (pdftotext, qpdf), skipping the test
// without it unless CI=true, where its absence fails the test.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI (Debian packages poppler-utils and qpdf)", name)
		}
		t.Skipf("%s not installed (Debian packages poppler-utils and qpdf)", name)
	}
	return p
}

// Text is the text pdftotext reads from pdf in drawing order (-raw), as it prints it.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "form.pdf")
	require.NoError(t, os.WriteFile(in, pdf, 0o600))
	out, err := exec.Command(Tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", in, "-").Output()
	require.NoError(t, err)
	return string(out)
}

// Squeeze removes every white space from s: the words of a form as the tests compare
// them, wherever its layout broke a line.
func Squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
