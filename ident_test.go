package cxq_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cxqkit/cxq"
	validation "github.com/go-ozzo/ozzo-validation/v4"
	"github.com/stretchr/testify/require"
)

const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccCheck computes the GB 32100 check character from the standard's definition, with
// weights 3^(i-1) mod 31 computed here rather than copied.
func usccCheck(body string) byte {
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(alphabet, body[i]) * w
		w = w * 3 % 31
	}
	return alphabet[(31-sum%31)%31]
}

// orgCheck computes the GB 11714 check character.
func orgCheck(body string) byte {
	weights := []int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

func codeOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.ErrorIs(t, err, cxq.ErrInvalid)
	return fe.Code
}

func TestCheckUSCC(t *testing.T) {
	t.Parallel()
	valid := []string{"91350100M000100Y43", "91110000600037341L", "91440300708461136T", "914403001922038216"}
	for _, body := range []string{"91120104MA05K1234", "12100000400000624", "52110000500021676", "93440106MA59AB1CD"} {
		valid = append(valid, body+string(usccCheck(body)))
	}
	for _, s := range valid {
		require.NoError(t, cxq.CheckUSCC(s), s)
		require.Equal(t, s[17], usccCheck(s[:17]), s)
		require.NoError(t, cxq.CheckUSCC(" "+strings.ToLower(s)+" "), "normalised %s", s)
	}
	require.NoError(t, cxq.CheckUSCC("９１３５０１００Ｍ０００１００Ｙ４３"), "full-width")
	for s, code := range map[string]string{
		"91350100M000100Y4Z":  cxq.CodeUSCCFormat, // Z is not in the alphabet
		"91110000600037341N":  cxq.CodeUSCCCheck,
		"9111000060003IOZSV":  cxq.CodeUSCCFormat,
		"":                    cxq.CodeUSCCFormat,
		"91350100M000100Y4":   cxq.CodeUSCCFormat,
		"91350100M000100Y433": cxq.CodeUSCCFormat,
	} {
		require.Equal(t, code, codeOf(t, cxq.CheckUSCC(s)), s)
	}
	// Strict mode also checks the embedded organisation code.
	require.NoError(t, cxq.CheckUSCC("91440300708461136T", cxq.Strict))
	require.NoError(t, cxq.CheckUSCC("91350100M000100Y43", cxq.Strict))
	body := "91440300708461137" // organisation code 70846113-7 is wrong (check is 6)
	bad := body + string(usccCheck(body))
	require.NoError(t, cxq.CheckUSCC(bad))
	require.Equal(t, cxq.CodeUSCCOrgCode, codeOf(t, cxq.CheckUSCC(bad, cxq.Strict)))
}

// TestUSCCSingleSubstitution: changing any one character of a valid code makes it invalid.
func TestUSCCSingleSubstitution(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"91350100M000100Y43", "91110000600037341L", "91440300708461136T", "914403001922038216"} {
		for i := 0; i < len(s); i++ {
			for _, c := range alphabet {
				if byte(c) == s[i] {
					continue
				}
				mut := s[:i] + string(c) + s[i+1:]
				require.Error(t, cxq.CheckUSCC(mut), mut)
			}
		}
	}
}

func TestCheckOrgCode(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"70846113-6", "M000100Y-4", "10000042-X", "708461136", "m000100y4", "60003734-1", "19220382-1"} {
		require.NoError(t, cxq.CheckOrgCode(s), s)
	}
	for _, body := range []string{"12345678", "ABCDEFGH", "MA05K123", "00000000"} {
		s := body + "-" + string(orgCheck(body))
		require.NoError(t, cxq.CheckOrgCode(s), s)
	}
	for s, code := range map[string]string{
		"70846113-7": cxq.CodeOrgCodeCheck,
		"10000042-0": cxq.CodeOrgCodeCheck,
		"7084611-36": cxq.CodeOrgCodeFormat,
		"70846113":   cxq.CodeOrgCodeFormat,
		"7084611$-6": cxq.CodeOrgCodeFormat,
		"70846113-Y": cxq.CodeOrgCodeFormat,
	} {
		require.Equal(t, code, codeOf(t, cxq.CheckOrgCode(s)), s)
	}
}

func TestCheckPhone(t *testing.T) {
	t.Parallel()
	ok := map[string]string{
		"022-23532900转815":   "022-23532900转815",
		"23519253":           "23519253",
		"82338428":           "82338428",
		"022-27401774":       "022-27401774",
		"18931862517":        "18931862517",
		"15511336738":        "15511336738",
		"62423361":           "62423361",
		"+86 139 1234 5678":  "13912345678",
		"0086-13912345678":   "13912345678",
		"１８９３１８６２５１７":        "18931862517",
		"(022)23519253":      "022-23519253",
		"010-62423361":       "010-62423361",
		"0311-87654321":      "0311-87654321",
		"0316-2345678":       "0316-2345678",
		"400-810-1234":       "4008101234",
		"800 810 1234":       "8008101234",
		"022-23532900 ext 8": "022-23532900转8",
		"02223532900#815":    "022-23532900转815",
		// An extension after a second hyphen, behind a whole area code and a 7–8-digit number.
		"010-62345678-123":     "010-62345678转123",
		"022-23532900-8":       "022-23532900转8",
		"0311-8765432-123456":  "0311-8765432转123456",
		"010 - 62423361 - 815": "010-62423361转815",
		"０１０－６２３４５６７８－１２３": "010-62345678转123",
		// Other three-group shapes are number groupings, not extensions.
		"010-6242-3361": "010-62423361",
	}
	for in, want := range ok {
		p, err := cxq.ParsePhone(in)
		require.NoError(t, err, in)
		require.Equal(t, want, p.String(), in)
		require.NoError(t, cxq.CheckPhone(in))
	}
	for _, in := range []string{"", "12345678", "1234567", "02223", "12912345678", "139123456789", "abc", "022-2353290a",
		"022-23532900转", "022-23532900转1234567", "000-12345678", "0221234567890", "+1 415 555 0100",
		"010-62345678-1234567", "010-62345678-12a", "010-62345678-123转4", "12345678-123", "23519253-12",
		"0229-2345678-1", "13912345678-123", "010-62345678-123-4",
		// A subscriber number never starts with 0 or 1, with or without an extension.
		"010-12345678", "010-12345678-123"} {
		require.Equal(t, cxq.CodePhone, codeOf(t, cxq.CheckPhone(in)), in)
	}
	p, _ := cxq.ParsePhone("022-23532900转815")
	require.Equal(t, cxq.Phone{Kind: cxq.PhoneLandline, AreaCode: "022", Number: "23532900", Extension: "815"}, p)
	p, err := cxq.ParsePhone("010-62345678-123")
	require.NoError(t, err)
	require.Equal(t, cxq.Phone{Kind: cxq.PhoneLandline, AreaCode: "010", Number: "62345678", Extension: "123"}, p)
	// The canonical form parses back to the same phone.
	back, err := cxq.ParsePhone(p.String())
	require.NoError(t, err)
	require.Equal(t, p, back)
}

