package fsblobs_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cxqkit/cxq/voucher/attachment/fsblobs"
)

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "blobs")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	store, err := fsblobs.Open(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()

	info, err := store.Put(ctx, "3f2a9c", strings.NewReader("%PDF-1.7 ..."))
	fmt.Println(info.ID, info.Size, err)
	rc, _ := store.Open(ctx, "3f2a9c")
	b, _ := io.ReadAll(rc)
	rc.Close()
	fmt.Println(string(b))
	_, err = os.Stat(dir + "/3f/3f2a9c")
	fmt.Println(err == nil)
	// Output:
	// 3f2a9c 12 <nil>
	// %PDF-1.7 ...
	// true
}
