package attachment_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
)

// jpegSeg is a marker segment with its length.
func jpegSeg(marker byte, body []byte) []byte {
	out := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(len(body)+2))
	return append(out, body...)
}

// progressiveJPEG is a grey w×h progressive JPEG with one DC scan and then acScans AC
// scans, each of a few bytes: one end-of-band run covers 32,767 blocks. The decoder
// walks every block in every scan, so the work grows with acScans × pixels while the
// file stays small.
func progressiveJPEG(w, h, acScans int) []byte {
	out := []byte{0xFF, 0xD8}
	out = append(out, jpegSeg(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...))...)
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0}
	out = append(out, jpegSeg(0xC2, sof)...)
	one := func(class, sym byte) []byte { // a table with one code, "0", for sym
		t := []byte{class << 4, 1}
		return append(append(t, make([]byte, 15)...), sym)
	}
	out = append(out, jpegSeg(0xC4, append(one(0, 0), one(1, 0xE0)...))...)
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	out = append(out, jpegSeg(0xDA, []byte{1, 1, 0x00, 0, 0, 0})...)
	out = append(out, make([]byte, blocks/8)...) // one 0 bit (no difference) per block
	if blocks%8 != 0 {
		out = append(out, 0xFF>>(blocks%8))
	}
	var bits bitWriter
	for range (blocks + 32766) / 32767 {
		bits.write(0, 1)       // the code for 0xE0: a run of 2^14 + the next 14 bits
		bits.write(0x3FFF, 14) // … 16,383: 32,767 blocks
	}
	ac := bits.bytes()
	for range acScans {
		out = append(out, jpegSeg(0xDA, []byte{1, 1, 0x00, 1, 63, 0})...)
		out = append(out, ac...)
	}
	return append(out, 0xFF, 0xD9)
}

type bitWriter struct {
	buf   []byte
	acc   uint32
	nbits uint
}

func (b *bitWriter) write(v uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		b.acc = b.acc<<1 | (v>>uint(i))&1
		b.nbits++
		if b.nbits == 8 {
			b.buf = append(b.buf, byte(b.acc))
			if byte(b.acc) == 0xFF {
				b.buf = append(b.buf, 0) // byte stuffing
			}
			b.acc, b.nbits = 0, 0
		}
	}
}

func (b *bitWriter) bytes() []byte {
	out := bytes.Clone(b.buf)
	if b.nbits > 0 {
		last := byte(b.acc<<(8-b.nbits)) | 0xFF>>b.nbits
		out = append(out, last)
		if last == 0xFF {
			out = append(out, 0)
		}
	}
	return out
}

// pngZeros is a w×h PNG of the given bit depth and colour type whose pixels are all
// zero, optionally Adam7-interlaced: a few hundred kilobytes that decode to hundreds of
// megabytes.
func pngZeros(w, h int, depth, colorType byte, interlaced bool) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	il := byte(0)
	if interlaced {
		il = 1
	}
	ihdr = append(ihdr, depth, colorType, 0, 0, il)
	channels := map[byte]int{0: 1, 2: 3, 4: 2, 6: 4}[colorType]
	var rows []int
	if interlaced {
		rows = adam7Rows(w, h, channels, int(depth))
	} else {
		for range h {
			rows = append(rows, (w*channels*int(depth)+7)/8+1)
		}
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zero := make([]byte, rows[0])
	for _, n := range rows {
		if n > len(zero) {
			zero = make([]byte, n)
		}
		_, _ = zw.Write(zero[:n])
	}
	_ = zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunkOf("IHDR", ihdr)...)
	out = append(out, pngChunkOf("IDAT", z.Bytes())...)
	return append(out, pngChunkOf("IEND", nil)...)
}

func pngChunkOf(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// adam7Rows returns the length of every filtered row of an interlaced image, pass by pass.
func adam7Rows(w, h, channels, depth int) []int {
	passes := [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	var rows []int
	for _, p := range passes {
		pw, ph := (w-p[0]+p[2]-1)/p[2], (h-p[1]+p[3]-1)/p[3]
		if pw <= 0 || ph <= 0 {
			continue
		}
		for range ph {
			rows = append(rows, (pw*channels*depth+7)/8+1)
		}
	}
	return rows
}

// progressiveJPEGComponents is a progressive three-component 4:4:4 JPEG header of w×h:
// its coefficients alone need 12 bytes a pixel.
func progressiveJPEGComponents(w, h int) []byte {
	out := []byte{0xFF, 0xD8}
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0}
	out = append(out, jpegSeg(0xDB, append([]byte{0}, bytes.Repeat([]byte{1}, 64)...))...)
	out = append(out, jpegSeg(0xC2, sof)...)
	out = append(out, jpegSeg(0xC4, []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})...)
	out = append(out, jpegSeg(0xDA, []byte{1, 1, 0x00, 0, 0, 0})...)
	return append(out, 0, 0, 0xFF, 0xD9) // the decoder would stop here: the budget stops it first
}
