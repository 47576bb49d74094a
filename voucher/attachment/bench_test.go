package attachment_test

import (
	"bytes"
	"testing"

	"github.com/cxqkit/cxq/voucher/attachment"
)

func benchCheck(b *testing.B, s attachment.Slot, name string, data []byte) {
	b.Helper()
	c := attachment.NewChecker(&attachment.Options{NewID: func() (string, error) { return "bench", nil }})
	if _, err := c.Check(s, name, bytes.NewReader(data)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Check(s, name, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// A 5 MB PDF (the contract scan limit) made mostly of binary image streams.
func BenchmarkCheckPDF5MB(b *testing.B) {
	s, _ := attachment.DefaultSlots().Get(attachment.SlotContractScan)
	benchCheck(b, s, "合同.pdf", pdfSized(b, int(s.Limit)))
}

// A JPEG of about 1 MB (the scan limit), decoded and re-encoded.
func BenchmarkCheckJPEG1MB(b *testing.B) {
	s, _ := attachment.DefaultSlots().Get(attachment.SlotInvoiceScan)
	data := jpegNear(b, 900_000, s.Limit)
	benchCheck(b, s, "发票.jpg", data)
}

// jpegNear returns a generated JPEG between lo and hi bytes.
func jpegNear(b *testing.B, lo, hi int64) []byte {
	b.Helper()
	for side := 600; side < 4000; side += 20 {
		data := makeJPEG(b, side, side*3/4)
		if int64(len(data)) >= lo && int64(len(data)) <= hi {
			b.Logf("JPEG %dx%d, %d bytes", side, side*3/4, len(data))
			return data
		}
	}
	b.Fatal("no JPEG of the wanted size")
	return nil
}
