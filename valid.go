package cxq

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode"

	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldError is one problem with one input field: a stable machine code, the parameters
// the message needs, and the message itself in Chinese and English.
//
// Msg holds templates in which {name} is replaced by Params[name] when rendered, so a
// client that receives the JSON form can render its own text from code and params.
// A FieldError is an error that matches ErrInvalid.
type FieldError struct {
	Field  string            `json:"field"`  // machine name, e.g. "contract_amount" or "invoices[1].number"
	Code   string            `json:"code"`   // stable code, e.g. "below_minimum"
	Params map[string]string `json:"params"` // values named in the message, e.g. {"min": "4000.00"}
	Msg    Text              `json:"-"`      // message templates
}

// NewFieldError builds a FieldError. params may be nil.
func NewFieldError(field, code string, params map[string]string, msg Text) *FieldError {
	if params == nil {
		params = map[string]string{}
	}
	return &FieldError{Field: field, Code: code, Params: params, Msg: msg}
}

// Message renders the message in lang.
func (e *FieldError) Message(lang Lang) string {
	return fill(e.Msg.In(lang), e.Params)
}

// Error returns "field: English message".
func (e *FieldError) Error() string {
	msg := e.Message(EN)
	if msg == "" {
		msg = e.Code
	}
	if e.Field == "" {
		return msg
	}
	return e.Field + ": " + msg
}

// Is reports true for ErrInvalid.
func (e *FieldError) Is(target error) bool { return target == ErrInvalid }

// WithField returns a copy of e naming field.
func (e *FieldError) WithField(field string) *FieldError {
	c := *e
	c.Field = field
	return &c
}

// MarshalJSON writes {"field","code","params","message_zh","message_en"}.
func (e *FieldError) MarshalJSON() ([]byte, error) {
	params := e.Params
	if params == nil {
		params = map[string]string{}
	}
	return json.Marshal(struct {
		Field     string            `json:"field"`
		Code      string            `json:"code"`
		Params    map[string]string `json:"params"`
		MessageZH string            `json:"message_zh"`
		MessageEN string            `json:"message_en"`
	}{e.Field, e.Code, params, e.Message(ZH), e.Message(EN)})
}

