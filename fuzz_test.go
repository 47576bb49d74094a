package cxq_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cxqkit/cxq"
)

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"4549.5", "4,549.50", "１２３", "1e9", "-0.01", "4000.001", "NaN", "", "1000000000000", "¥1.00元", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := cxq.ParseMoney(s)
		if err != nil {
			var fe *cxq.FieldError
			if !strings.HasPrefix(err.Error(), "amount") || !asField(err, &fe) || fe.Code == "" {
				t.Fatalf("ParseMoney(%q): error without a code: %v", s, err)
			}
			return
		}
		if m.IsNegative() || m.GreaterThan(cxq.MaxMoney()) {
			t.Fatalf("ParseMoney(%q) = %s out of range", s, m)
		}
		// What is printed parses back to the same amount, through text and JSON.
		back, err := cxq.ParseMoney(m.String())
		if err != nil || !back.Equal(m) {
			t.Fatalf("round trip of %q: %s → %v, %v", s, m, back, err)
		}
		b, _ := json.Marshal(m)
		var j cxq.Money
		if err := json.Unmarshal(b, &j); err != nil || !j.Equal(m) {
			t.Fatalf("JSON round trip of %s: %v", m, err)
		}
		if !cxq.Fen(m.Fen()).Equal(m) {
			t.Fatalf("fen round trip of %s", m)
		}
	})
}

func asField(err error, fe **cxq.FieldError) bool {
	v, ok := err.(*cxq.FieldError)
	*fe = v
	return ok
}

func FuzzCheckUSCC(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91110000600037341L", "91440300708461136T", "914403001922038216"} {
		f.Add(s, 3, byte('A'))
	}
	f.Fuzz(func(t *testing.T, s string, pos int, c byte) {
		err := cxq.CheckUSCC(s)
		if err != nil {
			return
		}
		// s is valid: changing any one character to another symbol of the alphabet (or to
		// anything outside it) must make it invalid.
		code := cxq.NormalizeID(s)
		if len(code) != 18 {
			t.Fatalf("valid code %q normalises to %d characters", s, len(code))
		}
		if pos < 0 {
			pos = -pos
		}
		pos %= 18
		if code[pos] == c || (c >= 'a' && c <= 'z' && code[pos] == c-'a'+'A') || c == ' ' || c == '\t' {
			return
		}
		mut := code[:pos] + string(rune(c)) + code[pos+1:]
		if cxq.CheckUSCC(mut) == nil {
			t.Fatalf("%q valid, and so is %q (position %d changed)", code, mut, pos)
		}
	})
}

func FuzzCheckPhone(f *testing.F) {
	for _, s := range []string{"022-23532900转815", "23519253", "+86 139 1234 5678", "4008101234", "(022)23519253", "１８９３１８６２５１７", "010-62345678-123"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := cxq.ParsePhone(s)
		if err != nil {
			return
		}
		// The canonical form is itself accepted and canonical.
		q, err := cxq.ParsePhone(p.String())
		if err != nil || q != p {
			t.Fatalf("canonical form %q of %q does not parse back: %v %v", p.String(), s, q, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"0.5", "50%", "2/3", "66.67%", "1.5/3", "1", "0", "-0.1", "1/0", "0.0000000000000000001", "1e-1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := cxq.ParseRate(s)
		if err != nil {
			var fe *cxq.FieldError
			if !asField(err, &fe) || fe.Code == "" {
				t.Fatalf("ParseRate(%q): error without a code: %v", s, err)
			}
			return
		}
		if r.Cmp(cxq.Rate{}) < 0 || r.Cmp(cxq.Percent(100)) > 0 {
			t.Fatalf("ParseRate(%q) = %s out of range", s, r)
		}
		back, err := cxq.ParseRate(r.String())
		if err != nil || back != r {
			t.Fatalf("round trip of %q: %s → %v, %v", s, r, back, err)
		}
		// Applying the rate never exceeds the amount nor goes below zero.
		got := cxq.MaxMoney().MulRate(r, cxq.RoundUp)
		if got.IsNegative() || got.GreaterThan(cxq.MaxMoney()) {
			t.Fatalf("%s × %s = %s", cxq.MaxMoney(), r, got)
		}
	})
}
