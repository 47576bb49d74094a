package export

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/cxqkit/cxq"
)

// ttGlyphs is what a cut reads of a TrueType font: its metrics and outlines.
type ttGlyphs struct {
	upem        int
	longLoca    bool
	numGlyphs   int
	numHMetrics int
	head, hhea  []byte
	maxp, hmtx  []byte
	loca, glyf  []byte
}

// glyphTables returns the tables of f that a cut or a width needs, as ParseFont checked
// them, or why they cannot be used.
func (f *Font) glyphTables() (*ttGlyphs, error) { return f.metrics, f.metricsErr }

// readGlyphTables checks and returns the tables of f that a cut or a width needs.
func (f *Font) readGlyphTables() (*ttGlyphs, error) {
	t := &ttGlyphs{head: f.tables["head"], hhea: f.tables["hhea"], maxp: f.tables["maxp"],
		hmtx: f.tables["hmtx"], loca: f.tables["loca"], glyf: f.tables["glyf"]}
	bad := func(what string) error {
		return fmt.Errorf("export: font %s: %s: %w", f.name, what, cxq.ErrInvalid)
	}
	if len(t.head) < 54 || len(t.hhea) < 36 || len(t.maxp) < 6 {
		return nil, bad("head, hhea or maxp table missing or short")
	}
	t.upem = int(binary.BigEndian.Uint16(t.head[18:]))
	t.longLoca = binary.BigEndian.Uint16(t.head[50:]) == 1
	t.numGlyphs = int(binary.BigEndian.Uint16(t.maxp[4:]))
	t.numHMetrics = int(binary.BigEndian.Uint16(t.hhea[34:]))
	locaSize := 2
	if t.longLoca {
		locaSize = 4
	}
	switch {
	case t.upem == 0:
		return nil, bad("unitsPerEm is 0")
	case t.numHMetrics == 0 || t.numHMetrics > t.numGlyphs:
		return nil, bad("bad numberOfHMetrics")
	case len(t.hmtx) < 4*t.numHMetrics+2*(t.numGlyphs-t.numHMetrics):
		return nil, bad("hmtx table short")
	case len(t.loca) < locaSize*(t.numGlyphs+1):
		return nil, bad("loca table short")
	}
	return t, nil
}

// metric returns glyph g's advance width and left side bearing.
func (t *ttGlyphs) metric(g int) (adv, lsb uint16) {
	if g < t.numHMetrics {
		return binary.BigEndian.Uint16(t.hmtx[4*g:]), binary.BigEndian.Uint16(t.hmtx[4*g+2:])
	}
	adv = binary.BigEndian.Uint16(t.hmtx[4*(t.numHMetrics-1):])
	return adv, binary.BigEndian.Uint16(t.hmtx[4*t.numHMetrics+2*(g-t.numHMetrics):])
}

// outline returns the glyf data of glyph g.
func (t *ttGlyphs) outline(g int) ([]byte, error) {
	var start, end int
	if t.longLoca {
		start, end = int(binary.BigEndian.Uint32(t.loca[4*g:])), int(binary.BigEndian.Uint32(t.loca[4*g+4:]))
	} else {
		start, end = 2*int(binary.BigEndian.Uint16(t.loca[2*g:])), 2*int(binary.BigEndian.Uint16(t.loca[2*g+2:]))
	}
	if start > end || end > len(t.glyf) {
		return nil, errFont(fmt.Sprintf("glyph %d out of bounds", g))
	}
	return t.glyf[start:end], nil
}

// components returns the offsets in a composite glyph's data of its component glyph
// indices; a simple glyph has none.
func components(data []byte) ([]int, error) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil, nil
	}
	var offs []int
	for at := 10; ; {
		if at+4 > len(data) {
			return nil, errFont("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(data[at:])
		offs = append(offs, at+2)
		at += 4 + 2
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			at += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			at += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			at += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			at += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			return offs, nil
		}
	}
}

// advance returns the advance width of r in f in ems, rounded as the PDF's width array
// records it (to 1/1000 em), or 0 if f lacks r or its metrics.
func (f *Font) advance(r rune) float64 {
	g, ok := f.glyphs[r]
	t, err := f.glyphTables()
	if !ok || err != nil || int(g) >= t.numGlyphs {
		return 0
	}
	adv, _ := t.metric(int(g))
	return math.Round(float64(adv)*1000/float64(t.upem)) / 1000
}

