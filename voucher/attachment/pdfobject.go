package attachment

import (
	"bytes"
	"slices"
	"strconv"
)

// pdfObject is an indirect object read from the file: its number, its value and, for a
// stream, the candidate extents of its data. A stream has two candidates when its
// /Length and the next "endstream" disagree; readers differ in which they believe, so
// both are inspected.
type pdfObject struct {
	num     int64
	val     pdfValue
	stream  bool
	extents [][]byte
}

// pdfHeader is where "num gen obj" was found in the file.
type pdfHeader struct {
	num int64
	off int
}

// findHeaders finds every "num gen obj" in data, wherever it stands: between objects,
// inside strings or inside stream data. A reader repairing a damaged file searches the
// same way, so an object the cross-reference data does not name is still one some
// reader may load.
func (sc *pdfScan) findHeaders() ([]pdfHeader, error) {
	data := sc.data
	var out []pdfHeader
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("obj"))
		if j < 0 {
			break
		}
		sc.work -= int64(j)
		at := i + j
		i = at + 3
		if i < len(data) && !isPDFDelim(data[i]) && !isPDFSpace(data[i]) {
			continue
		}
		if off, num, ok := headerBefore(data, at); ok {
			if len(out) == pdfMaxObjects {
				return nil, errPDFWork
			}
			out = append(out, pdfHeader{num: num, off: off})
		}
	}
	return out, nil
}

// headerBefore reads "num gen" backwards from the "obj" at data[at:].
func headerBefore(data []byte, at int) (int, int64, bool) {
	k := at
	for k > 0 && isPDFSpace(data[k-1]) {
		k--
	}
	g := k
	for k > 0 && g-k < 6 && '0' <= data[k-1] && data[k-1] <= '9' {
		k--
	}
	if k == g || k == 0 || !isPDFSpace(data[k-1]) {
		return 0, 0, false
	}
	for k > 0 && isPDFSpace(data[k-1]) {
		k--
	}
	n := k
	for k > 0 && n-k < 11 && '0' <= data[k-1] && data[k-1] <= '9' {
		k--
	}
	if k == n || k > 0 && !isPDFSpace(data[k-1]) && !isPDFDelim(data[k-1]) {
		return 0, 0, false
	}
	num, err := strconv.ParseInt(string(data[k:n]), 10, 64)
	return k, num, err == nil
}

// objectAt parses the indirect object whose header starts at off. The value is returned
// even when parsing stopped early, with the error.
func (sc *pdfScan) objectAt(off int) (pdfObject, error) {
	lx := &pdfLexer{buf: sc.data, pos: off, work: &sc.work}
	var obj pdfObject
	n, err := lx.value(0)
	if err != nil || n.kind != pdfInt {
		return obj, errPDFSyntax
	}
	obj.num = n.n
	lx.skipSpace()
	lx.regular() // generation
	lx.skipSpace()
	if string(lx.regular()) != "obj" {
		return obj, errPDFSyntax
	}
	obj.val, err = lx.value(1)
	if err != nil {
		return obj, err
	}
	lx.skipSpace()
	if obj.val.kind != pdfDict || !bytes.HasPrefix(sc.data[lx.pos:], []byte("stream")) {
		return obj, nil
	}
	obj.stream = true
	obj.extents = sc.streamExtents(lx.pos+len("stream"), obj.val.dict)
	return obj, nil
}

// streamExtents returns the candidate data of a stream starting after its keyword: the
// /Length bytes when "endstream" follows them, and the data up to the next "endstream".
func (sc *pdfScan) streamExtents(i int, d *pdfDictionary) [][]byte {
	data := sc.data
	if i < len(data) && data[i] == '\r' {
		i++
	}
	if i < len(data) && data[i] == '\n' {
		i++
	}
	var out [][]byte
	if n, ok := sc.length(d); ok && n >= 0 && int64(i)+n <= int64(len(data)) {
		rest := bytes.TrimLeft(data[i+int(n):], "\r\n \t\f\x00")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			out = append(out, data[i:i+int(n)])
		}
	}
	if e := sc.nextEndstream(i); e >= 0 {
		body := bytes.TrimSuffix(bytes.TrimSuffix(data[i:e], []byte("\n")), []byte("\r"))
		if len(out) == 0 || len(out[0]) != len(body) {
			out = append(out, body)
		}
	} else if len(out) == 0 {
		out = append(out, data[i:])
	}
	return out
}

// nextEndstream returns the offset of the first "endstream" at or after i, or -1. The
// offsets are found in one pass over the file, so that many streams cost no more than one.
func (sc *pdfScan) nextEndstream(i int) int {
	if sc.endstreams == nil {
		sc.endstreams = []int{}
		for k := 0; ; {
			j := bytes.Index(sc.data[k:], []byte("endstream"))
			if j < 0 {
				break
			}
			sc.endstreams = append(sc.endstreams, k+j)
			k += j + 1
		}
	}
	k, _ := slices.BinarySearch(sc.endstreams, i)
	if k == len(sc.endstreams) {
		return -1
	}
	return sc.endstreams[k]
}

// length returns the stream's /Length, resolving a reference.
func (sc *pdfScan) length(d *pdfDictionary) (int64, bool) {
	v, ok := d.get("Length")
	if !ok {
		return 0, false
	}
	if v.kind == pdfRef {
		v, ok = sc.resolve(v.n)
	}
	return v.n, ok && v.kind == pdfInt
}

// resolve returns the value of object num: from the cross-reference data when it names
// the object, else from the last header found for it in the file, else from an object
// stream. Stream data is not read.
func (sc *pdfScan) resolve(num int64) (pdfValue, bool) {
	if e, ok := sc.xref[num]; ok && e.inStream {
		if m, ok := sc.members[num]; ok {
			return sc.memberValue(m), true
		}
	} else if ok {
		if v, ok := sc.valueAt(e.off); ok {
			return v, true
		}
	}
	if off, ok := sc.raw[num]; ok {
		if v, ok := sc.valueAt(off); ok {
			return v, true
		}
	}
	if m, ok := sc.members[num]; ok {
		return sc.memberValue(m), true
	}
	return pdfValue{}, false
}

func (sc *pdfScan) valueAt(off int) (pdfValue, bool) {
	if off < 0 || off >= len(sc.data) {
		return pdfValue{}, false
	}
	lx := &pdfLexer{buf: sc.data, pos: off, work: &sc.work}
	for _, want := range []string{"", "", "obj"} {
		lx.skipSpace()
		if tok := lx.regular(); want != "" && string(tok) != want || len(tok) == 0 {
			return pdfValue{}, false
		}
	}
	v, err := lx.value(1)
	return v, err == nil || v.kind == pdfDict || v.kind == pdfArray
}

func (sc *pdfScan) memberValue(m pdfMember) pdfValue {
	lx := &pdfLexer{buf: sc.bufs[m.buf], pos: m.off, work: &sc.work}
	v, _ := lx.value(1)
	return v
}
