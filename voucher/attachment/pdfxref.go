package attachment

import (
	"bytes"
	"strconv"
)

// pdfXref is one cross-reference entry: an offset in the file, or the object stream
// that holds the object.
type pdfXref struct {
	inStream bool
	off      int   // offset of "num gen obj", when !inStream
	stm      int64 // the object stream's number, when inStream
}

const pdfMaxSections = 64 // cross-reference sections followed through /Prev and /XRefStm

// readXrefChain follows the cross-reference data from the last startxref through /Prev
// and /XRefStm. Entries of later sections win. It reports whether the chain could be
// read; when it cannot, the file is judged by the objects found in it, as a repairing
// reader would.
func (sc *pdfScan) readXrefChain() bool {
	k := bytes.LastIndex(sc.data, []byte("startxref"))
	if k < 0 {
		return false
	}
	lx := &pdfLexer{buf: sc.data, pos: k + len("startxref"), work: &sc.work}
	v, err := lx.value(0)
	if err != nil || v.kind != pdfInt {
		return false
	}
	queue := []int64{v.n}
	seen := map[int64]bool{}
	ok := true
	for len(queue) > 0 && len(seen) < pdfMaxSections {
		off := queue[0]
		queue = queue[1:]
		if seen[off] {
			continue
		}
		seen[off] = true
		trailer, good := sc.readSection(off)
		if !good {
			ok = false
			continue
		}
		sc.trailers = append(sc.trailers, trailer)
		for _, key := range []string{"XRefStm", "Prev"} {
			if n, has := trailer.integer(key); has {
				queue = append(queue, n)
			}
		}
	}
	return ok
}

// readSection reads the table or stream at off and returns its trailer dictionary.
func (sc *pdfScan) readSection(off int64) (*pdfDictionary, bool) {
	if off < 0 || off >= int64(len(sc.data)) {
		return nil, false
	}
	lx := &pdfLexer{buf: sc.data, pos: int(off), work: &sc.work}
	lx.skipSpace()
	if bytes.HasPrefix(sc.data[lx.pos:], []byte("xref")) {
		lx.pos += len("xref")
		return sc.readTable(lx)
	}
	obj, err := sc.objectAt(lx.pos)
	if err != nil || !obj.stream || obj.val.dict.name("Type") != "XRef" {
		return nil, false
	}
	if !sc.readXrefStream(obj, true) {
		return nil, false
	}
	return obj.val.dict, true
}

// readTable reads the subsections of a classic table and the trailer after them.
func (sc *pdfScan) readTable(lx *pdfLexer) (*pdfDictionary, bool) {
	for {
		lx.skipSpace()
		if bytes.HasPrefix(lx.buf[lx.pos:], []byte("trailer")) {
			lx.pos += len("trailer")
			v, err := lx.value(0)
			return v.dict, err == nil && v.kind == pdfDict
		}
		first, err1 := lx.value(0)
		count, err2 := lx.value(0)
		if err1 != nil || err2 != nil || first.kind != pdfInt || count.kind != pdfInt ||
			first.n < 0 || count.n < 0 || count.n > int64(len(lx.buf))/18 {
			return nil, false
		}
		for i := int64(0); i < count.n; i++ {
			o, err1 := lx.value(0)
			_, err2 := lx.value(0)
			lx.skipSpace()
			kind := lx.regular()
			if err1 != nil || err2 != nil || o.kind != pdfInt || len(kind) != 1 {
				return nil, false
			}
			num := first.n + i
			if _, dup := sc.xref[num]; !dup && kind[0] == 'n' && o.n > 0 {
				sc.xref[num] = pdfXref{off: int(o.n)}
			}
		}
	}
}

// readXrefStream decodes a cross-reference stream. Every such stream found in the file
// is read, chained or not, so that each object stream any of them names is inspected;
// only the chained ones (record) give entries for resolving references.
func (sc *pdfScan) readXrefStream(obj pdfObject, record bool) bool {
	d := obj.val.dict
	w, _ := d.get("W")
	size, _ := d.integer("Size")
	if w.kind != pdfArray || len(w.arr) != 3 || size < 0 {
		return false
	}
	var widths [3]int
	for i, e := range w.arr {
		if e.kind != pdfInt || e.n < 0 || e.n > 8 {
			return false
		}
		widths[i] = int(e.n)
	}
	index := []int64{0, size}
	if ix, ok := d.get("Index"); ok && ix.kind == pdfArray {
		index = index[:0]
		for _, e := range ix.arr {
			index = append(index, e.n)
		}
	}
	for _, raw := range obj.extents {
		data, err := decodeStream(d, raw, &sc.decodeBudget)
		if err != nil {
			continue
		}
		sc.xrefEntries(data, widths, index, record)
		return true
	}
	return false
}

func (sc *pdfScan) xrefEntries(data []byte, w [3]int, index []int64, record bool) {
	rowLen := w[0] + w[1] + w[2]
	if rowLen == 0 {
		return
	}
	field := func(b []byte, def int64) int64 {
		if len(b) == 0 {
			return def
		}
		var n int64
		for _, c := range b {
			n = n<<8 | int64(c)
		}
		return n
	}
	for i := 0; i+1 < len(index); i += 2 {
		for j := int64(0); j < index[i+1] && len(data) >= rowLen; j++ {
			row := data[:rowLen]
			data = data[rowLen:]
			typ := field(row[:w[0]], 1)
			f2 := field(row[w[0]:w[0]+w[1]], 0)
			num := index[i] + j
			switch typ {
			case 1:
				if _, dup := sc.xref[num]; record && !dup {
					sc.xref[num] = pdfXref{off: int(min(f2, int64(len(sc.data))))}
				}
			case 2:
				sc.stmTargets[f2] = true
				if _, dup := sc.xref[num]; record && !dup {
					sc.xref[num] = pdfXref{inStream: true, stm: f2}
				}
			}
		}
	}
}

// scanTrailers finds every "trailer" keyword and reads the dictionary after it, so that a
// trailer outside the chain (an /Encrypt in an appended section, say) is judged too.
func (sc *pdfScan) scanTrailers() []*pdfDictionary {
	var out []*pdfDictionary
	for i := 0; len(out) < pdfMaxSections; {
		j := bytes.Index(sc.data[i:], []byte("trailer"))
		if j < 0 || sc.work < 0 {
			break
		}
		sc.work -= int64(j)
		i += j + len("trailer")
		lx := &pdfLexer{buf: sc.data, pos: i, work: &sc.work}
		if v, _ := lx.value(0); v.kind == pdfDict {
			out = append(out, v.dict)
		}
	}
	return out
}

// objStmHeader parses the "num offset" pairs at the start of a decoded object stream.
func objStmHeader(data []byte, n int64, work *int64) [][2]int64 {
	lx := &pdfLexer{buf: data, work: work}
	var out [][2]int64
	for i := int64(0); i < n && i < pdfMaxObjects; i++ {
		num, err1 := lx.value(0)
		off, err2 := lx.value(0)
		if err1 != nil || err2 != nil || num.kind != pdfInt || off.kind != pdfInt {
			break
		}
		out = append(out, [2]int64{num.n, off.n})
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
