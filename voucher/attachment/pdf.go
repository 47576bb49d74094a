package attachment

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/cxqkit/cxq"
)

// pdfEOFWindow: %%EOF must start within this many bytes of the end.
const (
	pdfEOFWindow = 1024
	pdfMaxFlags  = 20
)

// pdfScan is the state of one PDF inspection. The file is parsed as an object graph:
// the cross-reference data is followed from startxref (tables, streams, /Prev and
// /XRefStm), every "num gen obj" in the file is parsed as well (as a repairing reader
// would), object streams are decoded through their filter chains and their objects
// parsed, and every dictionary found is judged by the policy in pdfpolicy.go.
type pdfScan struct {
	slot         Slot
	data         []byte
	work         int64 // bytes the lexers may still examine
	decodeBudget int64 // bytes decoded streams may still reach

	raw        map[int64]int       // object number → offset of the last header found for it
	xref       map[int64]pdfXref   // entries of the chained cross-reference sections
	members    map[int64]pdfMember // objects read from object streams
	bufs       [][]byte            // decoded object streams
	stmTargets map[int64]bool      // object streams named by any cross-reference stream
	streams    []pdfObject         // streams found, judged once every xref stream is read
	endstreams []int               // offsets of every "endstream", found once
	trailers   []*pdfDictionary    // chained trailers first
	pending    []pdfPending

	flags []Flag
	fe    *cxq.FieldError
}

// pdfMember is where an object of an object stream starts in a decoded buffer.
type pdfMember struct{ buf, off int }

// pdfPending is a reference under an action key, checked once everything is read.
type pdfPending struct {
	key string
	num int64
}

func checkPDF(slot Slot, data []byte) ([]Flag, *cxq.FieldError) {
	tail := data[max(0, len(data)-pdfEOFWindow):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return nil, errUnreadable(slot, PDF, "no %%EOF near the end")
	}
	sc := &pdfScan{
		slot: slot, data: data,
		work: pdfWorkPerByte*int64(len(data)) + 1<<20, decodeBudget: pdfMaxDecoded,
		raw: map[int64]int{}, xref: map[int64]pdfXref{}, members: map[int64]pdfMember{},
		stmTargets: map[int64]bool{},
	}
	if err := sc.run(); err != nil {
		if sc.fe != nil {
			return nil, sc.fe
		}
		return nil, sc.errorFor(err)
	}
	if sc.fe != nil {
		return nil, sc.fe
	}
	return sc.flags, nil
}

// errorFor turns a scan error into the refusal a person sees.
func (sc *pdfScan) errorFor(err error) *cxq.FieldError {
	switch {
	case errors.Is(err, errPDFWork):
		return errUnsafe(sc.slot, ReasonBudget, fmt.Sprintf("parse budget of %d bytes per input byte", pdfWorkPerByte))
	case errors.Is(err, errPDFBomb):
		return errUnsafe(sc.slot, ReasonBomb, fmt.Sprintf("object streams decode past %d bytes or a ratio of %d", pdfMaxDecoded, pdfMaxRatio))
	case errors.Is(err, errPDFEncrypted):
		return errUnsafe(sc.slot, ReasonEncrypted, "/Crypt")
	case errors.Is(err, errPDFFilter):
		return errUnsafe(sc.slot, ReasonObjectStream, "filter")
	}
	return errUnreadable(sc.slot, PDF, err.Error())
}

var errPDFNoCatalog = errors.New("no document catalog")

func (sc *pdfScan) run() error {
	headers, err := sc.findHeaders()
	if err != nil {
		return err
	}
	if len(headers) == 0 {
		return errPDFNoCatalog
	}
	for _, h := range headers {
		sc.raw[h.num] = h.off
	}
	sc.readXrefChain()
	offsets := make(map[int]bool, len(headers))
	for _, h := range headers {
		offsets[h.off] = true
	}
	var extra []int // offsets only the cross-reference data names, in file order
	for _, e := range sc.xref {
		if !e.inStream && !offsets[e.off] {
			offsets[e.off] = true
			extra = append(extra, e.off)
		}
	}
	slices.Sort(extra)
	for _, off := range extra {
		headers = append(headers, pdfHeader{off: off})
	}
	for _, h := range headers {
		if err := sc.object(h.off); err != nil || sc.fe != nil {
			return err
		}
	}
	for _, obj := range sc.streams {
		if err := sc.objectStream(obj); err != nil || sc.fe != nil {
			return err
		}
	}
	for _, t := range append(sc.trailers, sc.scanTrailers()...) {
		sc.judge(pdfValue{kind: pdfDict, dict: t})
	}
	if sc.work < 0 {
		return errPDFWork
	}
	if sc.fe != nil {
		return nil
	}
	sc.checkPending()
	return sc.checkCatalog()
}

