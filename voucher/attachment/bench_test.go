package attachment_test

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"runtime"
	"runtime/metrics"
	"sort"
	"sync/atomic"
	"testing"
	"time"

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

// Clean files of each type, near their slot limits: MB/s of input judged.
func BenchmarkCheckClean(b *testing.B) {
	contract, _ := attachment.DefaultSlots().Get(attachment.SlotContractScan)
	app, _ := attachment.DefaultSlots().Get(attachment.SlotApplication)
	scan, _ := attachment.DefaultSlots().Get(attachment.SlotInvoiceScan)
	b.Run("pdf-5MB-images", func(b *testing.B) { benchCheck(b, contract, "合同.pdf", pdfSized(b, int(contract.Limit))) })
	b.Run("pdf-objstm-xrefstm", func(b *testing.B) { benchCheck(b, contract, "合同.pdf", pdfManyObjects(20_000)) })
	b.Run("jpeg-1MB", func(b *testing.B) { benchCheck(b, app, "发票.jpg", jpegNear(b, 900_000, scan.Limit)) })
	b.Run("png-0.3Mpx", func(b *testing.B) { benchCheck(b, scan, "回单.png", makePNG(b, 640, 480)) })
	b.Run("docx-4MB", func(b *testing.B) {
		benchCheck(b, contract, "合同.docx", makeDOCX(b, zipEntry{name: "word/media/image1.jpeg", data: noise(4_000_000)}))
	})
	b.Run("doc-50KB", func(b *testing.B) {
		benchCheck(b, contract, "合同.doc", wordDoc(0, cfbEntry{name: "Data", parent: -1, data: noise(40_000)}))
	})
}

// pdfManyObjects is a PDF of n small objects packed into one object stream, found through
// a cross-reference stream, as PDF 1.5 writers save text-heavy documents.
func pdfManyObjects(n int) []byte {
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect [%d %d %d %d] /Dest [3 0 R /XYZ 0 %d 0] /Border [0 0 0] /T (note %x) >>",
			i%595, i*7%842, i%595+40, i*7%842+12, i*13%842, uint32(i)*2654435761)
	}
	return pdfXrefStreamDoc(pageObjects(""), "/Type /ObjStm /Filter /FlateDecode", members)
}

// A JPEG of about 1 MB (the scan limit), decoded and re-encoded.
func BenchmarkCheckJPEG1MB(b *testing.B) {
	s, _ := attachment.DefaultSlots().Get(attachment.SlotInvoiceScan)
	benchCheck(b, s, "发票.jpg", jpegNear(b, 900_000, s.Limit))
}

// jpegNear returns a generated JPEG between lo and hi bytes.
func jpegNear(b *testing.B, lo, hi int64) []byte {
	b.Helper()
	for side := 600; side < 4000; side += 20 {
		data := makeJPEG(b, side, side*3/4)
		if int64(len(data)) >= lo && int64(len(data)) <= hi {
			return data
		}
	}
	b.Fatal("no JPEG of the wanted size")
	return nil
}

type corpusFile struct {
	slot attachment.Slot
	name string
	data []byte
}

// hostileCorpus is every hostile file of the tests, and the slowest files still accepted
// (images at the pixel cap), each with the slot and name it is judged under.
func hostileCorpus(b testing.TB) map[string]corpusFile {
	contract := slot(b, attachment.SlotContractScan)
	images := slot(b, attachment.SlotApplication)
	images.Types = []attachment.Type{attachment.JPEG, attachment.PNG}
	out := map[string]corpusFile{}
	for name, data := range hostilePDFs() {
		out["pdf/"+name] = corpusFile{contract, "a.pdf", data}
	}
	for name, data := range pdfStructureBombs(int(contract.Limit) - 2000) {
		out["pdf bomb/"+name] = corpusFile{contract, "a.pdf", data}
	}
	for _, tc := range hostileDOCs() {
		out["doc/"+tc.name] = corpusFile{contract, "a.doc", tc.data}
	}
	for name, tc := range hostileDOCX(b) {
		out["docx/"+name] = corpusFile{contract, "a.docx", tc.data}
	}
	imgs := hostileImages()
	imgs["baseline JPEG at the pixel cap"] = smoothJPEG(b, 4000, 4000)
	imgs["8-bit RGBA PNG at the pixel cap"] = pngZeros(4000, 4000, 8, 6, false)
	imgs["16-bit RGBA PNG at the pixel cap"] = pngZeros(4000, 4000, 16, 6, false)
	for name, data := range imgs {
		file := "a.jpg"
		if attachment.Sniff(data) == attachment.PNG {
			file = "a.png"
		}
		out["image/"+name] = corpusFile{images, file, data}
	}
	return out
}

// BenchmarkHostileWorst judges every file of the hostile corpus once per iteration and
// reports the worst file: CPU time of one check (user and system, GC included), its peak
// heap (sampled every 100 µs above the heap before it), and the bytes it allocated in
// all (an upper bound of the peak).
func BenchmarkHostileWorst(b *testing.B) {
	corpus := hostileCorpus(b)
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	sort.Strings(names)
	c := attachment.NewChecker(nil)
	var worst [3]float64
	var worstName [3]string
	perFile := map[string][3]float64{}
	for b.Loop() {
		for _, n := range names {
			f := corpus[n]
			m := measure(func() { _, _ = c.Check(f.slot, f.name, bytes.NewReader(f.data)) })
			w := perFile[n]
			for i := range m {
				w[i] = max(w[i], m[i])
				if m[i] > worst[i] {
					worst[i], worstName[i] = m[i], n
				}
			}
			perFile[n] = w
		}
	}
	b.ReportMetric(worst[0], "worst-cpu-ms/file")
	b.ReportMetric(worst[1], "worst-peak-heap-MiB/file")
	b.ReportMetric(worst[2], "worst-alloc-MiB/file")
	b.ReportMetric(float64(len(names)), "files")
	b.Logf("slowest: %s; largest peak heap: %s; most allocated: %s", worstName[0], worstName[1], worstName[2])
	if testing.Verbose() {
		for _, n := range names {
			w := perFile[n]
			b.Logf("%7.1f ms %7.1f MiB peak %7.1f MiB alloc  %s", w[0], w[1], w[2], n)
		}
	}
}

// measure runs f after a collection and returns the CPU milliseconds the process spent,
// the peak heap above the heap before f in MiB, and the MiB allocated meanwhile.
func measure(f func()) [3]float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := heap()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		for {
			if h := heap(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	t0 := cpuTime()
	f()
	t1 := cpuTime()
	runtime.ReadMemStats(&m1)
	close(done)
	<-stopped
	const mib = 1 << 20
	return [3]float64{
		float64(t1-t0) / float64(time.Millisecond),
		float64(max(peak.Load(), base)-base) / mib,
		float64(m1.TotalAlloc-m0.TotalAlloc) / mib,
	}
}

// smoothJPEG is a w×h colour gradient, small enough for a slot at any size.
func smoothJPEG(b testing.TB, w, h int) []byte {
	b.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = byte(x/16), byte(y/16), byte((x+y)/32), 255
		}
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: 75}); err != nil {
		b.Fatal(err)
	}
	return out.Bytes()
}
