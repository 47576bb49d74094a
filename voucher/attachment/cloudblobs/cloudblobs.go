package cloudblobs

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// Options configure a Store. A nil *Options means all defaults.
type Options struct {
	// Prefix is put before every ID to form the object key, e.g. "attachments/".
	// Defaults to "".
	Prefix string
	// ContentType is stored with every object. Defaults to "application/octet-stream".
	ContentType string
}

// Store is an attachment.Blobs over a bucket. It is safe for concurrent use. It does not
// own the bucket: closing the bucket is the caller's job.
type Store struct {
	bucket      *blob.Bucket
	prefix      string
	contentType string

	mu       sync.Mutex
	inflight map[string]chan struct{}
}

var _ attachment.Blobs = (*Store)(nil)

// New returns a Store over bucket.
func New(bucket *blob.Bucket, opts *Options) *Store {
	s := &Store{bucket: bucket, contentType: "application/octet-stream", inflight: map[string]chan struct{}{}}
	if opts != nil {
		s.prefix = opts.Prefix
		if opts.ContentType != "" {
			s.contentType = opts.ContentType
		}
	}
	return s
}

func mapErr(id string, err error) error {
	switch gcerrors.Code(err) {
	case gcerrors.NotFound:
		return fmt.Errorf("cloudblobs: blob %s: %w", id, cxq.ErrNotFound)
	case gcerrors.FailedPrecondition, gcerrors.AlreadyExists:
		return fmt.Errorf("cloudblobs: blob %s exists: %w", id, cxq.ErrConflict)
	}
	return fmt.Errorf("cloudblobs: blob %s: %w", id, err)
}

// lock waits until no other Put of key runs in this process, then claims it.
func (s *Store) lock(ctx context.Context, key string) (func(), error) {
	for {
		s.mu.Lock()
		ch, busy := s.inflight[key]
		if !busy {
			done := make(chan struct{})
			s.inflight[key] = done
			s.mu.Unlock()
			return func() {
				s.mu.Lock()
				delete(s.inflight, key)
				s.mu.Unlock()
				close(done)
			}, nil
		}
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Put implements attachment.Blobs.
func (s *Store) Put(ctx context.Context, id string, r io.Reader) (attachment.Info, error) {
	if err := attachment.CheckID(id); err != nil {
		return attachment.Info{}, err
	}
	key := s.prefix + id
	unlock, err := s.lock(ctx, key)
	if err != nil {
		return attachment.Info{}, err
	}
	defer unlock()
	if ok, err := s.bucket.Exists(ctx, key); err != nil {
		return attachment.Info{}, mapErr(id, err)
	} else if ok {
		return attachment.Info{}, fmt.Errorf("cloudblobs: blob %s exists: %w", id, cxq.ErrConflict)
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.bucket.NewWriter(wctx, key, &blob.WriterOptions{ContentType: s.contentType, IfNotExist: true})
	if err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	n, err := io.Copy(w, attachment.ContextReader(ctx, r))
	if err != nil {
		cancel() // aborts the upload
		_ = w.Close()
		return attachment.Info{}, fmt.Errorf("cloudblobs: put %s: %w", id, err)
	}
	if err := w.Close(); err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	return attachment.Info{ID: id, Size: n}, nil
}

// Open implements attachment.Blobs.
func (s *Store) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	if err := attachment.CheckID(id); err != nil {
		return nil, err
	}
	rd, err := s.bucket.NewReader(ctx, s.prefix+id, nil)
	if err != nil {
		return nil, mapErr(id, err)
	}
	return rd, nil
}

// Stat implements attachment.Blobs.
func (s *Store) Stat(ctx context.Context, id string) (attachment.Info, error) {
	if err := attachment.CheckID(id); err != nil {
		return attachment.Info{}, err
	}
	a, err := s.bucket.Attributes(ctx, s.prefix+id)
	if err != nil {
		return attachment.Info{}, mapErr(id, err)
	}
	return attachment.Info{ID: id, Size: a.Size}, nil
}

// Delete implements attachment.Blobs.
func (s *Store) Delete(ctx context.Context, id string) error {
	if err := attachment.CheckID(id); err != nil {
		return err
	}
	if err := s.bucket.Delete(ctx, s.prefix+id); err != nil {
		return mapErr(id, err)
	}
	return nil
}