// object parses and judges the object at off. A stream is kept for objectStream; a
// cross-reference stream is read at once, so that the object streams it names are known.
func (sc *pdfScan) object(off int) error {
	obj, err := sc.objectAt(off)
	if errors.Is(err, errPDFWork) {
		return err
	}
	sc.judge(obj.val)
	if obj.stream {
		if obj.val.dict.name("Type") == "XRef" {
			sc.readXrefStream(obj, false)
			sc.trailers = append(sc.trailers, obj.val.dict)
		}
		if d := obj.val.dict; d.name("Type") == "ObjStm" || hasKey(d, "First") || hasKey(d, "N") {
			sc.streams = append(sc.streams, obj) // may hold objects; others need no decoding
		}
	}
	return nil
}

// objectStream decodes a stream that holds objects and judges them. A stream holds
// objects when it says so (/Type /ObjStm), when it has a /First (readers do not all
// check the type) or when a cross-reference stream places objects in it. One that cannot
// be decoded is refused: it could hide anything.
func (sc *pdfScan) objectStream(obj pdfObject) error {
	d := obj.val.dict
	_, hasFirst := d.get("First")
	if d.name("Type") != "ObjStm" && !hasFirst && !sc.stmTargets[obj.num] {
		return nil
	}
	for _, raw := range obj.extents {
		data, err := decodeStream(d, raw, &sc.decodeBudget)
		if err != nil {
			return err
		}
		sc.bufs = append(sc.bufs, data)
		sc.work += pdfWorkPerDecoded * int64(len(data)) // decoded objects are parsed too
		if err := sc.readMembers(len(sc.bufs)-1, d); err != nil || sc.fe != nil {
			return err
		}
	}
	return nil
}

// readMembers judges the objects of decoded object stream bi: every value in sequence
// after /First, and then each object at the offset its header gives where no value of
// the sequence started, so that an object no header names, or one a header places
// inside another's string, is judged too.
func (sc *pdfScan) readMembers(bi int, d *pdfDictionary) error {
	data := sc.bufs[bi]
	first, _ := d.integer("First")
	if first < 0 || first > int64(len(data)) {
		first = 0
	}
	n, ok := d.integer("N")
	if !ok || n < 0 {
		n = pdfMaxObjects
	}
	var starts []int // where the values of the sequence start, ascending
	lx := &pdfLexer{buf: data, pos: int(first), work: &sc.work}
	for lx.skipSpace(); lx.pos < len(data) && sc.fe == nil; lx.skipSpace() {
		starts = append(starts, lx.pos)
		v, err := lx.value(1)
		sc.judge(v)
		if err != nil {
			if errors.Is(err, errPDFWork) {
				return err
			}
			break
		}
	}
	for _, h := range objStmHeader(data[:first], n, &sc.work) {
		off := first + h[1]
		if h[1] < 0 || off >= int64(len(data)) {
			continue
		}
		if _, dup := sc.members[h[0]]; !dup {
			sc.members[h[0]] = pdfMember{buf: bi, off: int(off)}
		}
		if _, seen := slices.BinarySearch(starts, int(off)); seen {
			continue
		}
		lx := &pdfLexer{buf: data, pos: int(off), work: &sc.work}
		v, err := lx.value(1)
		sc.judge(v)
		if errors.Is(err, errPDFWork) {
			return err
		}
	}
	return nil
}

// checkCatalog requires a trailer whose /Root is a catalog: a file without one is not a
// PDF any reader can show, whatever its first bytes say (HTML after a PDF header, say).
func (sc *pdfScan) checkCatalog() error {
	for _, t := range sc.trailers {
		root, ok := t.get("Root")
		if !ok || root.kind != pdfRef {
			continue
		}
		if v, ok := sc.resolve(root.n); ok && v.kind == pdfDict && v.dict.name("Type") == "Catalog" {
			return nil
		}
	}
	for _, t := range sc.scanTrailers() {
		if root, ok := t.get("Root"); ok && root.kind == pdfRef {
			if v, ok := sc.resolve(root.n); ok && v.kind == pdfDict && v.dict.name("Type") == "Catalog" {
				return nil
			}
		}
	}
	return errPDFNoCatalog
}
