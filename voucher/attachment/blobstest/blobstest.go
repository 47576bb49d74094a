package blobstest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

// Run runs the suite. newBlobs returns a new, empty store for each subtest; cleanup is
// registered on the given testing.TB.
func Run(t *testing.T, newBlobs func(t testing.TB) attachment.Blobs) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(*testing.T, attachment.Blobs)
	}{
		{"RoundTrip", testRoundTrip},
		{"Empty", testEmpty},
		{"Large", testLarge},
		{"PutTwice", testPutTwice},
		{"NotFound", testNotFound},
		{"Delete", testDelete},
		{"InvalidID", testInvalidID},
		{"FailedPut", testFailedPut},
		{"CancelledPut", testCancelledPut},
		{"ConcurrentPut", testConcurrentPut},
		{"Independent", testIndependent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newBlobs(t))
		})
	}
}

func content(n int, seed byte) []byte {
	b := make([]byte, n)
	x := uint32(seed) + 1
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x >> 24)
	}
	return b
}

func readAll(t *testing.T, b attachment.Blobs, id string) []byte {
	t.Helper()
	rc, err := b.Open(context.Background(), id)
	require.NoError(t, err)
	defer func() { require.NoError(t, rc.Close()) }()
	got, err := io.ReadAll(rc)
	require.NoError(t, err)
	return got
}

func testRoundTrip(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	want := content(10_000, 1)
	info, err := b.Put(ctx, "0123abcdEF-_x", bytes.NewReader(want))
	require.NoError(t, err)
	require.Equal(t, attachment.Info{ID: "0123abcdEF-_x", Size: int64(len(want))}, info)
	st, err := b.Stat(ctx, "0123abcdEF-_x")
	require.NoError(t, err)
	require.Equal(t, info, st)
	require.Equal(t, sha256.Sum256(want), sha256.Sum256(readAll(t, b, "0123abcdEF-_x")))
}

func testEmpty(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	info, err := b.Put(ctx, "empty", bytes.NewReader(nil))
	require.NoError(t, err)
	require.Equal(t, int64(0), info.Size)
	require.Empty(t, readAll(t, b, "empty"))
}

func testLarge(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	want := content(5*attachment.MB+1, 2)
	info, err := b.Put(ctx, "large", io.MultiReader(bytes.NewReader(want[:7]), bytes.NewReader(want[7:])))
	require.NoError(t, err)
	require.Equal(t, int64(len(want)), info.Size)
	require.True(t, bytes.Equal(want, readAll(t, b, "large")))
}

func testPutTwice(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	first := content(100, 3)
	_, err := b.Put(ctx, "twice", bytes.NewReader(first))
	require.NoError(t, err)
	_, err = b.Put(ctx, "twice", bytes.NewReader(content(50, 4)))
	require.ErrorIs(t, err, cxq.ErrConflict)
	require.Equal(t, first, readAll(t, b, "twice"))
	st, err := b.Stat(ctx, "twice")
	require.NoError(t, err)
	require.Equal(t, int64(100), st.Size)
}

func testNotFound(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	_, err := b.Open(ctx, "missing")
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = b.Stat(ctx, "missing")
	require.ErrorIs(t, err, cxq.ErrNotFound)
	require.ErrorIs(t, b.Delete(ctx, "missing"), cxq.ErrNotFound)
}

func testDelete(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	_, err := b.Put(ctx, "gone", bytes.NewReader(content(10, 5)))
	require.NoError(t, err)
	require.NoError(t, b.Delete(ctx, "gone"))
	_, err = b.Stat(ctx, "gone")
	require.ErrorIs(t, err, cxq.ErrNotFound)
	require.ErrorIs(t, b.Delete(ctx, "gone"), cxq.ErrNotFound)
	// Immutability is per blob: a deleted ID may be used again.
	_, err = b.Put(ctx, "gone", bytes.NewReader(content(20, 6)))
	require.NoError(t, err)
	require.Equal(t, content(20, 6), readAll(t, b, "gone"))
}

func testInvalidID(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	for _, id := range []string{"", "../x", "a/b", `a\b`, ".hidden", "-x", "_x", "a b", "a.pdf", "x\x00", "é",
		string(bytes.Repeat([]byte("a"), attachment.MaxIDLen+1))} {
		_, err := b.Put(ctx, id, bytes.NewReader([]byte("x")))
		require.ErrorIs(t, err, cxq.ErrInvalid, "put %q", id)
		_, err = b.Open(ctx, id)
		require.ErrorIs(t, err, cxq.ErrInvalid, "open %q", id)
		_, err = b.Stat(ctx, id)
		require.ErrorIs(t, err, cxq.ErrInvalid, "stat %q", id)
		require.ErrorIs(t, b.Delete(ctx, id), cxq.ErrInvalid, "delete %q", id)
	}
}

var errBroken = errors.New("blobstest: broken reader")

type brokenReader struct {
	data []byte
}

func (r *brokenReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, errBroken
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func testFailedPut(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	_, err := b.Put(ctx, "broken", &brokenReader{data: content(70_000, 7)})
	require.ErrorIs(t, err, errBroken)
	_, err = b.Stat(ctx, "broken")
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = b.Open(ctx, "broken")
	require.ErrorIs(t, err, cxq.ErrNotFound)
	want := content(30, 8)
	_, err = b.Put(ctx, "broken", bytes.NewReader(want))
	require.NoError(t, err)
	require.Equal(t, want, readAll(t, b, "broken"))
}

// cancelReader cancels its context after the first read.
type cancelReader struct {
	cancel context.CancelFunc
	data   []byte
	n      int
}

func (r *cancelReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		r.cancel()
	}
	r.n++
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.data[:min(len(r.data), 1024)])
	r.data = r.data[n:]
	return n, nil
}

func testCancelledPut(t *testing.T, b attachment.Blobs) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := b.Put(ctx, "cancelled", &cancelReader{cancel: cancel, data: content(100_000, 9)})
	require.Error(t, err)
	_, err = b.Stat(context.Background(), "cancelled")
	require.ErrorIs(t, err, cxq.ErrNotFound)
}

func testConcurrentPut(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	const n = 8
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		wins      []int
		conflicts int
	)
	for i := range n {
		wg.Go(func() {
			_, err := b.Put(ctx, "race", bytes.NewReader(content(20_000, byte(10+i))))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins = append(wins, i)
			case errors.Is(err, cxq.ErrConflict):
				conflicts++
			default:
				t.Errorf("put %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	require.Len(t, wins, 1, "exactly one Put of an ID wins")
	require.Equal(t, n-1, conflicts)
	require.Equal(t, content(20_000, byte(10+wins[0])), readAll(t, b, "race"))
}

func testIndependent(t *testing.T, b attachment.Blobs) {
	ctx := context.Background()
	for i := range 20 {
		_, err := b.Put(ctx, fmt.Sprintf("blob%02d", i), bytes.NewReader(content(i*37, byte(i))))
		require.NoError(t, err)
	}
	require.NoError(t, b.Delete(ctx, "blob07"))
	for i := range 20 {
		id := fmt.Sprintf("blob%02d", i)
		if i == 7 {
			_, err := b.Stat(ctx, id)
			require.ErrorIs(t, err, cxq.ErrNotFound)
			continue
		}
		require.Equal(t, content(i*37, byte(i)), readAll(t, b, id), id)
	}
}
