package attachment

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/cxqkit/cxq"
)

// reencode decodes the image with a pixel cap and encodes it again, so metadata (EXIF,
// GPS, comments, text chunks) and anything after the image data are dropped. The result
// must fit the slot limit; JPEG quality is lowered (to at least 50) and PNG compression
// raised to make it fit, else the file is refused as too large.
func (c *Checker) reencode(slot Slot, typ Type, data []byte) ([]byte, *cxq.FieldError) {
	var (
		cfg image.Config
		err error
	)
	if typ == JPEG {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, errUnreadable(slot, typ, err.Error())
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errUnreadable(slot, typ, "empty image")
	}
	if int64(cfg.Width)*int64(cfg.Height) > c.maxPixels {
		return nil, errUnsafe(slot, ReasonPixels, fmt.Sprintf("%dx%d", cfg.Width, cfg.Height))
	}
	var img image.Image
	if typ == JPEG {
		img, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, errUnreadable(slot, typ, err.Error())
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if typ == JPEG {
		for q := c.quality; ; q -= 10 {
			out.Reset()
			if err := jpeg.Encode(&out, img, &jpeg.Options{Quality: q}); err != nil {
				return nil, errUnreadable(slot, typ, err.Error())
			}
			if int64(out.Len()) <= slot.Limit || q-10 < 50 {
				break
			}
		}
	} else {
		for _, level := range []png.CompressionLevel{png.DefaultCompression, png.BestCompression} {
			out.Reset()
			enc := png.Encoder{CompressionLevel: level}
			if err := enc.Encode(&out, img); err != nil {
				return nil, errUnreadable(slot, typ, err.Error())
			}
			if int64(out.Len()) <= slot.Limit {
				break
			}
		}
	}
	if int64(out.Len()) > slot.Limit {
		return nil, errTooLarge(slot)
	}
	return out.Bytes(), nil
}
