package cxq

import (
	"strings"
)

// Codes of the phone check.
const CodePhone = "phone_format"

// PhoneKind tells what kind of number a phone string holds.
type PhoneKind string

// The kinds of phone number CheckPhone accepts.
const (
	PhoneMobile   PhoneKind = "mobile"   // 1[3-9] and 9 digits
	PhoneLandline PhoneKind = "landline" // area code and 7–8 digits
	PhoneLocal    PhoneKind = "local"    // 7–8 digits printed without an area code
	PhoneService  PhoneKind = "service"  // 400 / 800 numbers
)

// Phone is a parsed phone number.
type Phone struct {
	Kind      PhoneKind
	AreaCode  string // "022" for a landline; empty otherwise
	Number    string // the subscriber digits (the whole number for mobile and service numbers)
	Extension string // digits after 转 / ext / #, if any
}

// String prints the canonical form: "13800138000", "022-23532900", "022-23532900转815",
// "23519253", "4001234567".
func (p Phone) String() string {
	s := p.Number
	if p.AreaCode != "" {
		s = p.AreaCode + "-" + s
	}
	if p.Extension != "" {
		s += "转" + p.Extension
	}
	return s
}

// CheckPhone checks a Chinese phone number as printed on forms and lab lists: a mobile
// number; a landline with its area code and an optional extension ("022-23532900转815",
// or after a second hyphen: "010-12345678-123", 1–6 digits, only when a whole area code
// and a 7–8-digit number come before it); a
// local number printed without its area code ("23519253"); or a 400/800 service number.
// Full-width digits, spaces, hyphens, brackets and a +86 / 0086 prefix are normalised
// first. It returns nil or a *FieldError with code "phone_format".
func CheckPhone(s string) error {
	_, err := ParsePhone(s)
	return err
}

// ParsePhone parses what CheckPhone accepts.
func ParsePhone(s string) (Phone, error) {
	digits, ext, ok := splitPhone(s)
	if !ok {
		return Phone{}, phoneErr(s)
	}
	switch n := len(digits); {
	case n == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9' && ext == "":
		return Phone{Kind: PhoneMobile, Number: digits}, nil
	case n == 10 && (strings.HasPrefix(digits, "400") || strings.HasPrefix(digits, "800")):
		return Phone{Kind: PhoneService, Number: digits, Extension: ext}, nil
	case digits[0] == '0':
		area := areaLen(digits)
		if digits[1] == '0' || n-area < 7 || n-area > 8 || digits[area] == '0' || digits[area] == '1' {
			return Phone{}, phoneErr(s)
		}
		return Phone{Kind: PhoneLandline, AreaCode: digits[:area], Number: digits[area:], Extension: ext}, nil
	case (n == 7 || n == 8) && digits[0] >= '2':
		return Phone{Kind: PhoneLocal, Number: digits, Extension: ext}, nil
	}
	return Phone{}, phoneErr(s)
}

func phoneErr(s string) error {
	return NewFieldError("", CodePhone, map[string]string{"value": Clip(s, 40)},
		T("电话号码格式不正确：{value}", "not a valid phone number: {value}"))
}

// splitPhone normalises s and returns its digits and extension digits.
func splitPhone(s string) (digits, ext string, ok bool) {
	t := strings.TrimSpace(strings.ReplaceAll(Narrow(s), "—", "-"))
	lower := strings.ToLower(t)
	for _, sep := range []string{"转", "ext.", "ext", "#", "x"} {
		if i := strings.Index(lower, sep); i > 0 {
			ext = strings.TrimSpace(t[i+len(sep):])
			t = t[:i]
			if ext == "" || len(ext) > 6 || !allDigits(ext) {
				return "", "", false
			}
			break
		}
	}
	t = strings.TrimSpace(t)
	switch {
	case strings.HasPrefix(t, "+86"):
		t = t[3:]
	case strings.HasPrefix(t, "0086"):
		t = t[4:]
	case strings.HasPrefix(t, "(+86)"):
		t = t[5:]
	}
	if ext == "" {
		if head, tail, found := hyphenExtension(t); found {
			t, ext = head, tail
		}
	}
	var d strings.Builder
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '\u3000':
		default:
			return "", "", false
		}
	}
	digits = d.String()
	if len(digits) < 7 || len(digits) > 12 {
		return "", "", false
	}
	return digits, ext, true
}

// areaLen is the length of the area code that starts the landline digits d: three digits
// for 010 and 02x, four for the rest.
func areaLen(d string) int {
	if len(d) > 1 && (d[1] == '1' || d[1] == '2') {
		return 3
	}
	return 4
}

// hyphenExtension splits an extension written after a second hyphen, as in
// "010-12345678-123": exactly three hyphen-separated groups, the first a whole area code
// (0 and 2 or 3 more digits, as [areaLen] reads it), the second a 7–8-digit number and the
// third 1–6 digits. Any other shape is left alone, so "400-810-1234" stays a service number
// and "010-6242-3361" a landline printed in two groups.
func hyphenExtension(t string) (head, ext string, ok bool) {
	g := strings.Split(t, "-")
	if len(g) != 3 {
		return "", "", false
	}
	for i := range g {
		g[i] = strings.TrimSpace(g[i])
	}
	area, number, tail := g[0], g[1], g[2]
	if !allDigits(area) || area[0] != '0' || len(area) != areaLen(area) ||
		!allDigits(number) || len(number) < 7 || len(number) > 8 ||
		!allDigits(tail) || len(tail) > 6 {
		return "", "", false
	}
	return area + "-" + number, tail, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
