package cloudblobs_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/attachment/blobstest"
	"github.com/cxqkit/cxq/voucher/attachment/cloudblobs"
	"github.com/stretchr/testify/require"
	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/blob/memblob"
)

func TestConformanceMemblob(t *testing.T) {
	t.Parallel()
	blobstest.Run(t, func(t testing.TB) attachment.Blobs {
		b := memblob.OpenBucket(nil)
		t.Cleanup(func() { require.NoError(t, b.Close()) })
		return cloudblobs.New(b, &cloudblobs.Options{Prefix: "attachments/"})
	})
}

func TestConformanceFileblob(t *testing.T) {
	t.Parallel()
	blobstest.Run(t, func(t testing.TB) attachment.Blobs {
		b, err := fileblob.OpenBucket(t.TempDir(), nil)
		require.NoError(t, err)
		t.Cleanup(func() { require.NoError(t, b.Close()) })
		return cloudblobs.New(b, nil)
	})
}

// Objects are stored under the prefix and the ID, nothing else.
func TestPrefix(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b := memblob.OpenBucket(nil)
	defer b.Close()
	s := cloudblobs.New(b, &cloudblobs.Options{Prefix: "att/", ContentType: "application/pdf"})
	_, err := s.Put(ctx, "abc", bytes.NewReader([]byte("%PDF")))
	require.NoError(t, err)
	got, err := b.ReadAll(ctx, "att/abc")
	require.NoError(t, err)
	require.Equal(t, []byte("%PDF"), got)
	a, err := b.Attributes(ctx, "att/abc")
	require.NoError(t, err)
	require.Equal(t, "application/pdf", a.ContentType)
	_, err = b.Attributes(ctx, "abc")
	require.Error(t, err)
	var _ *blob.Bucket = b
}
