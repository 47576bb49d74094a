package attachment

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/cxqkit/cxq"
)

// MemoryBlobs is a [Blobs] that keeps content in memory, for tests and small tools.
// The zero value is ready to use.
type MemoryBlobs struct {
	mu    sync.RWMutex
	blobs map[string][]byte
}

// NewMemoryBlobs returns an empty store.
func NewMemoryBlobs() *MemoryBlobs { return &MemoryBlobs{} }

var _ Blobs = (*MemoryBlobs)(nil)

// Put implements [Blobs].
func (m *MemoryBlobs) Put(ctx context.Context, id string, r io.Reader) (Info, error) {
	if err := CheckID(id); err != nil {
		return Info{}, err
	}
	if m.exists(id) {
		return Info{}, fmt.Errorf("attachment: blob %s exists: %w", id, cxq.ErrConflict)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, ContextReader(ctx, r)); err != nil {
		return Info{}, fmt.Errorf("attachment: put %s: %w", id, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.blobs[id]; ok {
		return Info{}, fmt.Errorf("attachment: blob %s exists: %w", id, cxq.ErrConflict)
	}
	if m.blobs == nil {
		m.blobs = make(map[string][]byte)
	}
	m.blobs[id] = bytes.Clone(buf.Bytes())
	return Info{ID: id, Size: int64(buf.Len())}, nil
}

func (m *MemoryBlobs) exists(id string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	_, ok := m.blobs[id]
	return ok
}

func (m *MemoryBlobs) get(id string) ([]byte, error) {
	if err := CheckID(id); err != nil {
		return nil, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.blobs[id]
	if !ok {
		return nil, fmt.Errorf("attachment: blob %s: %w", id, cxq.ErrNotFound)
	}
	return b, nil
}

// Open implements [Blobs].
func (m *MemoryBlobs) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b, err := m.get(id)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// Stat implements [Blobs].
func (m *MemoryBlobs) Stat(ctx context.Context, id string) (Info, error) {
	if err := ctx.Err(); err != nil {
		return Info{}, err
	}
	b, err := m.get(id)
	if err != nil {
		return Info{}, err
	}
	return Info{ID: id, Size: int64(len(b))}, nil
}

// Delete implements [Blobs].
func (m *MemoryBlobs) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := CheckID(id); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.blobs[id]; !ok {
		return fmt.Errorf("attachment: blob %s: %w", id, cxq.ErrNotFound)
	}
	delete(m.blobs, id)
	return nil
}

// ContextReader returns a reader over r that fails once ctx ends, so a Put stops when its
// caller gives up.
func ContextReader(ctx context.Context, r io.Reader) io.Reader { return ctxReader{ctx, r} }

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
