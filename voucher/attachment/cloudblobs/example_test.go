package cloudblobs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment/cloudblobs"
	"gocloud.dev/blob/memblob"
)

// Any gocloud.dev bucket works: blob.OpenBucket(ctx, "s3://bucket?region=cn-north-1")
// with gocloud.dev/blob/s3blob imported, or fileblob, gcsblob, azureblob.
func ExampleNew() {
	ctx := context.Background()
	bucket := memblob.OpenBucket(nil)
	defer bucket.Close()
	store := cloudblobs.New(bucket, &cloudblobs.Options{Prefix: "attachments/"})

	_, err := store.Put(ctx, "a1b2", strings.NewReader("scan"))
	fmt.Println(err)
	_, err = store.Put(ctx, "a1b2", strings.NewReader("other"))
	fmt.Println(errors.Is(err, cxq.ErrConflict))
	ok, _ := bucket.Exists(ctx, "attachments/a1b2")
	fmt.Println(ok)
	// Output:
	// <nil>
	// true
	// true
}