// UnmarshalJSON reads the form MarshalJSON writes; the rendered messages become the
// templates.
func (e *FieldError) UnmarshalJSON(b []byte) error {
	var v struct {
		Field     string            `json:"field"`
		Code      string            `json:"code"`
		Params    map[string]string `json:"params"`
		MessageZH string            `json:"message_zh"`
		MessageEN string            `json:"message_en"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = FieldError{Field: v.Field, Code: v.Code, Params: v.Params, Msg: Text{ZH: v.MessageZH, EN: v.MessageEN}}
	return nil
}

// ValidationError holds every problem found in one input, in the order found.
// It matches ErrInvalid, and errors.As finds each *FieldError inside.
type ValidationError struct {
	Errors []*FieldError `json:"errors"`
}

// Error joins the English messages.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		parts[i] = fe.Error()
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Is reports true for ErrInvalid.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Unwrap returns the field errors.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe
	}
	return out
}

// Message renders every field message in lang, one per line.
func (e *ValidationError) Message(lang Lang) string {
	parts := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		parts[i] = fe.Message(lang)
	}
	return strings.Join(parts, "\n")
}

// Has reports whether a problem with field and code is present; an empty code matches any.
func (e *ValidationError) Has(field, code string) bool {
	for _, fe := range e.Errors {
		if fe.Field == field && (code == "" || fe.Code == code) {
			return true
		}
	}
	return false
}

// Codes returns the codes in order, handy in tests.
func (e *ValidationError) Codes() []string {
	out := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		out[i] = fe.Code
	}
	return out
}

// Problems collects field errors while an input is checked.
// The zero value is ready to use.
type Problems struct {
	list []*FieldError
}

// Add records fe (ignored when nil).
func (p *Problems) Add(fe *FieldError) {
	if fe != nil {
		p.list = append(p.list, fe)
	}
}

// AddErr records err under field: a *FieldError keeps its code (and takes field when it
// has none), a *ValidationError contributes each of its errors prefixed with field, any
// other error becomes code "invalid".
func (p *Problems) AddErr(field string, err error) {
	if err == nil {
		return
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			p.list = append(p.list, fe.WithField(joinField(field, fe.Field)))
		}
		return
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		if fe.Field == "" || field != "" {
			fe = fe.WithField(joinField(field, fe.Field))
		}
		p.list = append(p.list, fe)
		return
	}
	p.list = append(p.list, NewFieldError(field, CodeInvalid, map[string]string{"reason": err.Error()},
		T("{reason}", "{reason}")))
}

func joinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "" || field == prefix || strings.HasPrefix(field, prefix+".") || strings.HasPrefix(field, prefix+"["):
		return prefixOr(prefix, field)
	case strings.HasPrefix(field, "["):
		return prefix + field
	default:
		return prefix + "." + field
	}
}

func prefixOr(prefix, field string) string {
	if field == "" {
		return prefix
	}
	return field
}

// Len returns the number of problems recorded.
func (p *Problems) Len() int { return len(p.list) }

// Err returns nil when nothing was recorded, else a *ValidationError.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Errors: append([]*FieldError(nil), p.list...)}
}

// Stable codes shared by every package.
const (
	CodeRequired   = "required"   // a required value is missing
	CodeTooLong    = "too_long"   // params: max (characters)
	CodeInvalid    = "invalid"    // params: reason
	CodeFormat     = "bad_format" // the value does not have the expected form
	CodeOutOfRange = "out_of_range"
	// CodeUnprintable: text holding a character a form cannot show and a reader cannot see
	// (a control character, a bidirectional override or isolate, invalid UTF-8);
	// params: char ("U+202E").
	CodeUnprintable = "unprintable"
)

// Required reports a missing value; label names the field for people.
func Required(field string, label Text) *FieldError {
	return NewFieldError(field, CodeRequired, map[string]string{"label_zh": label.ZH, "label_en": label.EN},
		T("{label_zh}不能为空", "{label_en} is required"))
}

// TooLong reports text longer than max characters (runes, not bytes).
func TooLong(field string, label Text, max int) *FieldError {
	return NewFieldError(field, CodeTooLong,
		map[string]string{"label_zh": label.ZH, "label_en": label.EN, "max": strconv.Itoa(max)},
		T("{label_zh}不得超过 {max} 个字符", "{label_en} must be at most {max} characters"))
}

// TextRule says what a text field must hold. The zero value accepts anything.
type TextRule struct {
	Required bool // a blank value (empty or only spaces) is refused with CodeRequired
	Max      int  // when positive, the most characters (runes, not bytes) allowed
}

// CheckText checks value against rule: a missing value when rule.Required, one longer
// than rule.Max characters (counting runes), or one holding a character no printed form
// should carry (see [CodeUnprintable]; line breaks and tabs are allowed). For example
//
//	cxq.CheckText("name", cxq.T("产品名称", "product name"), p.Name, cxq.TextRule{Required: true, Max: 100})
func CheckText(field string, label Text, value string, rule TextRule) *FieldError {
	if strings.TrimSpace(value) == "" {
		if rule.Required {
			return Required(field, label)
		}
		return nil
	}
	if rule.Max > 0 && utf8.RuneCountInString(value) > rule.Max {
		return TooLong(field, label, rule.Max)
	}
	if r, bad := unprintable(value); bad {
		return NewFieldError(field, CodeUnprintable,
			map[string]string{"label_zh": label.ZH, "label_en": label.EN, "char": fmt.Sprintf("U+%04X", r)},
			T("{label_zh}含有不可打印的字符 {char}", "{label_en} holds a character that cannot be printed, {char}"))
	}
	return nil
}

// unprintable returns the first character of s a printed form cannot show or that
// changes how the text around it reads: invalid UTF-8, a control character other than
// a line break or tab, or a bidirectional embedding, override or isolate.
func unprintable(s string) (rune, bool) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return r, true
		case r == '\n' || r == '\r' || r == '\t':
		case unicode.IsControl(r), r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}
