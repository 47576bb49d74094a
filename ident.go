package cxq

import (
	"strings"
)

// Codes of the identifier checks.
const (
	CodeUSCCFormat    = "uscc_format"   // not 18 characters of the GB 32100 alphabet
	CodeUSCCCheck     = "uscc_check"    // the GB 32100 check character does not match
	CodeUSCCOrgCode   = "uscc_org_code" // strict mode: the embedded organisation code fails GB 11714
	CodeOrgCodeFormat = "org_code_format"
	CodeOrgCodeCheck  = "org_code_check"
)

// usccAlphabet is the GB 32100-2015 code alphabet: digits and capital letters without
// I, O, Z, S and V, 31 symbols valued 0..30.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// USCCOption changes how CheckUSCC checks.
type USCCOption int

// Strict also checks the organisation code embedded in characters 9–17 with the GB 11714
// check (valid for codes issued to organisations that had one).
const Strict USCCOption = 1

// CheckUSCC checks a 统一社会信用代码 (unified social credit code, GB 32100-2015): 18
// characters of the code alphabet whose last character is the check character
// (31 − Σ wᵢ·cᵢ mod 31) mod 31 with wᵢ = 3^(i−1) mod 31. Lower-case letters, surrounding
// spaces and full-width characters are normalised first. It returns nil or a *FieldError.
func CheckUSCC(s string, opts ...USCCOption) error {
	code := NormalizeID(s)
	if len(code) != 18 {
		return usccFormat()
	}
	sum := 0
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(usccAlphabet, code[i])
		if v < 0 {
			return usccFormat()
		}
		if i < 17 {
			sum += v * usccWeights[i]
		}
	}
	want := usccAlphabet[(31-sum%31)%31]
	if code[17] != want {
		return NewFieldError("", CodeUSCCCheck, nil,
			T("统一社会信用代码校验位不正确", "unified social credit code check character does not match"))
	}
	for _, o := range opts {
		if o == Strict {
			if err := CheckOrgCode(code[8:17]); err != nil {
				return NewFieldError("", CodeUSCCOrgCode, nil,
					T("统一社会信用代码中的组织机构代码不正确", "the organisation code inside the unified social credit code is invalid"))
			}
		}
	}
	return nil
}

func usccFormat() error {
	return NewFieldError("", CodeUSCCFormat, nil,
		T("统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）",
			"unified social credit code must be 18 digits or capital letters (no I, O, Z, S, V)"))
}

var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// CheckOrgCode checks a 组织机构代码 (organisation code, GB 11714): eight body characters
// (digits or capital letters, valued A=10 … Z=35) and a check character
// 11 − (Σ wᵢ·cᵢ mod 11), where 10 is written X and 11 is written 0. The hyphen before the
// check character is optional. It returns nil or a *FieldError.
func CheckOrgCode(s string) error {
	code := NormalizeID(s)
	if len(code) == 10 && code[8] == '-' {
		code = code[:8] + code[9:]
	}
	if len(code) != 9 {
		return orgFormat()
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := code[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return orgFormat()
		}
		sum += v * orgWeights[i]
	}
	var want byte
	switch c := 11 - sum%11; c {
	case 10:
		want = 'X'
	case 11:
		want = '0'
	default:
		want = byte('0' + c)
	}
	if code[8] != want {
		if !(code[8] >= '0' && code[8] <= '9') && code[8] != 'X' {
			return orgFormat()
		}
		return NewFieldError("", CodeOrgCodeCheck, nil,
			T("组织机构代码校验位不正确", "organisation code check character does not match"))
	}
	return nil
}

func orgFormat() error {
	return NewFieldError("", CodeOrgCodeFormat, nil,
		T("组织机构代码应为8位数字或大写字母加1位校验码", "organisation code must be 8 digits or capital letters and a check character"))
}

// NormalizeID upper-cases an identifier and maps full-width characters to ASCII
// ([Narrow]), dropping spaces.
func NormalizeID(s string) string {
	var b strings.Builder
	for _, r := range Narrow(s) {
		switch {
		case r == ' ' || r == '\t':
			continue
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
