package export_test

import (
	"bytes"
	"testing"

	"github.com/cxqkit/cxq/voucher/export"
)

// BenchmarkRenderRedemption renders the sample two-page redemption form; bytes/form is the
// size of the PDF.
func BenchmarkRenderRedemption(b *testing.B) {
	f := sampleRedemption()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := export.RenderRedemption(&buf, f, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/form")
}

// BenchmarkRenderApplicationLong renders an application whose 1,000-character description
// runs onto a second page.
func BenchmarkRenderApplicationLong(b *testing.B) {
	f := sampleApplication()
	f.Description = longText(1000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := export.RenderApplication(&buf, f, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/form")
}
