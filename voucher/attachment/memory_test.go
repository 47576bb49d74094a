package attachment_test

import (
	"testing"

	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/attachment/blobstest"
)

func TestMemoryBlobsConformance(t *testing.T) {
	t.Parallel()
	blobstest.Run(t, func(testing.TB) attachment.Blobs { return attachment.NewMemoryBlobs() })
}
