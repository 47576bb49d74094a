package attachment

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"io"
)

// Bounds of stream decoding. Only streams that can hold objects (object streams and
// cross-reference streams) are decoded; page content and images never are.
const (
	pdfMaxFilters     = 4        // filters in one chain ([/FlateDecode /FlateDecode] is two)
	pdfMaxDecoded     = 32 << 20 // bytes all decoded streams of one file may reach together
	pdfMaxRatio       = 100      // largest decoded/encoded ratio of one stream…
	pdfRatioFloor     = 16 << 10 // …except that a small stream may always reach this size
	pdfMaxObjects     = 250_000  // object headers in one file
	pdfWorkPerByte    = 16       // bytes the parser may examine per byte of input…
	pdfWorkPerDecoded = 8        // …and per byte of decoded object streams
)

var (
	errPDFFilter    = errors.New("unsupported filter")
	errPDFEncrypted = errors.New("crypt filter")
	errPDFBomb      = errors.New("decodes past the bounds")
)

// decodeStream applies the stream's filter chain to raw. The output of every step is
// bounded by the ratio and by what remains of budget, which it is charged to.
func decodeStream(d *pdfDictionary, raw []byte, budget *int64) ([]byte, error) {
	filters, parms := filterChain(d)
	if len(filters) > pdfMaxFilters {
		return nil, errPDFFilter
	}
	allow := min(*budget, max(pdfMaxRatio*int64(len(raw)), pdfRatioFloor))
	out := raw
	for i, f := range filters {
		var err error
		switch f {
		case "FlateDecode", "Fl":
			out, err = inflate(out, allow)
		case "ASCIIHexDecode", "AHx":
			out, err = asciiHex(out)
		case "ASCII85Decode", "A85":
			out, err = ascii85Decode(out, allow)
		case "RunLengthDecode", "RL":
			out, err = runLength(out, allow)
		case "Crypt":
			return nil, errPDFEncrypted
		default:
			return nil, errPDFFilter
		}
		if err != nil {
			return nil, err
		}
		if f == "FlateDecode" || f == "Fl" {
			if out, err = unpredict(out, parms[i]); err != nil {
				return nil, err
			}
		}
	}
	*budget -= int64(len(out))
	return out, nil
}

// filterChain returns the filter names and their parameters (nil when none).
func filterChain(d *pdfDictionary) ([]string, []*pdfDictionary) {
	f, _ := d.get("Filter")
	p, _ := d.get("DecodeParms")
	var names []string
	var parms []*pdfDictionary
	switch f.kind {
	case pdfName:
		names = []string{f.s}
		parms = []*pdfDictionary{p.dict}
	case pdfArray:
		for i, e := range f.arr {
			names = append(names, e.s)
			var pd *pdfDictionary
			if p.kind == pdfArray && i < len(p.arr) {
				pd = p.arr[i].dict
			}
			parms = append(parms, pd)
		}
	}
	return names, parms
}

func inflate(in []byte, allow int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, allow+1))
	if int64(len(out)) > allow {
		return nil, errPDFBomb
	}
	if err != nil && len(out) == 0 {
		return nil, err
	}
	return out, nil // a truncated but readable stream is what readers see too
}

func asciiHex(in []byte) ([]byte, error) {
	out := make([]byte, 0, len(in)/2+1)
	var hi byte
	half := false
	for _, c := range in {
		switch {
		case c == '>':
			if half {
				out = append(out, hi<<4)
			}
			return out, nil
		case isPDFSpace(c):
		case !isHex(c):
			return nil, errPDFSyntax
		case half:
			out = append(out, hi<<4|unhex(c))
			half = false
		default:
			hi, half = unhex(c), true
		}
	}
	return out, nil
}

func ascii85Decode(in []byte, allow int64) ([]byte, error) {
	if i := bytes.Index(in, []byte("~>")); i >= 0 {
		in = in[:i]
	}
	in = bytes.TrimPrefix(bytes.TrimLeft(in, " \t\r\n\f\x00"), []byte("<~"))
	out, err := io.ReadAll(io.LimitReader(ascii85.NewDecoder(bytes.NewReader(in)), allow+1))
	if int64(len(out)) > allow {
		return nil, errPDFBomb
	}
	return out, err
}

func runLength(in []byte, allow int64) ([]byte, error) {
	var out []byte
	for i := 0; i < len(in); {
		n := int(in[i])
		i++
		switch {
		case n == 128:
			return out, nil
		case n < 128:
			end := min(i+n+1, len(in))
			out = append(out, in[i:end]...)
			i = end
		case i < len(in):
			out = append(out, bytes.Repeat(in[i:i+1], 257-n)...)
			i++
		}
		if int64(len(out)) > allow {
			return nil, errPDFBomb
		}
	}
	return out, nil
}

// unpredict undoes a PNG predictor (/Predictor 10–15), which cross-reference streams
// use. TIFF prediction (2) is refused: no writer uses it for streams holding objects.
func unpredict(in []byte, parms *pdfDictionary) ([]byte, error) {
	pred, _ := parms.integer("Predictor")
	switch {
	case pred <= 1:
		return in, nil
	case pred < 10 || pred > 15:
		return nil, errPDFFilter
	}
	cols, ok := parms.integer("Columns")
	if !ok {
		cols = 1
	}
	colors, ok := parms.integer("Colors")
	if !ok {
		colors = 1
	}
	bpc, ok := parms.integer("BitsPerComponent")
	if !ok {
		bpc = 8
	}
	if cols < 1 || cols > 1<<16 || colors < 1 || colors > 32 || bpc < 1 || bpc > 16 {
		return nil, errPDFFilter
	}
	bpp := max(int(colors*bpc+7)/8, 1)
	row := int(cols*colors*bpc+7) / 8
	return pngUnfilter(in, row, bpp)
}

func pngUnfilter(in []byte, row, bpp int) ([]byte, error) {
	out := make([]byte, 0, len(in))
	prev := make([]byte, row)
	for len(in) > 0 {
		typ := in[0]
		cur := make([]byte, row)
		copy(cur, in[1:min(len(in), row+1)])
		in = in[min(len(in), row+1):]
		for i := range cur {
			var a, c byte
			if i >= bpp {
				a, c = cur[i-bpp], prev[i-bpp]
			}
			b := prev[i]
			switch typ {
			case 0:
			case 1:
				cur[i] += a
			case 2:
				cur[i] += b
			case 3:
				cur[i] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[i] += paeth(a, b, c)
			default:
				return nil, errPDFSyntax
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
