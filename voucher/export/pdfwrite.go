package export

import (
	"bytes"
	"compress/zlib"
	"strconv"
	"sync"
	"time"
)

// pdfWriter assembles a PDF file: numbered objects, each at an offset the cross-reference
// table records, written in a fixed order so that the same document gives the same bytes.
type pdfWriter struct {
	buf     []byte
	offsets []int // by object number; 0 for none
}

// deflater is a zlib writer (the format of /FlateDecode) with the buffer it writes to.
type deflater struct {
	zw  *zlib.Writer
	out bytes.Buffer
}

// deflaters are the zlib writers of the streams, reused: making one allocates about a
// megabyte. The fastest level takes about half the time of the default on a form, for a
// file some 7% larger.
var deflaters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return &deflater{zw: zw}
}}

func newPDFWriter(objects, size int) *pdfWriter {
	w := &pdfWriter{buf: make([]byte, 0, size), offsets: make([]int, objects+1)}
	w.buf = append(w.buf, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"...)
	return w
}

func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

func (w *pdfWriter) begin(n int) {
	w.offsets[n] = len(w.buf)
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
	w.buf = append(w.buf, " 0 obj\n"...)
}

// object writes object n holding value.
func (w *pdfWriter) object(n int, value string) {
	w.begin(n)
	w.buf = append(w.buf, value...)
	w.buf = append(w.buf, "\nendobj\n"...)
}

// stream writes object n as a stream of data compressed with flate, with the entries
// extra in its dictionary besides its length and filter.
func (w *pdfWriter) stream(n int, extra string, data []byte) {
	z := deflaters.Get().(*deflater)
	defer deflaters.Put(z)
	z.out.Reset()
	z.zw.Reset(&z.out)
	z.zw.Write(data) // a bytes.Buffer does not fail
	z.zw.Close()
	w.begin(n)
	w.buf = append(w.buf, "<< /Length "...)
	w.buf = strconv.AppendInt(w.buf, int64(z.out.Len()), 10)
	w.buf = append(w.buf, " /Filter /FlateDecode"...)
	if extra != "" {
		w.buf = append(w.buf, ' ')
		w.buf = append(w.buf, extra...)
	}
	w.buf = append(w.buf, " >>\nstream\n"...)
	w.buf = append(w.buf, z.out.Bytes()...)
	w.buf = append(w.buf, "\nendstream\nendobj\n"...)
}

// finish writes the cross-reference table and the trailer naming the catalog root and
// the document information info, and returns the file.
func (w *pdfWriter) finish(root, info int) []byte {
	at := len(w.buf)
	w.buf = append(w.buf, "xref\n0 "...)
	w.buf = strconv.AppendInt(w.buf, int64(len(w.offsets)), 10)
	w.buf = append(w.buf, "\n0000000000 65535 f \n"...)
	for _, off := range w.offsets[1:] {
		s := strconv.Itoa(off)
		for range 10 - len(s) {
			w.buf = append(w.buf, '0')
		}
		w.buf = append(w.buf, s...)
		w.buf = append(w.buf, " 00000 n \n"...)
	}
	w.buf = append(w.buf, "trailer\n<< /Size "...)
	w.buf = strconv.AppendInt(w.buf, int64(len(w.offsets)), 10)
	w.buf = append(w.buf, " /Root "+ref(root)+" /Info "+ref(info)+" >>\nstartxref\n"...)
	w.buf = strconv.AppendInt(w.buf, int64(at), 10)
	w.buf = append(w.buf, "\n%%EOF\n"...)
	return w.buf
}

// pdfDate is a date as the document information writes it, in UTC.
func pdfDate(t time.Time) string { return "(D:" + t.UTC().Format("20060102150405") + ")" }

// write returns the document as a PDF file: the catalog, the page tree, the resources and
// the document information, then each page with its content, then each font drawn with.
func (d *doc) write() ([]byte, error) {
	const catalog, tree, resources, info, firstPage = 1, 2, 3, 4, 5
	pages := d.pdf.pages
	var used []int // indices in the chain of the fonts drawn with
	for i, f := range d.fonts {
		if f != nil && len(f.runes) > 0 {
			used = append(used, i)
		}
	}
	firstFont := firstPage + 2*len(pages)
	w := newPDFWriter(firstFont+fontObjects*len(used)-1, 64<<10)
	w.object(catalog, "<< /Type /Catalog /Pages "+ref(tree)+" >>")
	kids := make([]byte, 0, 16*len(pages))
	for i := range pages {
		kids = append(append(kids, ref(firstPage+2*i)...), ' ')
	}
	w.object(tree, "<< /Type /Pages /Kids ["+string(kids)+"] /Count "+strconv.Itoa(len(pages))+" >>")
	fonts := make([]byte, 0, 16*len(used))
	for k, i := range used {
		fonts = append(fonts, "/F"+strconv.Itoa(i)+" "+ref(firstFont+fontObjects*k)+" "...)
	}
	w.object(resources, "<< /ProcSet [/PDF /Text] /Font << "+string(fonts)+">> >>")
	w.object(info, "<< /Title <FEFF"+utf16Hex(d.title+" "+d.id)+"> /Producer (cxq voucher/export) /Creator (cxq)"+
		" /CreationDate "+pdfDate(d.exported)+" /ModDate "+pdfDate(d.exported)+" >>")
	for i, p := range pages {
		w.object(firstPage+2*i, "<< /Type /Page /Parent "+ref(tree)+" /MediaBox [0 0 595.28 841.89] /Resources "+
			ref(resources)+" /Contents "+ref(firstPage+2*i+1)+" >>")
		w.stream(firstPage+2*i+1, "", p.content)
	}
	for k, i := range used {
		if err := d.fonts[i].write(w, firstFont+fontObjects*k, subsetTag(i)); err != nil {
			return nil, err
		}
	}
	return w.finish(catalog, info), nil
}
