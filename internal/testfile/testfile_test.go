package testfile_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/cxqkit/cxq/internal/testfile"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// The PDFs pass the upload checker: the tests that use them test what they mean to.
func TestPDFPassesTheChecker(t *testing.T) {
	slot, _ := attachment.DefaultSlots().Get(attachment.SlotOrgCertificate)
	if _, err := attachment.NewChecker(nil).CheckContext(context.Background(), slot, "a.pdf", bytes.NewReader(testfile.PDF("x"))); err != nil {
		t.Fatal(err)
	}
}
