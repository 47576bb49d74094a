package attachment_test

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
)

// cfbEntry is a stream or storage of a generated compound file. parent is the index of
// the storage holding it in the list, or -1 for the root.
type cfbEntry struct {
	name    string
	storage bool
	parent  int
	data    []byte
}

const cfbFree, cfbEnd, cfbFAT, cfbNone = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF

// makeCFB writes a version 3 compound file (512-byte sectors, one FAT sector) holding
// entries. Streams are padded to 4096 bytes so that they live in regular sectors; root
// class clsid (16 bytes, or nil).
func makeCFB(clsid []byte, entries ...cfbEntry) []byte {
	dirSectors := (len(entries) + 1 + 3) / 4
	fat := []uint32{cfbFAT}
	for i := range dirSectors {
		fat = append(fat, uint32(len(fat)+1))
		if i == dirSectors-1 {
			fat[len(fat)-1] = cfbEnd
		}
	}
	var body bytes.Buffer
	starts := make([]uint32, len(entries))
	for i, e := range entries {
		if e.storage {
			continue
		}
		data := e.data
		if len(data) < 4096 {
			data = append(bytes.Clone(data), make([]byte, 4096-len(data))...)
		}
		entries[i].data = data
		starts[i] = uint32(len(fat))
		n := len(data) / 512
		for k := range n {
			if k == n-1 {
				fat = append(fat, cfbEnd)
			} else {
				fat = append(fat, uint32(len(fat)+1))
			}
		}
		body.Write(data)
	}
	for len(fat) < 128 {
		fat = append(fat, cfbFree)
	}
	out := cfbHeader()
	for _, v := range fat {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	out = append(out, cfbDirectory(clsid, entries, starts, dirSectors)...)
	return append(out, body.Bytes()...)
}

func cfbHeader() []byte {
	h := make([]byte, 512)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x3E)
	le.PutUint16(h[26:], 3)
	le.PutUint16(h[28:], 0xFFFE)
	le.PutUint16(h[30:], 9)
	le.PutUint16(h[32:], 6)
	le.PutUint32(h[44:], 1)      // FAT sectors
	le.PutUint32(h[48:], 1)      // first directory sector
	le.PutUint32(h[56:], 4096)   // mini stream cutoff
	le.PutUint32(h[60:], cfbEnd) // no mini FAT
	le.PutUint32(h[68:], cfbEnd) // no DIFAT sectors
	le.PutUint32(h[76:], 0)      // the FAT is sector 0
	for i := 80; i < 512; i += 4 {
		le.PutUint32(h[i:], cfbFree)
	}
	return h
}

// cfbDirectory writes the root and entries; the children of each storage are chained
// through their right siblings.
func cfbDirectory(clsid []byte, entries []cfbEntry, starts []uint32, sectors int) []byte {
	dir := make([]byte, sectors*512)
	child := map[int]uint32{}
	right := make([]uint32, len(entries))
	for i := len(entries) - 1; i >= 0; i-- {
		p := entries[i].parent
		if first, ok := child[p]; ok {
			right[i] = first
		} else {
			right[i] = cfbNone
		}
		child[p] = uint32(i + 1)
	}
	put := func(slot int, name string, typ byte, r, c, start uint32, size int, class []byte) {
		e := dir[slot*128:]
		u := utf16.Encode([]rune(name))
		for k, v := range u {
			binary.LittleEndian.PutUint16(e[2*k:], v)
		}
		binary.LittleEndian.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		binary.LittleEndian.PutUint32(e[68:], cfbNone)
		binary.LittleEndian.PutUint32(e[72:], r)
		binary.LittleEndian.PutUint32(e[76:], c)
		copy(e[80:96], class)
		binary.LittleEndian.PutUint32(e[116:], start)
		binary.LittleEndian.PutUint32(e[120:], uint32(size))
	}
	rootChild, ok := child[-1]
	if !ok {
		rootChild = cfbNone
	}
	put(0, "Root Entry", 5, cfbNone, rootChild, cfbEnd, 0, clsid)
	for i, e := range entries {
		if e.storage {
			c, ok := child[i]
			if !ok {
				c = cfbNone
			}
			put(i+1, e.name, 1, right[i], c, 0, 0, nil)
		} else {
			put(i+1, e.name, 2, right[i], cfbNone, starts[i], len(e.data), nil)
		}
	}
	for slot := len(entries) + 1; slot < sectors*4; slot++ {
		for _, off := range []int{68, 72, 76} {
			binary.LittleEndian.PutUint32(dir[slot*128+off:], cfbNone)
		}
	}
	return dir
}

// wordFIB is the start of a Word 97 WordDocument stream with the given flags.
func wordFIB(flags uint16) []byte {
	fib := make([]byte, 4096)
	binary.LittleEndian.PutUint16(fib[0:], 0xA5EC)
	binary.LittleEndian.PutUint16(fib[2:], 0xC1) // nFib of Word 97
	binary.LittleEndian.PutUint16(fib[10:], flags)
	return fib
}

// wordDoc is a minimal .doc: WordDocument, 1Table and the summary information stream,
// with extra entries after them (their parents index the full list).
func wordDoc(flags uint16, extra ...cfbEntry) []byte {
	base := []cfbEntry{
		{name: "WordDocument", parent: -1, data: wordFIB(flags | 0x0200)},
		{name: "1Table", parent: -1, data: []byte("table")},
		{name: "\x05SummaryInformation", parent: -1, data: []byte("summary")},
	}
	return makeCFB(nil, append(base, extra...)...)
}
