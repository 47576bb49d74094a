package attachment

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// imageCost is what decoding an image will take, read from its headers before any pixel
// is decoded.
type imageCost struct {
	width, height int
	bytes         int64 // memory the decoder allocates for pixels (and JPEG coefficients)
	scans         int   // JPEG scans (1 for PNG)
	scanPixels    int64 // Σ over scans of the pixels each scan walks
}

var errJPEGStructure = errors.New("malformed JPEG markers")

// jpegCost walks the markers of a JPEG up to EOI, as image/jpeg will: the frame header
// gives the size, components and sampling; every SOS is counted, its entropy-coded data
// skipped. image/jpeg keeps the pixels (one byte a sample) and, for a progressive frame,
// four bytes of coefficients a sample besides; every scan walks the blocks of its
// components.
func jpegCost(data []byte) (imageCost, error) {
	var c imageCost
	var blocks int64 // 8×8 blocks of all components
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return c, errJPEGStructure
		}
		m := data[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		i += 2
		if m == 0xD9 {
			break
		}
		if m == 0x01 || m >= 0xD0 && m <= 0xD7 {
			continue
		}
		if i+2 > len(data) {
			return c, errJPEGStructure
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return c, errJPEGStructure
		}
		seg := data[i+2 : i+n]
		i += n
		switch {
		case m == 0xC0 || m == 0xC1 || m == 0xC2:
			b, err := jpegFrame(seg, &c)
			if err != nil {
				return c, err
			}
			blocks = b
			c.bytes = blocks * 64
			if m == 0xC2 {
				c.bytes += blocks * 64 * 4
			}
		case m == 0xDA:
			c.scans++
			c.scanPixels += blocks * 64
			i = skipEntropy(data, i)
		}
	}
	if c.width == 0 {
		return c, errJPEGStructure
	}
	return c, nil
}

// jpegFrame reads a frame header and returns the number of blocks of all components.
func jpegFrame(seg []byte, c *imageCost) (int64, error) {
	if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) {
		return 0, errJPEGStructure
	}
	c.height = int(binary.BigEndian.Uint16(seg[1:]))
	c.width = int(binary.BigEndian.Uint16(seg[3:]))
	nc := int(seg[5])
	hmax, vmax := 1, 1
	for k := range nc {
		s := seg[6+3*k+1]
		hmax, vmax = max(hmax, int(s>>4)), max(vmax, int(s&15))
	}
	mcuX := int64((c.width + 8*hmax - 1) / (8 * hmax))
	mcuY := int64((c.height + 8*vmax - 1) / (8 * vmax))
	var blocks int64
	for k := range nc {
		s := seg[6+3*k+1]
		blocks += mcuX * int64(s>>4) * mcuY * int64(s&15)
	}
	return blocks, nil
}

// skipEntropy returns the index of the marker ending the entropy-coded data at i.
func skipEntropy(data []byte, i int) int {
	for i+1 < len(data) {
		if data[i] == 0xFF && data[i+1] != 0 && (data[i+1] < 0xD0 || data[i+1] > 0xD7) {
			return i
		}
		i++
	}
	return len(data)
}

// pngCost reads the IHDR of a PNG. image/png allocates the image at its own pixel size
// (1, 2, 4 or 8 bytes) and, for an interlaced image, the seven pass images besides; a
// 16-bit image is copied to 8 bits for encoding.
func pngCost(data []byte) (imageCost, error) {
	if len(data) < 33 || string(data[12:16]) != "IHDR" {
		return imageCost{}, errors.New("no IHDR")
	}
	c := imageCost{
		width:  int(binary.BigEndian.Uint32(data[16:])),
		height: int(binary.BigEndian.Uint32(data[20:])),
		scans:  1,
	}
	depth, ct, interlace := data[24], data[25], data[28]
	var bpp int64
	switch {
	case ct == 3 || ct == 0 && depth <= 8:
		bpp = 1
	case ct == 0:
		bpp = 2
	case depth == 16:
		bpp = 8
	default:
		bpp = 4
	}
	px := int64(c.width) * int64(c.height)
	c.bytes = px * bpp
	if interlace == 1 {
		c.bytes *= 2
	}
	if depth == 16 {
		c.bytes += px * bpp / 2 // the 8-bit copy that is encoded (see to8bit)
	}
	c.scanPixels = int64(c.width) * int64(c.height)
	return c, nil
}

// overBudget returns the reason and detail for an image whose cost exceeds the checker's
// budget, or "".
func (ch *Checker) overBudget(c imageCost) (string, string) {
	px := int64(c.width) * int64(c.height)
	switch {
	case px > ch.maxPixels:
		return ReasonPixels, fmt.Sprintf("%dx%d", c.width, c.height)
	case c.bytes > ch.maxDecodeBytes:
		return ReasonBudget, fmt.Sprintf("decoding needs %d MiB, more than %d MiB", c.bytes>>20, ch.maxDecodeBytes>>20)
	case c.scans > ch.maxScans:
		return ReasonBudget, fmt.Sprintf("%d scans, more than %d", c.scans, ch.maxScans)
	case c.scanPixels > jpegScanPixelsPerPixel*ch.maxPixels:
		return ReasonBudget, fmt.Sprintf("%d scans over %d pixels", c.scans, px)
	}
	return "", ""
}
