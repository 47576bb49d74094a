package cxq

import "errors"

// The kinds of error every cxq package returns. Typed errors wrap one of them, so callers
// branch with errors.Is.
var (
	// ErrNotFound: the record does not exist, or the caller may not know that it does.
	ErrNotFound = errors.New("cxq: not found")
	// ErrConflict: the record changed since it was read, or the change would break a
	// uniqueness or quota rule.
	ErrConflict = errors.New("cxq: conflict")
	// ErrInvalid: the input is malformed or breaks a rule; see ValidationError.
	ErrInvalid = errors.New("cxq: invalid input")
	// ErrForbidden: the caller may not do this.
	ErrForbidden = errors.New("cxq: forbidden")
)
