package voucher

import (
	"errors"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Codes of the refusals Explain gives for errors that carry no field of their own.
const (
	CodeNotFound   = "not_found"
	CodeForbidden  = "forbidden"
	CodeConflict   = "conflict"   // the record changed meanwhile, or a uniqueness rule
	CodeTransition = "transition" // the record's state does not allow the action
	CodeTampered   = "tampered"
	CodeInternal   = "internal"
)

// Explain turns an error of the Service into what a person may be shown: every problem
// with its field, code and Chinese and English message, and never the error's own text
// (no SQL, no Go type names, no other party's IDs). Validation errors come back as they
// are; an ineligible claim or a refusal by the rules lists its reasons; the error kinds
// get one message each. An error of no known kind is CodeInternal: log it and show this.
func Explain(err error) *cxq.ValidationError {
	var ve *cxq.ValidationError
	var fe *cxq.FieldError
	var ie *IneligibleError
	var re *policy.RefusedError
	var te *review.TransitionError
	var qe *QuotaError
	var oe *OrderStateError
	var vs *VoucherStateError
	var nr *NotReturnableError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ve):
		return ve
	case errors.As(err, &fe):
		return &cxq.ValidationError{Errors: []*cxq.FieldError{fe}}
	case errors.As(err, &ie):
		out := reasons(ie.Reasons...)
		if ie.Form != nil {
			out.Errors = append(out.Errors, ie.Form.Errors...)
		}
		return out
	case errors.As(err, &nr):
		return reasons(nr.Reasons...)
	case errors.As(err, &re):
		return reasons(re.Reason)
	case errors.As(err, &qe):
		return reasons(policy.Reason{Code: policy.CodeQuotaExhausted, Params: map[string]string{"cap": qe.Cap.String()}})
	case errors.As(err, &oe):
		return one(oe.Code, oe.Text())
	case errors.As(err, &vs):
		return one(vs.Code, vs.Text())
	case errors.As(err, &te):
		return one(CodeTransition, cxq.T("当前状态下不能执行此操作", "the record's state does not allow this"))
	case errors.Is(err, cxq.ErrTampered):
		return one(CodeTampered, cxq.T("审计记录校验未通过", "the audit trail does not verify"))
	case errors.Is(err, cxq.ErrNotFound):
		return one(CodeNotFound, cxq.T("记录不存在或无权查看", "no such record, or not yours to see"))
	case errors.Is(err, cxq.ErrForbidden):
		return one(CodeForbidden, cxq.T("无权执行此操作", "you may not do this"))
	case errors.Is(err, cxq.ErrConflict):
		return one(CodeConflict, cxq.T("记录已被修改或与已有记录冲突，请刷新后重试",
			"the record changed meanwhile or conflicts with another; reload and try again"))
	case errors.Is(err, cxq.ErrInvalid):
		return one(cxq.CodeInvalid, cxq.T("输入不正确", "the input is not valid"))
	}
	return one(CodeInternal, cxq.T("服务暂时不可用", "the service is unavailable"))
}

func one(code string, msg cxq.Text) *cxq.ValidationError {
	return &cxq.ValidationError{Errors: []*cxq.FieldError{cxq.NewFieldError("", code, nil, msg)}}
}

// reasons lists policy reasons as field problems, in the words of policy.Message.
func reasons(rs ...policy.Reason) *cxq.ValidationError {
	out := &cxq.ValidationError{}
	for _, r := range rs {
		out.Errors = append(out.Errors, cxq.NewFieldError("", r.Code, r.Params, policy.Message(r.Code)))
	}
	return out
}