// pdfWidth returns the advance of r in f as the PDF's width array records it, in
// thousandths of an em; 0 if f lacks r or its metrics. The form's font is measured by it,
// as the forms were laid out when fpdf wrote them.
func (f *Font) pdfWidth(r rune) int {
	g, ok := f.glyphs[r]
	t := f.metrics
	if !ok || t == nil || int(g) >= t.numGlyphs {
		return 0
	}
	adv, _ := t.metric(int(g))
	return int(math.Round(1000 / float64(t.upem) * float64(adv)))
}

// cut returns a TrueType font holding .notdef as glyph 0, then the glyph f draws each of
// runes (no duplicates) with, in their order (glyph i+1 for runes[i], even where two runes share a glyph of
// f), then the components of composite glyphs; a format 4 cmap maps the runes of the BMP
// to their glyphs. A PDF draws the cut by glyph index (see [docFont]).
func (f *Font) cut(runes []rune) ([]byte, error) {
	t, err := f.glyphTables()
	if err != nil {
		return nil, err
	}
	order := make([]int, 1, len(runes)+1)     // old glyph indices, in their new order
	newID := map[int]uint16{0: 0}             // old → new, for the components
	pairs := make([][2]uint16, 0, len(runes)) // code, new glyph
	for i, r := range runes {
		g := int(f.glyphs[r])
		if g >= t.numGlyphs {
			return nil, errFont(fmt.Sprintf("font %s maps U+%04X to a glyph it lacks", f.name, r))
		}
		order = append(order, g)
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(i + 1)
		}
		if r < 0xFFFF {
			pairs = append(pairs, [2]uint16{uint16(r), uint16(i + 1)})
		}
	}
	add := func(g int) uint16 {
		if id, ok := newID[g]; ok {
			return id
		}
		newID[g] = uint16(len(order))
		order = append(order, g)
		return newID[g]
	}
	slices.SortFunc(pairs, func(a, b [2]uint16) int { return int(a[0]) - int(b[0]) })
	glyf, loca, hmtx, err := t.copyGlyphs(&order, add)
	if err != nil {
		return nil, fmt.Errorf("export: font %s: %w", f.name, err)
	}
	n := len(order)
	if n > 0xFFFF {
		return nil, errFont(fmt.Sprintf("font %s: a cut of more than 65,535 glyphs", f.name))
	}
	head := slices.Clone(t.head)
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(t.hhea)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(t.maxp)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
		"cmap": cmap4Table(pairs), "post": postTable(f.tables["post"]), "name": nameTable(f.tables["name"]),
	}
	// OS/2 and the hinting tables hold no glyph indices: a cut keeps them as they are, to
	// print as the whole font would.
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if data := f.tables[tag]; len(data) > 0 {
			tables[tag] = data
		}
	}
	return writeFont(tables), nil
}

// nameTable returns src, the font's names with its copyright notice, if it is well formed
// (format 0, every string inside the table), else an empty name table.
func nameTable(src []byte) []byte {
	empty := []byte{0, 0, 0, 0, 0, 6} // format 0, no records
	if len(src) < 6 || binary.BigEndian.Uint16(src) != 0 {
		return empty
	}
	n, strs := int(binary.BigEndian.Uint16(src[2:])), int(binary.BigEndian.Uint16(src[4:]))
	if len(src) < 6+12*n {
		return empty
	}
	for i := range n {
		rec := src[6+12*i:]
		size, off := int(binary.BigEndian.Uint16(rec[8:])), int(binary.BigEndian.Uint16(rec[10:]))
		if strs+off+size > len(src) {
			return empty
		}
	}
	return src
}

