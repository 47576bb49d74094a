// Package blobstest is the conformance suite every [attachment.Blobs] driver runs:
//
//	func TestConformance(t *testing.T) {
//		blobstest.Run(t, func(t testing.TB) attachment.Blobs { return NewStore(t.TempDir()) })
//	}
//
// It checks round trips, immutability (a second Put of an ID is cxq.ErrConflict and
// changes nothing), not-found answers, invalid IDs, failed and cancelled Puts that leave
// nothing behind, and concurrent Puts of one ID of which exactly one wins.
//
// It imports testing and testify; it must not be imported by non-test code, and must
// never import a driver (the caller hands its store in) or package voucher.
package blobstest
