package voucherhttp

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

// A file's hidden value carries its slot, and a page rendered before files kept their
// slot still posts back a file the Service knows (it sets the slot from the upload).
func TestRefValueKeepsTheSlot(t *testing.T) {
	t.Parallel()
	sha := "ab12"
	for _, ref := range []voucher.AttachmentRef{
		{ID: "b1", SHA256: sha, Size: 9, Name: "银行 回单.pdf", Slot: voucher.SlotBankReceipt},
		{ID: "b2", SHA256: sha, Size: 9, Name: "- x.pdf"},
		{ID: "b3", SHA256: sha, Size: 9, Name: "回单.pdf"},
	} {
		got, ok := parseRef(refValue(ref))
		require.True(t, ok)
		require.Equal(t, ref, got)
	}
	old, ok := parseRef("b4 " + sha + " 9 项目 总结.pdf")
	require.True(t, ok)
	require.Equal(t, voucher.AttachmentRef{ID: "b4", SHA256: sha, Size: 9, Name: "项目 总结.pdf"}, old)
}
