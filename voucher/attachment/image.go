package attachment

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/cxqkit/cxq"
)

// jpegScanPixelsPerPixel bounds the work of a progressive JPEG: its scans together may
// walk at most this many times MaxPixels pixels (a progressive photograph has about ten
// scans; a decode bomb has thousands).
const jpegScanPixelsPerPixel = 16

// reencode decodes the image within the decode budget and encodes it again, so metadata
// (EXIF, GPS, comments, text chunks) and anything after the image data are dropped.
// The budget is checked on the headers before any pixel is decoded: pixels, the memory
// the decoder will allocate, and for JPEG the number of scans and the pixels they walk.
// During decoding the input is read through ctx, so a caller's deadline stops it. The
// result must fit the slot limit; JPEG quality is lowered (to at least 50) and PNG
// compression raised to make it fit, else the file is refused as too large.
func (c *Checker) reencode(ctx context.Context, slot Slot, typ Type, data []byte) ([]byte, *cxq.FieldError, error) {
	var (
		cost imageCost
		err  error
	)
	if typ == JPEG {
		cost, err = jpegCost(data)
		if err == nil {
			_, err = jpeg.DecodeConfig(bytes.NewReader(data))
		}
	} else {
		cost, err = pngCost(data)
		if err == nil {
			_, err = png.DecodeConfig(bytes.NewReader(data))
		}
	}
	if err != nil {
		return nil, errUnreadable(slot, typ, err.Error()), nil
	}
	if cost.width <= 0 || cost.height <= 0 {
		return nil, errUnreadable(slot, typ, "empty image"), nil
	}
	if reason, detail := c.overBudget(cost); reason != "" {
		return nil, errUnsafe(slot, reason, detail), nil
	}
	var img image.Image
	in := ContextReader(ctx, bytes.NewReader(data))
	if typ == JPEG {
		img, err = jpeg.Decode(in)
	} else {
		img, err = png.Decode(in)
	}
	if ctx.Err() != nil {
		return nil, nil, ctx.Err()
	}
	if err != nil {
		return nil, errUnreadable(slot, typ, err.Error()), nil
	}
	out, fe := encode(slot, typ, to8bit(img), c.quality)
	return out, fe, nil
}

// to8bit returns a 16-bit image as the 8-bit image of its high bytes. image/png encodes
// 16-bit images through At, one allocation a pixel (123 MiB and 0.8 s for 16 Mpx);
// 8 bits a sample are plenty for a scan, and the 8-bit encoders read Pix directly.
func to8bit(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.NRGBA64:
		out := image.NewNRGBA(m.Rect)
		for i := range out.Pix {
			out.Pix[i] = m.Pix[2*i]
		}
		return out
	case *image.RGBA64:
		out := image.NewRGBA(m.Rect)
		for i := range out.Pix {
			out.Pix[i] = m.Pix[2*i]
		}
		return out
	case *image.Gray16:
		out := image.NewGray(m.Rect)
		for i := range out.Pix {
			out.Pix[i] = m.Pix[2*i]
		}
		return out
	}
	return img
}

// errFull is returned by a cappedBuffer asked to grow past its cap.
var errFull = errors.New("output over the slot limit")

// cappedBuffer refuses to hold more than limit bytes, so an image whose re-encoding is
// larger than the slot allows stops as soon as it passes the limit.
type cappedBuffer struct {
	bytes.Buffer
	limit int64
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if int64(b.Len()+len(p)) > b.limit {
		return 0, errFull
	}
	return b.Buffer.Write(p)
}

func encode(slot Slot, typ Type, img image.Image, quality int) ([]byte, *cxq.FieldError) {
	out := &cappedBuffer{limit: slot.Limit}
	var err error
	if typ == JPEG {
		for q := quality; ; q -= 10 {
			out.Reset()
			if err = jpeg.Encode(out, img, &jpeg.Options{Quality: q}); err == nil || q-10 < 50 {
				break
			}
		}
	} else {
		for _, level := range []png.CompressionLevel{png.DefaultCompression, png.BestCompression} {
			out.Reset()
			enc := png.Encoder{CompressionLevel: level}
			if err = enc.Encode(out, img); err == nil {
				break
			}
		}
	}
	switch {
	case errors.Is(err, errFull):
		return nil, errTooLarge(slot)
	case err != nil:
		return nil, errUnreadable(slot, typ, err.Error())
	}
	return out.Bytes(), nil
}
