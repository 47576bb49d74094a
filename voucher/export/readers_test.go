package export_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/export"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

// TestReadersAcceptEveryForm gives every kind of PDF the package writes to two readers
// besides the tests' text extraction: qpdf checks its structure, streams and fonts, and
// poppler renders its pages and lists its fonts, each without a warning or an error.
func TestReadersAcceptEveryForm(t *testing.T) {
	t.Parallel()
	qpdf, pdftoppm, pdffonts := exporttest.Tool(t, "qpdf"), exporttest.Tool(t, "pdftoppm"), exporttest.Tool(t, "pdffonts")
	forms := everyForm(t)
	forms["notice"] = func(w io.Writer) error {
		return export.RenderNotice(w, export.NoticeFrom(publication(), "河北省科技创新券"), nil)
	}
	dir := t.TempDir()
	for name, render := range forms {
		pdf, err := pdfOf(render)
		require.NoError(t, err, name)
		in := filepath.Join(dir, name+".pdf")
		require.NoError(t, os.WriteFile(in, pdf, 0o600))
		out, err := exec.Command(qpdf, "--check", in).CombinedOutput()
		require.NoError(t, err, "%s: %s", name, out)
		require.NotContains(t, string(out), "WARNING", name)
		out, err = exec.Command(pdftoppm, "-r", "20", "-png", in, filepath.Join(dir, name)).CombinedOutput()
		require.NoError(t, err, "%s: %s", name, out)
		require.Empty(t, string(out), "%s: poppler complains while rendering", name)
		out, err = exec.Command(pdffonts, in).CombinedOutput()
		require.NoError(t, err, "%s: %s", name, out)
		require.Contains(t, string(out), "CID TrueType      Identity-H       yes yes yes", name)
	}
}
