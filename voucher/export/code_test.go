package export_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/export"
)

func TestCodeFormat(t *testing.T) {
	t.Parallel()
	code := export.Code(sampleRedemption().Record(), nil)
	require.Len(t, code, export.CodeLen+3)
	for i, part := range strings.Split(code, "-") {
		require.Len(t, part, 4, "group %d", i)
		require.Equal(t, -1, strings.IndexAny(part, "ILOU"), "Crockford alphabet only")
	}
}

func TestVerifyRoundTripAndTyping(t *testing.T) {
	t.Parallel()
	rec := sampleApplication().Record()
	code := export.Code(rec, nil)
	typed := []string{
		code,
		strings.ToLower(code),
		strings.ReplaceAll(code, "-", ""),
		strings.ReplaceAll(code, "-", " "),
		strings.NewReplacer("0", "O", "1", "l").Replace(code),
	}
	for _, c := range typed {
		require.True(t, export.Verify(c, rec, nil), c)
	}
	for _, c := range []string{"", code[:len(code)-1], code + "0", "UUUU-UUUU-UUUU-UUUU", "中文"} {
		require.False(t, export.Verify(c, rec, nil), c)
	}
}

func TestVerifyDetectsTampering(t *testing.T) {
	t.Parallel()
	base := sampleRedemption()
	code := export.Code(base.Record(), nil)
	cases := map[string]func(*export.RedemptionForm){
		"id":            func(f *export.RedemptionForm) { f.ID = "RED-2026-000046" },
		"version":       func(f *export.RedemptionForm) { f.Version++ },
		"claimed":       func(f *export.RedemptionForm) { f.Claimed = cxq.MustMoney("4549.51") },
		"total":         func(f *export.RedemptionForm) { f.Total = cxq.MustMoney("45495.00") },
		"actual":        func(f *export.RedemptionForm) { f.Actual = cxq.MustMoney("4549.50") },
		"invoice":       func(f *export.RedemptionForm) { f.Invoices[0].Amount = cxq.MustMoney("50000.00") },
		"contract":      func(f *export.RedemptionForm) { f.Contracts[0].Effective = cxq.MustMoney("90990.00") },
		"extra invoice": func(f *export.RedemptionForm) { f.Invoices = append(f.Invoices, export.Invoice{Amount: cxq.Fen(1)}) },
	}
	for name, edit := range cases {
		f := sampleRedemption()
		edit(f)
		require.False(t, export.Verify(code, f.Record(), nil), name)
	}
	// Text that is not part of the record does not change the code.
	f := sampleRedemption()
	f.Outcome += "补充说明。"
	require.True(t, export.Verify(code, f.Record(), nil))

	// The same amounts on the other form kind give another code.
	r := base.Record()
	r.Kind = export.KindApplication
	require.False(t, export.Verify(code, r, nil))
}

func TestKeyedCodes(t *testing.T) {
	t.Parallel()
	rec := sampleRedemption().Record()
	key := &export.CodeOptions{Key: []byte("district portal key")}
	keyed := export.Code(rec, key)
	require.NotEqual(t, export.Code(rec, nil), keyed)
	require.True(t, export.Verify(keyed, rec, key))
	require.False(t, export.Verify(keyed, rec, nil), "an unkeyed check cannot confirm a keyed code")
	require.False(t, export.Verify(keyed, rec, &export.CodeOptions{Key: []byte("another key")}))
	require.Equal(t, export.Code(rec, nil), export.Code(rec, &export.CodeOptions{}), "an empty key is no key")
}

func TestCodeProperties(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		amount := func(label string) cxq.Money {
			return cxq.Fen(rapid.Int64Range(0, 1e12).Draw(t, label))
		}
		rec := export.Record{
			Kind:    rapid.SampledFrom([]export.Kind{export.KindApplication, export.KindRedemption}).Draw(t, "kind"),
			ID:      rapid.StringMatching(`[A-Z]{3}-[0-9]{1,8}`).Draw(t, "id"),
			Version: rapid.Int64Range(0, 1<<40).Draw(t, "version"),
			Amounts: map[string]cxq.Money{"a": amount("a"), "b": amount("b")},
		}
		code := export.Code(rec, nil)
		if !export.Verify(code, rec, nil) {
			t.Fatalf("code %s does not verify", code)
		}
		changed := rec
		changed.Amounts = map[string]cxq.Money{"a": rec.Amounts["a"].Add(cxq.Fen(rapid.Int64Range(1, 1e6).Draw(t, "delta"))), "b": rec.Amounts["b"]}
		if export.Verify(code, changed, nil) {
			t.Fatalf("code %s still verifies after an amount changed", code)
		}
		// An ID and version may not be shifted into each other.
		shifted := rec
		shifted.ID, shifted.Version = rec.ID+"1", rec.Version/10
		if export.Verify(code, shifted, nil) {
			t.Fatal("shifted ID/version verifies")
		}
	})
}

func FuzzVerify(f *testing.F) {
	rec := sampleApplication().Record()
	f.Add(export.Code(rec, nil))
	f.Add("m4d5 0qw7 hftr esxf")
	f.Add("")
	f.Add("----------------")
	f.Fuzz(func(t *testing.T, code string) {
		ok := export.Verify(code, rec, nil)
		if ok && len(strings.Map(func(r rune) rune {
			if r == '-' || r == ' ' {
				return -1
			}
			return r
		}, code)) != export.CodeLen {
			t.Fatalf("%q verified with the wrong length", code)
		}
	})
}

// TestCodePinned pins codes made before the encoder moved to encoding/base32: a code
// printed on paper must verify whatever the implementation.
func TestCodePinned(t *testing.T) {
	t.Parallel()
	r := export.Record{Kind: export.KindRedemption, ID: "r-1", Version: 3,
		Amounts: map[string]cxq.Money{"total": cxq.MustMoney("4549.50"), "approved": cxq.Yuan(5000)}}
	require.Equal(t, "JDVY-MVF7-G9KR-9HNV", export.Code(r, nil))
	require.Equal(t, "DZSJ-WVM4-W9JJ-94K4", export.Code(r, &export.CodeOptions{Key: []byte("portal-key")}))
	require.Equal(t, "8C75-DXQZ-6DD1-TF70", export.Code(export.Record{}, nil))
}
