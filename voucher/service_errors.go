package voucher

import (
	"errors"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// IneligibleError lists every reason an order cannot get a voucher now (the answer to
// "为什么我的订单没有出现在这里"). It matches cxq.ErrForbidden, and ErrQuotaExhausted
// when one reason is the exhausted annual quota.
type IneligibleError struct {
	Reasons []policy.Reason `json:"reasons"`
	// Form holds the problems of the claim's own form found beside the reasons, so that
	// a person fixes everything at once (nil: none, or no form was checked).
	Form *cxq.ValidationError `json:"form,omitempty"`
}

func (e *IneligibleError) Error() string {
	parts := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		parts[i] = r.Text().EN
	}
	return "voucher: not eligible: " + strings.Join(parts, "; ")
}

// Is matches cxq.ErrForbidden, and ErrQuotaExhausted for an exhausted quota.
func (e *IneligibleError) Is(target error) bool {
	if target == cxq.ErrForbidden {
		return true
	}
	if target == ErrQuotaExhausted {
		for _, r := range e.Reasons {
			if r.Code == policy.CodeQuotaExhausted {
				return true
			}
		}
	}
	return false
}

// QuotaRefused reports whether err refused a claim because the annual quota could not
// hold it: the Store's cap check ([ErrQuotaExhausted]) or the policy's (a refusal with
// code CodeQuotaExhausted or CodeOverQuota).
func QuotaRefused(err error) bool {
	if errors.Is(err, ErrQuotaExhausted) {
		return true
	}
	var re *policy.RefusedError
	return errors.As(err, &re) && (re.Reason.Code == policy.CodeQuotaExhausted || re.Reason.Code == policy.CodeOverQuota)
}