// copyGlyphs copies the outlines and metrics of the glyphs in order, adding the components
// of composite glyphs to order (through add) and renumbering them, and returns the glyf,
// long loca and hmtx tables of the cut.
func (t *ttGlyphs) copyGlyphs(order *[]int, add func(int) uint16) (glyf, loca, hmtx []byte, err error) {
	size := 0 // of the glyphs in order before components are added: most of the cut
	for _, g := range *order {
		if data, err := t.outline(g); err == nil {
			size += (len(data) + 3) &^ 3
		}
	}
	glyf = make([]byte, 0, size+size/8)
	loca = make([]byte, 0, 4*len(*order)+4)
	hmtx = make([]byte, 0, 4*len(*order))
	for i := 0; i < len(*order); i++ {
		g := (*order)[i]
		data, err := t.outline(g)
		if err != nil {
			return nil, nil, nil, err
		}
		offs, err := components(data)
		if err != nil {
			return nil, nil, nil, err
		}
		if len(offs) > 0 {
			data = slices.Clone(data)
			for _, off := range offs {
				c := int(binary.BigEndian.Uint16(data[off:]))
				if c >= t.numGlyphs {
					return nil, nil, nil, errFont(fmt.Sprintf("glyph %d has a component it lacks", g))
				}
				binary.BigEndian.PutUint16(data[off:], add(c))
			}
		}
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, data...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		adv, lsb := t.metric(g)
		hmtx = binary.BigEndian.AppendUint16(binary.BigEndian.AppendUint16(hmtx, adv), lsb)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	return glyf, loca, hmtx, nil
}

// cmap4Table returns a cmap table with one subtable, (3, 1) of format 4, mapping each code
// to its glyph; pairs are sorted by code, none is 0xFFFF.
func cmap4Table(pairs [][2]uint16) []byte {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, p := range pairs {
		if n := len(segs); n > 0 && segs[n-1].end+1 == p[0] && segs[n-1].delta == p[1]-p[0] {
			segs[n-1].end = p[0]
			continue
		}
		segs = append(segs, seg{p[0], p[0], p[1] - p[0]})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	search, selector := 1, 0
	for search*2 <= n {
		search, selector = search*2, selector+1
	}
	length := 16 + 8*n
	b := binary.BigEndian.AppendUint16(nil, 0) // version
	for _, v := range []uint16{1, 3, 1} {      // one table: Windows, Unicode BMP
		b = binary.BigEndian.AppendUint16(b, v)
	}
	b = binary.BigEndian.AppendUint32(b, 12)
	for _, v := range []int{4, length, 0, 2 * n, 2 * search, selector, 2*n - 2*search} {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.end)
	}
	b = binary.BigEndian.AppendUint16(b, 0) // reservedPad
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.start)
	}
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.delta)
	}
	return append(b, make([]byte, 2*n)...) // idRangeOffset: none
}

// postTable returns a post table of format 3 (no glyph names) with the italic angle,
// underline and pitch of src, if any.
func postTable(src []byte) []byte {
	b := make([]byte, 32)
	binary.BigEndian.PutUint32(b, 0x00030000)
	if len(src) >= 16 {
		copy(b[4:16], src[4:16])
	}
	return b
}

// writeFont assembles a TrueType file from its tables, with their checksums and the head
// table's checkSumAdjustment.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	search, selector := 1, 0
	for search*2 <= n {
		search, selector = search*2, selector+1
	}
	size := 12 + 16*n
	for _, data := range tables {
		size += (len(data) + 3) &^ 3
	}
	b := binary.BigEndian.AppendUint32(make([]byte, 0, size), 0x00010000)
	for _, v := range []int{n, 16 * search, selector, 16*n - 16*search} {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	off, headAt := 12+16*n, 0
	for _, tag := range tags {
		data := tables[tag]
		if tag == "head" {
			binary.BigEndian.PutUint32(data[8:], 0)
			headAt = off
		}
		b = append(b, tag...)
		b = binary.BigEndian.AppendUint32(b, checksum(data))
		b = binary.BigEndian.AppendUint32(b, uint32(off))
		b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
		off += (len(data) + 3) &^ 3
	}
	for _, tag := range tags {
		b = append(b, tables[tag]...)
		for len(b)%4 != 0 {
			b = append(b, 0)
		}
	}
	binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	return b
}

// checksum is the TrueType table checksum: the sum of its big-endian 32-bit words.
func checksum(data []byte) uint32 {
	var sum uint32
	i := 0
	for ; i+4 <= len(data); i += 4 {
		sum += binary.BigEndian.Uint32(data[i:])
	}
	if i < len(data) {
		var w [4]byte
		copy(w[:], data[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
