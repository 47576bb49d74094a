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
	// MaxPixels is the largest width × height of an image accepted. Defaults to
	// 16,000,000, enough for an A4 page scanned at 400 dpi.
	MaxPixels int64
	// MaxDecodeBytes is the most memory an image decode may allocate, estimated from the
	// headers before decoding: pixels × bytes per pixel (1 to 8 as the format says), twice
	// that for an interlaced PNG, and for a progressive JPEG four more bytes a sample for
	// its coefficients. Defaults to 128 MiB.
	MaxDecodeBytes int64
	// MaxScans is the most scans a JPEG may have (a progressive photograph has about
	// ten). Besides, all scans together may walk at most 16 × MaxPixels pixels.
	// Defaults to 64.
	MaxScans int
	// MaxConcurrent is how many checks run at once; further calls wait for a turn (or
	// for their context to end). Reading the upload is not counted, only the inspection.
	// Defaults to 4.
	MaxConcurrent int
	// JPEGQuality is the quality JPEG images are re-encoded with (1–100). When the result
	// exceeds the slot limit, lower qualities down to 50 are tried. Defaults to 85.
	JPEGQuality int
}

// Default option values.
const (
	DefaultMaxPixels      = 16_000_000
	DefaultMaxDecodeBytes = 128 << 20
	DefaultMaxScans       = 64
	DefaultMaxConcurrent  = 4
	DefaultJPEGQuality    = 85
)

// Checker validates uploads. It is safe for concurrent use if its NewID is; at most
// MaxConcurrent checks run at once.
type Checker struct {
	newID          func() (string, error)
	maxPixels      int64
	maxDecodeBytes int64
	maxScans       int
	quality        int
	turns          chan struct{}
}

// NewChecker returns a Checker with opts (nil means all defaults).
func NewChecker(opts *Options) *Checker {
	c := &Checker{newID: RandomID, maxPixels: DefaultMaxPixels, maxDecodeBytes: DefaultMaxDecodeBytes,
		maxScans: DefaultMaxScans, quality: DefaultJPEGQuality}
	n := DefaultMaxConcurrent
	if opts != nil {
		if opts.NewID != nil {
			c.newID = opts.NewID
		}
		c.maxPixels = positive(opts.MaxPixels, c.maxPixels)
		c.maxDecodeBytes = positive(opts.MaxDecodeBytes, c.maxDecodeBytes)
		c.maxScans = positive(opts.MaxScans, c.maxScans)
		n = positive(opts.MaxConcurrent, n)
		if opts.JPEGQuality > 0 && opts.JPEGQuality <= 100 {
			c.quality = opts.JPEGQuality
		}
	}
	c.turns = make(chan struct{}, n)
	return c
}

func positive[T int | int64](v, def T) T {
	if v > 0 {
		return v
	}
	return def
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

// Check is CheckContext with a context that never ends.
func (c *Checker) Check(slot Slot, name string, r io.Reader) (*File, error) {
	return c.CheckContext(context.Background(), slot, name, r)
}

// CheckContext validates the file called name, read from r, for slot. It reads at most
// slot.Limit+1 bytes from r and holds at most that many; it then waits for one of the
// checker's MaxConcurrent turns and inspects the bytes within the budgets of the
// package documentation, so that no file takes more than the stated memory to judge.
// For images the re-encoded image (no larger than the limit) replaces the bytes
// received. A refused file gives a *cxq.FieldError (matching cxq.ErrInvalid) with one
// of the Code* values; a failing reader gives its error wrapped; a context that ends
// while waiting, reading or decoding gives the context's error; an invalid slot gives
// an error matching cxq.ErrInvalid that is not a *cxq.FieldError.
func (c *Checker) CheckContext(ctx context.Context, slot Slot, name string, r io.Reader) (*File, error) {
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
	data, err := readLimited(ContextReader(ctx, r), slot.Limit)
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
	content, flags, fe, err := c.inspectTurn(ctx, slot, typ, data)
	if err != nil {
		return nil, fmt.Errorf("attachment: check %s: %w", slot.Name, err)
	}
	if fe != nil {
		return nil, fe
	}
	return c.file(slot, clean, typ, content, flags)
}

func (c *Checker) file(slot Slot, name string, typ Type, content []byte, flags []Flag) (*File, error) {
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
			ID: id, Slot: slot.Name, Name: name, Type: typ,
			Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), Flags: flags,
		},
		Content: content,
	}, nil
}

// inspectTurn waits for a turn (or for ctx to end) and inspects data in it.
func (c *Checker) inspectTurn(ctx context.Context, slot Slot, typ Type, data []byte) ([]byte, []Flag, *cxq.FieldError, error) {
	select {
	case c.turns <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, nil, fmt.Errorf("waiting for a turn: %w", ctx.Err())
	}
	defer func() { <-c.turns }()
	return c.inspect(ctx, slot, typ, data)
}

func (c *Checker) inspect(ctx context.Context, slot Slot, typ Type, data []byte) ([]byte, []Flag, *cxq.FieldError, error) {
	var flags []Flag
	var fe *cxq.FieldError
	switch typ {
	case JPEG, PNG:
		out, fe, err := c.reencode(ctx, slot, typ, data)
		return out, nil, fe, err
	case PDF:
		flags, fe = checkPDF(slot, data)
	case DOCX:
		flags, fe = checkDOCX(slot, data)
	case DOC:
		flags, fe = checkOLE(slot, data)
	default:
		fe = errNotAllowed(slot, string(typ))
	}
	return data, flags, fe, nil
}

// Store checks the upload as Check does and puts the accepted content into b under the
// new ID. A refused file stores nothing.
func (c *Checker) Store(ctx context.Context, b Blobs, slot Slot, name string, r io.Reader) (Attachment, error) {
	f, err := c.CheckContext(ctx, slot, name, r)
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