func TestCheckInvoice(t *testing.T) {
	t.Parallel()
	require.NoError(t, cxq.CheckInvoice("1200171320", "01234567"))
	require.NoError(t, cxq.CheckInvoice("012001700111", "12345678"))
	require.NoError(t, cxq.CheckInvoice("", "24127000000012345678"))
	require.NoError(t, cxq.CheckInvoice(" ", "２４１２７０００００００１２３４５６７８"))
	for _, c := range []struct{ code, number, want string }{
		{"", "12345678", cxq.CodeInvoiceNumber},
		{"123456789", "12345678", cxq.CodeInvoiceCode},
		{"12345678901", "12345678", cxq.CodeInvoiceCode},
		{"120017132A", "12345678", cxq.CodeInvoiceCode},
		{"1200171320", "1234567", cxq.CodeInvoiceNumber},
		{"1200171320", "24127000000012345678", cxq.CodeInvoiceNumber},
	} {
		require.Equal(t, c.want, codeOf(t, cxq.CheckInvoice(c.code, c.number)), "%s/%s", c.code, c.number)
	}
	require.Equal(t, "120017132001234567", cxq.InvoiceKey("1200171320", " 01234567"))
	require.Equal(t, cxq.InvoiceKey("", "12001913001101234567"), cxq.InvoiceKey("120019130011", "01234567"),
		"a legacy invoice typed as one 20-digit number is the same invoice")
	require.Equal(t, cxq.InvoiceKey("120019130011", "01234567"), cxq.InvoiceKey("１２００１９１３００１１", "０１２３４５６７"),
		"full-width digits fold")
	require.Equal(t, "24127000000012345678", cxq.InvoiceKey("", "24127000000012345678"))
}

func TestOzzoRules(t *testing.T) {
	t.Parallel()
	type enterprise struct {
		Name  string
		USCC  string
		Phone string
	}
	e := enterprise{USCC: "91110000600037341N", Phone: "12345"}
	err := validation.ValidateStruct(&e,
		validation.Field(&e.Name, validation.Required),
		validation.Field(&e.USCC, validation.Required, cxq.USCCRule()),
		validation.Field(&e.Phone, cxq.PhoneRule()),
	)
	err = cxq.FromOzzo(err, map[string]cxq.Text{"Name": cxq.T("企业名称", "enterprise name")})
	var ve *cxq.ValidationError
	require.True(t, errors.As(err, &ve))
	require.True(t, ve.Has("Name", cxq.CodeRequired))
	require.True(t, ve.Has("USCC", cxq.CodeUSCCCheck))
	require.True(t, ve.Has("Phone", cxq.CodePhone))
	require.Contains(t, ve.Message(cxq.ZH), "企业名称不能为空")
	ok := enterprise{Name: "科服网", USCC: "91110000600037341L"}
	require.NoError(t, cxq.FromOzzo(validation.ValidateStruct(&ok,
		validation.Field(&ok.Name, validation.Required),
		validation.Field(&ok.USCC, cxq.USCCRule(cxq.Strict)),
		validation.Field(&ok.Phone, cxq.PhoneRule())), nil))
}

// Text a form cannot print, or that changes how the text around it reads, is refused
// with the field and the character.
func TestCheckTextRefusesUnprintable(t *testing.T) {
	t.Parallel()
	label := cxq.T("单位名称", "organisation name")
	for in, char := range map[string]string{
		"天津\u202e示例":   "U+202E", // right-to-left override
		"天津\u2066示例":   "U+2066", // left-to-right isolate
		"天津\x00示例":     "U+0000",
		"天津\x1b[31m示例": "U+001B",
		"天津\xff示例":     "U+FFFD", // invalid UTF-8
	} {
		fe := cxq.CheckText("name", label, in, cxq.TextRule{Max: 100})
		require.NotNil(t, fe, "%q", in)
		require.Equal(t, cxq.CodeUnprintable, fe.Code, "%q", in)
		require.Equal(t, "name", fe.Field)
		require.Equal(t, char, fe.Params["char"], "%q", in)
		require.Contains(t, fe.Message(cxq.ZH), char)
	}
	for _, ok := range []string{"天津示例科技有限公司", "第一行\n第二行\t缩进", "䶮𠮷", "a\uFFFDb"} {
		require.Nil(t, cxq.CheckText("name", label, ok, cxq.TextRule{Max: 100}), "%q", ok)
	}
}
