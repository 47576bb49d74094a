package export_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/cxqkit/cxq/voucher/export"
)

// BenchmarkRenderRedemption renders the sample two-page redemption form; bytes/form is the
// size of the PDF. The target is at most 5 CPU ms and 100 KB a form.
func BenchmarkRenderRedemption(b *testing.B) {
	f := sampleRedemption()
	benchRender(b, func(w io.Writer) error { return export.RenderRedemption(w, f, nil) })
}

// BenchmarkRenderApplicationLong renders an application whose 1,000-character description
// runs onto a second page.
func BenchmarkRenderApplicationLong(b *testing.B) {
	f := sampleApplication()
	f.Description = longText(1000)
	benchRender(b, func(w io.Writer) error { return export.RenderApplication(w, f, nil) })
}

// benchRender runs render once per iteration into a reused buffer and reports the size of
// the last PDF as bytes/form and the process's CPU time per form (every thread's, the
// garbage collector's included) as cpu-ms/form. It renders once before timing, so that
// what the process does once (parsing the embedded fonts, decompressing the fallbacks) is
// not spread over the forms a short run times (-benchtime 20x).
func benchRender(b *testing.B, render func(io.Writer) error) {
	b.Helper()
	b.ReportAllocs()
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		b.Fatal(err)
	}
	start, ok := processCPU()
	n := 0
	for b.Loop() {
		buf.Reset()
		if err := render(&buf); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if end, ok2 := processCPU(); ok && ok2 {
		b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(n), "cpu-ms/form")
	}
	b.ReportMetric(float64(buf.Len()), "bytes/form")
}

// BenchmarkRenderRedemptionRare renders the sample redemption with 䶮 and 𠮷 in the
// enterprise, contact and an invoice: two cuts of the fallback fonts per form, the fonts
// themselves loaded once per process.
func BenchmarkRenderRedemptionRare(b *testing.B) {
	f := rareRedemption()
	benchRender(b, func(w io.Writer) error { return export.RenderRedemption(w, f, nil) })
}
