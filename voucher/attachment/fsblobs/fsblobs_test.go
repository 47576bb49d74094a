package fsblobs_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/attachment/blobstest"
	"github.com/cxqkit/cxq/voucher/attachment/fsblobs"
	"github.com/stretchr/testify/require"
)

func open(t testing.TB, dir string) *fsblobs.Store {
	t.Helper()
	s, err := fsblobs.Open(dir)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

func TestConformance(t *testing.T) {
	t.Parallel()
	blobstest.Run(t, func(t testing.TB) attachment.Blobs { return open(t, t.TempDir()) })
}

// A failed Put leaves no file at all, temporary ones included, and a stored blob sits
// under its generated ID only.
func TestNoLeftovers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := open(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.Put(ctx, "abcdef", bytes.NewReader([]byte("data")))
	require.Error(t, err)
	_, err = s.Put(context.Background(), "abcdef", bytes.NewReader([]byte("data")))
	require.NoError(t, err)
	var files []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, rel)
		}
		return nil
	}))
	require.Equal(t, []string{filepath.Join("ab", "abcdef")}, files)
}

// A symbolic link planted in the directory cannot lead a read outside it.
func TestSymlinkEscape(t *testing.T) {
	t.Parallel()
	dir, outside := t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o600))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "se")))
	s := open(t, dir)
	_, err := s.Open(context.Background(), "secret")
	require.Error(t, err)
}
