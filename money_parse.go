package cxq

import "strings"

// Codes of the errors ParseMoney returns.
const (
	CodeMoneyEmpty     = "money_empty"
	CodeMoneySyntax    = "money_syntax"    // not a plain decimal number (NaN, exponent, letters)
	CodeMoneyPrecision = "money_precision" // more than two decimals
	CodeMoneyNegative  = "money_negative"
	CodeMoneyTooLarge  = "money_too_large" // params: max
)

// ParseMoney reads an amount such as "4549.5", "4549.50", "4,549.50", "¥4549.50", "4549.50元"
// or the same in full-width digits. It rejects empty input, NaN and infinities, exponents
// ("1e9"), more than two decimals ("4000.001"), negative amounts and amounts above
// [MaxMoney], each with its own code in a *FieldError (which matches ErrInvalid).
func ParseMoney(s string) (Money, error) {
	t := normalizeMoney(s)
	if t == "" {
		return Money{}, moneyErr(CodeMoneyEmpty, nil, T("金额不能为空", "amount is required"))
	}
	t, ok := ungroup(t)
	if !ok {
		return Money{}, moneyErr(CodeMoneySyntax, map[string]string{"value": Clip(s, 40)},
			T("金额格式不正确：{value}", "amount is not a plain decimal number: {value}"))
	}
	if strings.HasPrefix(t, "-") {
		rest := strings.TrimPrefix(t, "-")
		if isPlainDecimal(rest) {
			return Money{}, moneyErr(CodeMoneyNegative, nil, T("金额不能为负数", "amount must not be negative"))
		}
	}
	t = strings.TrimPrefix(t, "+")
	if !isPlainDecimal(t) {
		return Money{}, moneyErr(CodeMoneySyntax, map[string]string{"value": Clip(s, 40)},
			T("金额格式不正确：{value}", "amount is not a plain decimal number: {value}"))
	}
	if i := strings.IndexByte(t, '.'); i >= 0 && len(t)-i-1 > 2 {
		return Money{}, moneyErr(CodeMoneyPrecision, nil, T("金额最多保留两位小数", "amount must have at most two decimals"))
	}
	intPart := t
	if i := strings.IndexByte(t, '.'); i >= 0 {
		intPart = t[:i]
	}
	if len(strings.TrimLeft(intPart, "0")) > 13 {
		return Money{}, tooLarge()
	}
	fen := fenOfPlain(t)
	if fen > maxFen {
		return Money{}, tooLarge()
	}
	return Money{fen: fen}, nil
}

// fenOfPlain reads a plain decimal of at most 13 significant integer digits and two
// decimals ("4549.5", ".5", "12.") as fen.
func fenOfPlain(t string) int64 {
	whole, frac, _ := strings.Cut(t, ".")
	var fen int64
	for i := 0; i < len(whole); i++ {
		fen = fen*10 + int64(whole[i]-'0')
	}
	frac += "00"
	return fen*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
}

func tooLarge() error {
	return moneyErr(CodeMoneyTooLarge, map[string]string{"max": MaxMoney().String()},
		T("金额不得超过 {max} 元", "amount must not exceed {max}"))
}

func moneyErr(code string, params map[string]string, msg Text) error {
	return NewFieldError("", code, params, msg)
}

// normalizeMoney maps full-width characters to ASCII ([Narrow]) and drops spaces and a
// currency sign or unit; grouping commas are left for ungroup.
func normalizeMoney(s string) string {
	if plainAmount(s) { // what JSON holds ("4549.50"), read back at every decode
		return s
	}
	s = moneyNoise.Replace(Narrow(strings.TrimSpace(s)))
	return strings.TrimSuffix(s, "元")
}

// moneyNoise drops the spaces and currency signs people type in amounts.
var moneyNoise = strings.NewReplacer(" ", "", "¥", "")

// plainAmount reports whether s holds only ASCII digits, signs, points and commas, which
// normalizeMoney leaves as they are.
func plainAmount(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != ',' && c != '-' && c != '+' {
			return false
		}
	}
	return true
}

// ungroup drops thousands separators from t ("4,549.50" → "4549.50") and reports false
// when a comma is anywhere else: "4549,50" (a decimal comma) or "1,2,3" must not be read
// as 454950 or 123.
func ungroup(t string) (string, bool) {
	if !strings.Contains(t, ",") {
		return t, true
	}
	sign := ""
	if t[0] == '-' || t[0] == '+' {
		sign, t = t[:1], t[1:]
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if strings.Contains(frac, ",") {
		return "", false
	}
	groups := strings.Split(whole, ",")
	if n := len(groups[0]); n < 1 || n > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	out := sign + strings.Join(groups, "")
	if hasDot {
		out += "." + frac
	}
	return out, true
}

// isPlainDecimal reports digits with at most one dot and at least one digit.
func isPlainDecimal(s string) bool {
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}
