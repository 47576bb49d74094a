package fsblobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// Store is an attachment.Blobs in a directory. It is safe for concurrent use.
type Store struct {
	root *os.Root
}

var _ attachment.Blobs = (*Store)(nil)

// Open opens the store in dir, creating the directory (mode 0700) when it is missing.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("fsblobs: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("fsblobs: %w", err)
	}
	return &Store{root: root}, nil
}

// Close releases the directory.
func (s *Store) Close() error { return s.root.Close() }

func name(id string) (dir, file string) {
	dir = id[:min(2, len(id))]
	return dir, path.Join(dir, id)
}

func mapErr(id string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("fsblobs: blob %s: %w", id, cxq.ErrNotFound)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("fsblobs: blob %s exists: %w", id, cxq.ErrConflict)
	}
	return fmt.Errorf("fsblobs: blob %s: %w", id, err)
}

// Put implements attachment.Blobs.
func (s *Store) Put(ctx context.Context, id string, r io.Reader) (attachment.Info, error) {
	if err := attachment.CheckID(id); err != nil {
		return attachment.Info{}, err
	}
	dir, final := name(id)
	if _, err := s.root.Stat(final); err == nil {
		return attachment.Info{}, mapErr(id, fs.ErrExist)
	}
	tmp, err := tempName()
	if err != nil {
		return attachment.Info{}, err
	}
	f, err := s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	defer func() { _ = s.root.Remove(tmp) }()
	n, err := io.Copy(f, attachment.ContextReader(ctx, r))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return attachment.Info{}, fmt.Errorf("fsblobs: put %s: %w", id, err)
	}
	if err := s.root.MkdirAll(dir, 0o700); err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	if err := s.root.Link(tmp, final); err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	if err := s.syncDir(dir); err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	return attachment.Info{ID: id, Size: n}, nil
}

func (s *Store) syncDir(dir string) error {
	d, err := s.root.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

func tempName() (string, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("fsblobs: temporary name: %w", err)
	}
	return ".tmp-" + hex.EncodeToString(b[:]), nil
}

// Open implements attachment.Blobs.
func (s *Store) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	if err := attachment.CheckID(id); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	_, file := name(id)
	f, err := s.root.Open(file)
	if err != nil {
		return nil, mapErr(id, err)
	}
	return f, nil
}

// Stat implements attachment.Blobs.
func (s *Store) Stat(ctx context.Context, id string) (attachment.Info, error) {
	if err := attachment.CheckID(id); err != nil {
		return attachment.Info{}, err
	}
	if err := ctx.Err(); err != nil {
		return attachment.Info{}, err
	}
	_, file := name(id)
	fi, err := s.root.Stat(file)
	if err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	if !fi.Mode().IsRegular() {
		return attachment.Info{}, mapErr(id, fs.ErrNotExist)
	}
	return attachment.Info{ID: id, Size: fi.Size()}, nil
}

// Delete implements attachment.Blobs.
func (s *Store) Delete(ctx context.Context, id string) error {
	if err := attachment.CheckID(id); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	_, file := name(id)
	if err := s.root.Remove(file); err != nil {
		return mapErr(id, err)
	}
	return nil
}
