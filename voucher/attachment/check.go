package attachment

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/cxqkit/cxq"
)

// Options configure a [Checker]. A nil *Options means all defaults.
type Options struct {
	// NewID returns the ID a new attachment is stored under; it must pass ValidID.
	// Defaults to 128 bits from crypto/rand as 32 lower-case hex digits.
	NewID func() (string, error)
	// MaxPixels is the largest width × height of an image accepted; it bounds the memory
	// a decode takes (4 bytes a pixel, 8 for 16-bit PNG). Defaults to 16,000,000, enough
	// for an A4 page scanned at 400 dpi.
	MaxPixels int64
	// JPEGQuality is the quality JPEG images are re-encoded with (1–100). When the result
	// exceeds the slot limit, lower qualities down to 50 are tried. Defaults to 85.
	JPEGQuality int
}

// Default option values.
const (
	DefaultMaxPixels   = 16_000_000
	DefaultJPEGQuality = 85
)

// Checker validates uploads. It is safe for concurrent use if its NewID is.
type Checker struct {
	newID     func() (string, error)
	maxPixels int64
	quality   int
}

// NewChecker returns a Checker with opts (nil means all defaults).
func NewChecker(opts *Options) *Checker {
	c := &Checker{newID: RandomID, maxPixels: DefaultMaxPixels, quality: DefaultJPEGQuality}
	if opts != nil {
		if opts.NewID != nil {
			c.newID = opts.NewID
		}
		if opts.MaxPixels > 0 {
			c.maxPixels = opts.MaxPixels
		}
		if opts.JPEGQuality > 0 && opts.JPEGQuality <= 100 {
			c.quality = opts.JPEGQuality
		}
	}
	return c
}

// RandomID returns 128 bits from crypto/rand as 32 lower-case hex digits.
func RandomID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("attachment: random id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// Check validates an upload with the default options. See [Checker.Check].
func Check(slot Slot, name string, r io.Reader) (*File, error) {
	return NewChecker(nil).Check(slot, name, r)
}

// Check validates the file called name, read from r, for slot. It reads at most
// slot.Limit+1 bytes from r and holds at most that many; images are first sized with
// DecodeConfig, so only images within MaxPixels are decoded, and the re-encoded image
// (no larger than the limit) replaces the bytes received. A refused file gives a *cxq.FieldError (matching cxq.ErrInvalid) with one
// of the Code* values; a failing reader gives its error wrapped; an invalid slot gives an
// error matching cxq.ErrInvalid that is not a *cxq.FieldError.
func (c *Checker) Check(slot Slot, name string, r io.Reader) (*File, error) {
	if err := slot.Validate(); err != nil {
		return nil, err
	}
	clean, reason := sanitizeName(name)
	if reason != "" {
		return nil, errName(slot, reason)
	}
	typ, ext, ok := TypeOfName(clean)
	if !ok || !slot.Accepts(typ) {
		return nil, errNotAllowed(slot, ext)
	}
	data, err := readLimited(r, slot.Limit)
	if err != nil {
		return nil, fmt.Errorf("attachment: read %s: %w", slot.Name, err)
	}
	switch {
	case len(data) == 0:
		return nil, errEmpty(slot)
	case int64(len(data)) > slot.Limit:
		return nil, errTooLarge(slot)
	}
	if got := Sniff(data); got != typ {
		return nil, errMismatch(slot, ext, got)
	}
	content, flags, fe := c.inspect(slot, typ, data)
	if fe != nil {
		return nil, fe
	}
	id, err := c.newID()
	if err != nil {
		return nil, err
	}
	if err := CheckID(id); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(content)
	return &File{
		Attachment: Attachment{
			ID: id, Slot: slot.Name, Name: clean, Type: typ,
			Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), Flags: flags,
		},
		Content: content,
	}, nil
}

func (c *Checker) inspect(slot Slot, typ Type, data []byte) ([]byte, []Flag, *cxq.FieldError) {
	switch typ {
	case JPEG, PNG:
		out, fe := c.reencode(slot, typ, data)
		return out, nil, fe
	case PDF:
		flags, fe := checkPDF(slot, data)
		return data, flags, fe
	case DOCX:
		flags, fe := checkDOCX(slot, data)
		return data, flags, fe
	case DOC:
		flags, fe := checkOLE(slot, data)
		return data, flags, fe
	}
	return nil, nil, errNotAllowed(slot, string(typ))
}

// Store checks the upload as Check does and puts the accepted content into b under the
// new ID. A refused file stores nothing.
func (c *Checker) Store(ctx context.Context, b Blobs, slot Slot, name string, r io.Reader) (Attachment, error) {
	f, err := c.Check(slot, name, r)
	if err != nil {
		return Attachment{}, err
	}
	info, err := b.Put(ctx, f.ID, f.Reader())
	if err != nil {
		return Attachment{}, err
	}
	if info.Size != f.Size {
		return Attachment{}, fmt.Errorf("attachment: store %s: wrote %d of %d bytes", f.ID, info.Size, f.Size)
	}
	return f.Attachment, nil
}

// readLimited reads at most limit+1 bytes. The buffer is sized from the reader's own
// length when it tells one (bytes.Reader, strings.Reader, multipart files), capped at
// limit+1; otherwise it grows as data arrives rather than reserving the whole limit.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	size := int64(64 << 10)
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len()) + 1
	case interface{ Size() int64 }:
		size = v.Size() + 1
	}
	var buf bytes.Buffer
	buf.Grow(int(max(min(size, limit+1), 512)))
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf.Bytes(), nil
}
