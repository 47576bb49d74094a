package cxq

import "fmt"

// ErrTampered is matched by every error that reports an audit trail which does not
// verify: an entry edited, inserted, removed or reordered, a record whose content no
// longer matches its trail, a trail cut short. Every verifier in cxq (review.Verify,
// review.VerifyCase, voucher's VerifyAudit) fails this one way, with a *TamperError.
var ErrTampered = fmt.Errorf("cxq: audit trail does not verify")

// TamperError names the first place at which an audit trail fails to verify.
type TamperError struct {
	Stream string `json:"stream"` // the chain: a review case ID, or a record's stream such as "application/A000001"
	Seq    int64  `json:"seq"`    // the sequence number expected at that position (from 1)
	Reason string `json:"reason"` // what does not match
}

func (e *TamperError) Error() string {
	return fmt.Sprintf("cxq: audit %s #%d does not verify: %s", e.Stream, e.Seq, e.Reason)
}

// Unwrap returns ErrTampered.
func (e *TamperError) Unwrap() error { return ErrTampered }
