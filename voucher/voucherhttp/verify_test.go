package voucherhttp_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export/exporttest"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// printedCode reads the verification code off an exported PDF with poppler's pdftotext.
func printedCode(t *testing.T, pdf []byte) string {
	t.Helper()
	out := exporttest.Text(t, pdf)
	code := regexp.MustCompile(`[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}`).FindString(out)
	require.NotEmpty(t, code, "no code printed in %s", out)
	return code
}

// TestVerifyAPrintedForm: the code printed on an exported form checks as valid for its
// record and version (through the API and the /verify page, without a session when a
// Verifier is set); a mistyped code, another version or an unknown record does not,
// and all three answer alike.
func TestVerifyAPrintedForm(t *testing.T) {
	office := voucher.Actor{ID: "u-office", Role: voucher.RoleCoordinator, Name: "管理办公室"}
	s := newSite(t, func(o *voucherhttp.Options) {
		o.Verifier = &office
		o.CodeKey = []byte("a key only the portal holds 32b!")
	})
	f := apiFlow(t, s)
	status, pdf := s.do("enterprise", "GET", "/api/redemptions/"+f.red.ID+"/form.pdf", nil)
	require.Equal(t, http.StatusOK, status)
	code := printedCode(t, pdf)

	check := func(id string, version int64, code string) voucherhttp.VerifyResult {
		var res voucherhttp.VerifyResult
		s.ok("", "POST", "/api/verify", map[string]any{"kind": "redemption", "id": id, "version": version, "code": code}, &res)
		return res
	}
	res := check(f.red.ID, f.red.Version, code)
	require.True(t, res.Valid, "%+v", res)
	require.Equal(t, "评审通过", res.Status.ZH)
	wrong := check(f.red.ID, f.red.Version, code[:len(code)-1]+map[bool]string{true: "1", false: "0"}[code[len(code)-1] == '0'])
	require.False(t, wrong.Valid)
	other := check(f.red.ID, f.red.Version-1, code)
	unknown := check("RD-none", f.red.Version, code)
	require.Equal(t, wrong, other)
	require.Equal(t, wrong, unknown, "an unknown record answers like a wrong code")

	st, _, body := s.form("", "/verify", url.Values{"kind": {"redemption"}, "id": {f.red.ID},
		"version": {strconv.FormatInt(f.red.Version, 10)}, "code": {code}})
	require.Equal(t, http.StatusOK, st)
	require.Contains(t, body, "验证码有效")
	st, _, body = s.form("", "/verify", url.Values{"kind": {"redemption"}, "id": {f.red.ID},
		"version": {" " + toFullWidth(strconv.FormatInt(f.red.Version, 10))}, "code": {code}})
	require.Equal(t, http.StatusOK, st)
	require.Contains(t, body, "验证码有效", "a version typed in full-width digits reads as its digits")
	st, _, body = s.form("", "/verify", url.Values{"kind": {"redemption"}, "id": {f.red.ID},
		"version": {strconv.FormatInt(f.red.Version, 10)}, "code": {toFullWidthAll(code)}})
	require.Equal(t, http.StatusOK, st)
	require.Contains(t, body, "验证码有效", "a code typed in full-width letters and digits reads as the code")
}

// toFullWidth writes ASCII digits as full-width ones, as some input methods type them.
func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

// TestVerifyNeedsASessionWithoutAVerifier: with no Options.Verifier, checking a form is
// for signed-in people only.
func TestVerifyNeedsASessionWithoutAVerifier(t *testing.T) {
	s := newSite(t)
	status, _ := s.do("", "POST", "/api/verify", map[string]any{"kind": "redemption", "id": "x", "version": 1, "code": "A"})
	require.Equal(t, http.StatusUnauthorized, status)
	status, loc, _ := s.form("", "/verify", url.Values{"kind": {"redemption"}})
	require.Equal(t, http.StatusSeeOther, status)
	require.Contains(t, loc, "/login?next=")
	s.ok("enterprise", "POST", "/api/verify", map[string]any{"kind": "redemption", "id": "x", "version": 1, "code": "A"}, nil)
}

// TestVerifyNamesWhatIsMissing: a check without its kind, number or code names each
// field refused.
func TestVerifyNamesWhatIsMissing(t *testing.T) {
	s := newSite(t)
	status, body := s.do("enterprise", "POST", "/api/verify", map[string]any{"kind": "invoice", "version": 1})
	require.Equal(t, http.StatusBadRequest, status)
	for _, want := range []string{`"field":"kind"`, `"field":"id"`, `"field":"code"`} {
		require.Contains(t, string(body), want)
	}
	status, body = s.do("enterprise", "POST", "/api/verify", map[string]any{"kind": "redemption", "id": "x", "version": 1})
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, string(body), `"field":"code"`)
	require.NotContains(t, string(body), `"field":"kind"`)
}

// toFullWidthAll writes ASCII letters, digits and hyphens as their full-width forms.
func toFullWidthAll(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r - '!' + '！'
		}
		return r
	}, s)
}
