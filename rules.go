package cxq

import (
	"errors"
	"sort"

	validation "github.com/go-ozzo/ozzo-validation/v4"
)

// Rule checks one text value. Its Validate method is the one ozzo-validation's Rule
// interface asks for, so a Rule goes straight into validation.Field(&x.Phone,
// cxq.PhoneRule()); cxq's exported API names no ozzo type. Empty values pass, as with
// ozzo's own rules: combine with validation.Required. The error returned is the
// *FieldError of the matching Check function.
type Rule struct {
	check func(string) error
}

// Validate checks value, a string or a pointer to one.
func (r Rule) Validate(value any) error {
	s, isNil, err := stringValue(value)
	if err != nil {
		return err
	}
	if isNil || s == "" || r.check == nil {
		return nil
	}
	return r.check(s)
}

func stringValue(value any) (string, bool, error) {
	value, isNil := validation.Indirect(value)
	if isNil || validation.IsEmpty(value) {
		return "", true, nil
	}
	s, err := validation.EnsureString(value)
	return s, false, err
}

// USCCRule is [CheckUSCC] with opts as a [Rule]: USCCRule(Strict) also checks the
// embedded organisation code. Use [FromOzzo] to turn ozzo's errors into a
// ValidationError at a package boundary.
func USCCRule(opts ...USCCOption) Rule {
	opts = append([]USCCOption(nil), opts...)
	return Rule{check: func(s string) error { return CheckUSCC(s, opts...) }}
}

// OrgCodeRule is [CheckOrgCode] as a [Rule].
func OrgCodeRule() Rule { return Rule{check: CheckOrgCode} }

// PhoneRule is [CheckPhone] as a [Rule].
func PhoneRule() Rule { return Rule{check: CheckPhone} }

// FromOzzo converts the errors of validation.ValidateStruct or validation.Errors into a
// *ValidationError, keeping the codes of cxq's own rules and mapping ozzo's built-in
// errors to stable codes ("required", "too_long", "out_of_range", "invalid"). labels
// give the people's names of the fields (key: the ozzo field name). Any other error is
// returned as it is.
func FromOzzo(err error, labels map[string]Text) error {
	if err == nil {
		return nil
	}
	var es validation.Errors
	if !errors.As(err, &es) {
		return err
	}
	var p Problems
	addOzzo(&p, "", es, labels)
	return p.Err()
}

func addOzzo(p *Problems, prefix string, es validation.Errors, labels map[string]Text) {
	keys := make([]string, 0, len(es))
	for k := range es {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		field := k
		if prefix != "" {
			field = prefix + "." + k
		}
		e := es[k]
		var nested validation.Errors
		var fe *FieldError
		var ve validation.Error
		label := labels[k]
		if label.IsZero() {
			label = T(k, k)
		}
		switch {
		case errors.As(e, &fe):
			p.Add(fe.WithField(field))
		case errors.As(e, &nested):
			addOzzo(p, field, nested, labels)
		case errors.As(e, &ve):
			p.Add(ozzoField(field, label, ve))
		default:
			p.AddErr(field, e)
		}
	}
}

func ozzoField(field string, label Text, ve validation.Error) *FieldError {
	params := map[string]string{"label_zh": label.ZH, "label_en": label.EN}
	switch ve.Code() {
	case validation.ErrRequired.Code(), validation.ErrNilOrNotEmpty.Code():
		return Required(field, label)
	case validation.ErrLengthTooLong.Code(), validation.ErrLengthOutOfRange.Code():
		return NewFieldError(field, CodeTooLong, params, T("{label_zh}长度不符合要求", "{label_en} has the wrong length"))
	case validation.ErrMinGreaterEqualThanRequired.Code(), validation.ErrMaxLessEqualThanRequired.Code():
		return NewFieldError(field, CodeOutOfRange, params, T("{label_zh}超出允许范围", "{label_en} is out of range"))
	}
	params["reason"] = ve.Error()
	return NewFieldError(field, CodeInvalid, params, T("{label_zh}不正确", "{label_en} is invalid: {reason}"))
}
