package attachment

import (
	"context"
	"fmt"
	"io"

	"github.com/cxqkit/cxq"
)

// Blobs stores file content under generated IDs. Content is immutable: a blob is written
// once and never replaced. Implementations are safe for concurrent use.
//
// Errors: an ID that fails [ValidID] gives an error matching cxq.ErrInvalid; Put of an ID
// that exists gives cxq.ErrConflict and leaves the stored blob unchanged; Open, Stat and
// Delete of a missing ID give cxq.ErrNotFound. A Put that fails (the reader fails, the
// context ends, the store fails) leaves no blob under the ID, so it may be retried.
type Blobs interface {
	// Put stores everything r yields under id and reports its size.
	Put(ctx context.Context, id string, r io.Reader) (Info, error)
	// Open returns a reader over the blob; the caller closes it.
	Open(ctx context.Context, id string) (io.ReadCloser, error)
	// Stat describes the blob.
	Stat(ctx context.Context, id string) (Info, error)
	// Delete removes the blob.
	Delete(ctx context.Context, id string) error
}

// Info describes a stored blob.
type Info struct {
	ID   string `json:"id"`
	Size int64  `json:"size"`
}

// MaxIDLen is the longest valid blob ID.
const MaxIDLen = 128

// ValidID reports whether id can name a blob: 1 to MaxIDLen characters from
// [0-9A-Za-z_-], not starting with '-' or '_'. Such IDs are safe as file names and object
// keys on every store.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLen || id[0] == '-' || id[0] == '_' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// CheckID returns nil for a valid ID and otherwise an error matching cxq.ErrInvalid.
func CheckID(id string) error {
	if ValidID(id) {
		return nil
	}
	return fmt.Errorf("attachment: invalid blob id %q: %w", id, cxq.ErrInvalid)
}
