package export

import (
	"encoding/binary"
	"unicode/utf8"
)

// parseCmap reads the Unicode subtables (formats 4 and 12) and returns every character
// mapped to a glyph other than .notdef, with its glyph index.
func parseCmap(cm []byte) (map[rune]uint16, error) {
	if len(cm) < 4 {
		return nil, errFont("cmap too short")
	}
	n := int(binary.BigEndian.Uint16(cm[2:]))
	if len(cm) < 4+8*n {
		return nil, errFont("cmap truncated")
	}
	runes := make(map[rune]uint16)
	found := false
	for i := range n {
		rec := cm[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		if !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cm) {
			return nil, errFont("cmap subtable out of bounds")
		}
		sub := cm[off:]
		var err error
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			err = cmap4(sub, runes)
		case 12:
			err = cmap12(sub, runes)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
	}
	if !found {
		return nil, errFont("no Unicode cmap subtable of format 4 or 12")
	}
	return runes, nil
}

func cmap4(s []byte, runes map[rune]uint16) error {
	if len(s) < 14 {
		return errFont("cmap format 4 too short")
	}
	segs := int(binary.BigEndian.Uint16(s[6:])) / 2
	if len(s) < 16+8*segs {
		return errFont("cmap format 4 truncated")
	}
	ends, starts := s[14:], s[16+2*segs:]
	deltas, ranges := s[16+4*segs:], s[16+6*segs:]
	for i := range segs {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := int(binary.BigEndian.Uint16(starts[2*i:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				at := 16 + 6*segs + 2*i + ro + 2*(c-start)
				if at+2 > len(s) {
					return errFont("cmap format 4 glyph index out of bounds")
				}
				if g = int(binary.BigEndian.Uint16(s[at:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				runes[rune(c)] = uint16(g)
			}
		}
	}
	return nil
}

func cmap12(s []byte, runes map[rune]uint16) error {
	if len(s) < 16 {
		return errFont("cmap format 12 too short")
	}
	groups := int(binary.BigEndian.Uint32(s[12:]))
	if groups > (len(s)-16)/12 {
		return errFont("cmap format 12 truncated")
	}
	for i := range groups {
		g := s[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
		first := binary.BigEndian.Uint32(g[8:])
		if end < start || end > utf8.MaxRune || end-start > 0x10FFFF {
			return errFont("cmap format 12 bad group")
		}
		for c := start; c <= end; c++ {
			if g := first + (c - start); g != 0 && g <= 0xFFFF {
				runes[rune(c)] = uint16(g)
			}
		}
	}
	return nil
}
