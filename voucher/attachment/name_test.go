package attachment_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestSanitizeName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want, reason string
	}{
		{"发票.pdf", "发票.pdf", ""},
		{"  合同 扫描件.PDF \t", "合同 扫描件.PDF", ""},
		{"e\u0301.pdf", "\u00e9.pdf", ""}, // NFC
		{"a.pdf.exe", "a.pdf.exe", ""},    // a name; the extension is the type check's business
		{strings.Repeat("a", 251) + ".pdf", strings.Repeat("a", 251) + ".pdf", ""},
		{strings.Repeat("a", 252) + ".pdf", "", attachment.ReasonNameTooLong},
		{"", "", attachment.ReasonNameEmpty},
		{"   ", "", attachment.ReasonNameEmpty},
		{"..", "", attachment.ReasonNameDots},
		{".", "", attachment.ReasonNameDots},
		{"a\x00.pdf", "", attachment.ReasonNameControl},
		{"a\n.pdf", "", attachment.ReasonNameControl},
		{"a\x7f.pdf", "", attachment.ReasonNameControl},
		{"a\u0085.pdf", "", attachment.ReasonNameControl},
		{"a\ufeff.pdf", "", attachment.ReasonNameControl},
		{"a\u2028b.pdf", "", attachment.ReasonNameControl},
		{"a\u2029b.pdf", "", attachment.ReasonNameControl},
		{"gpj.\u202eexe.pdf", "", attachment.ReasonNameBidi},
		{"a\u2067b.pdf", "", attachment.ReasonNameBidi},
		{"a/b.pdf", "", attachment.ReasonNameSeparator},
		{`a\b.pdf`, "", attachment.ReasonNameSeparator},
		{"a\xc0.pdf", "", attachment.ReasonNameEncoding},
	}
	for _, tc := range tests {
		got, err := attachment.SanitizeName(tc.in)
		if tc.reason == "" {
			require.NoError(t, err, "%q", tc.in)
			require.Equal(t, tc.want, got)
			continue
		}
		requireCode(t, err, attachment.CodeBadName, tc.reason)
		require.Empty(t, got)
		require.NotContains(t, err.Error(), "  ", "%q: a message with a gap where the slot would be", tc.in)
	}
}

func FuzzSanitizeName(f *testing.F) {
	for _, s := range []string{"发票.pdf", "a\x00b", "\u202e", " e\u0301 ", "..", strings.Repeat("票", 90), "a/b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := attachment.SanitizeName(in)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		require.True(t, utf8.ValidString(got))
		require.LessOrEqual(t, len(got), attachment.MaxNameBytes)
		require.True(t, norm.NFC.IsNormalString(got))
		require.NotContains(t, got, "/")
		require.NotContains(t, got, "\\")
		require.NotContains(t, got, "\x00")
		require.NotContains(t, got, "\u202e")
		again, err := attachment.SanitizeName(got)
		require.NoError(t, err)
		require.Equal(t, got, again)
	})
}
