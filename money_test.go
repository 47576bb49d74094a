package cxq_test

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

func TestParseMoney(t *testing.T) {
	t.Parallel()
	ok := []struct{ in, want string }{
		{"4549.5", "4549.50"},
		{"4549.50", "4549.50"},
		{"4,549.50", "4549.50"},
		{"４５４９．５０", "4549.50"},
		{"４，５４９.５", "4549.50"},
		{" 100 ", "100.00"},
		{"¥100.00", "100.00"},
		{"100.00元", "100.00"},
		{"0", "0.00"},
		{"0.01", "0.01"},
		{".5", "0.50"},
		{"1000000000000", "1000000000000.00"},
		{"+12", "12.00"},
		{"1,000,000", "1000000.00"},
		{"1,000.5", "1000.50"},
	}
	for _, c := range ok {
		m, err := cxq.ParseMoney(c.in)
		require.NoError(t, err, c.in)
		require.Equal(t, c.want, m.String(), c.in)
	}
	bad := []struct{ in, code string }{
		{"", cxq.CodeMoneyEmpty},
		{"   ", cxq.CodeMoneyEmpty},
		{"NaN", cxq.CodeMoneySyntax},
		{"Inf", cxq.CodeMoneySyntax},
		{"1e9", cxq.CodeMoneySyntax},
		{"1E2", cxq.CodeMoneySyntax},
		{"4000.001", cxq.CodeMoneyPrecision},
		{"-0.01", cxq.CodeMoneyNegative},
		{"－５", cxq.CodeMoneyNegative},
		{"1000000000000.01", cxq.CodeMoneyTooLarge},
		{"99999999999999999999", cxq.CodeMoneyTooLarge},
		{"1.2.3", cxq.CodeMoneySyntax},
		{"12a", cxq.CodeMoneySyntax},
		{"0x10", cxq.CodeMoneySyntax},
		{".", cxq.CodeMoneySyntax},
		{"--1", cxq.CodeMoneySyntax},
		// A comma is a thousands separator only: a decimal comma must not make 100×.
		{"4549,50", cxq.CodeMoneySyntax},
		{"1,5", cxq.CodeMoneySyntax},
		{"1,2,3", cxq.CodeMoneySyntax},
		{",500", cxq.CodeMoneySyntax},
		{"500,", cxq.CodeMoneySyntax},
		{"1000,000", cxq.CodeMoneySyntax},
		{"1.000,50", cxq.CodeMoneySyntax},
		{"-4,549,5", cxq.CodeMoneySyntax},
	}
	for _, c := range bad {
		_, err := cxq.ParseMoney(c.in)
		require.Error(t, err, c.in)
		require.ErrorIs(t, err, cxq.ErrInvalid, c.in)
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe, c.in)
		require.Equal(t, c.code, fe.Code, c.in)
		require.NotEmpty(t, fe.Message(cxq.ZH))
		require.NotEmpty(t, fe.Message(cxq.EN))
	}
}

func TestMaxMoney(t *testing.T) {
	t.Parallel()
	top := cxq.MaxMoney()
	require.Equal(t, "1000000000000.00", top.String())
	got, err := cxq.ParseMoney(top.String())
	require.NoError(t, err)
	require.True(t, got.Equal(top), "the bound itself parses")
	_, err = cxq.ParseMoney(top.Add(cxq.Fen(1)).String())
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, cxq.CodeMoneyTooLarge, fe.Code)
	require.Equal(t, top.String(), fe.Params["max"], "the error names the same bound")
	// Arithmetic on the returned value leaves the bound as it was.
	_ = top.Add(cxq.Yuan(5))
	require.True(t, cxq.MaxMoney().Equal(top))
	require.Equal(t, int64(100_000_000_000_000), top.Fen())
}

func TestMoneyArithmetic(t *testing.T) {
	t.Parallel()
	a, b := cxq.MustMoney("4549.50"), cxq.MustMoney("450.00")
	require.Equal(t, "4999.50", a.Add(b).String())
	require.Equal(t, "4099.50", a.Sub(b).String())
	require.Equal(t, "-4099.50", b.Sub(a).String())
	require.True(t, b.Sub(a).IsNegative())
	require.Equal(t, "0.00", b.Sub(a).ClampZero().String())
	require.Equal(t, b, a.Min(b))
	require.Equal(t, a, b.Max(a))
	require.Equal(t, 1, a.Cmp(b))
	require.Equal(t, -1, b.Cmp(a))
	require.Equal(t, 0, a.Cmp(cxq.Fen(454950)))
	require.True(t, cxq.Money{}.IsZero())
	require.Equal(t, int64(454950), a.Fen())
	require.Equal(t, "100.00", cxq.Yuan(100).String())
	require.Equal(t, "5099.50", cxq.Sum(a, b, cxq.Yuan(100)).String())
	require.Equal(t, "300.00", cxq.Yuan(100).MulInt(3).String())
	// Immutability: operations do not change their receivers.
	require.Equal(t, "4549.50", a.String())
}

func TestMulRate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		amount string
		rate   cxq.Rate
		mode   cxq.Rounding
		want   string
	}{
		{"9099.00", cxq.Percent(50), cxq.RoundDown, "4549.50"},
		{"4000.01", cxq.Percent(50), cxq.RoundDown, "2000.00"},
		{"4000.01", cxq.Percent(50), cxq.RoundHalfUp, "2000.01"},
		{"4000.01", cxq.Percent(50), cxq.RoundHalfEven, "2000.00"},
		{"4000.03", cxq.Percent(50), cxq.RoundHalfEven, "2000.02"},
		{"4000.01", cxq.Percent(50), cxq.RoundUp, "2000.01"},
		{"199999.99", cxq.Percent(50), cxq.RoundDown, "99999.99"},
		{"7500.00", cxq.RatioRate(2, 3), cxq.RoundDown, "5000.00"},
		{"100.00", cxq.RatioRate(1, 3), cxq.RoundDown, "33.33"},
		{"100.00", cxq.RatioRate(2, 3), cxq.RoundHalfUp, "66.67"},
		{"100000.00", cxq.Percent(30).Add(cxq.Percent(10)), cxq.RoundDown, "40000.00"},
		{"10000.00", cxq.Percent(80), cxq.RoundDown, "8000.00"},
		{"5000.00", cxq.Percent(100), cxq.RoundDown, "5000.00"},
		{"0.00", cxq.Percent(50), cxq.RoundUp, "0.00"},
	}
	for _, c := range cases {
		got := cxq.MustMoney(c.amount).MulRate(c.rate, c.mode)
		require.Equal(t, c.want, got.String(), "%s × %s (%s)", c.amount, c.rate, c.mode)
	}
	require.Panics(t, func() { cxq.Yuan(1).MulRate(cxq.Percent(50), "sideways") })
}

func TestParseRate(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"0.5": "0.5", "50%": "0.5", "2/3": "2/3", "1": "1", "0": "0", "1/4": "0.25"} {
		r, err := cxq.ParseRate(in)
		require.NoError(t, err, in)
		require.Equal(t, want, r.String(), in)
	}
	require.Equal(t, "66.67%", cxq.RatioRate(2, 3).Percent())
	for in, code := range map[string]string{"1.5": cxq.CodeRateRange, "-0.1": cxq.CodeRateRange, "abc": cxq.CodeRateSyntax, "1/0": cxq.CodeRateSyntax, "": cxq.CodeRateSyntax, "1e-1": cxq.CodeRateSyntax} {
		_, err := cxq.ParseRate(in)
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe, in)
		require.Equal(t, code, fe.Code, in)
	}
	require.Equal(t, 0, cxq.MustRate("0.4").Cmp(cxq.Percent(30).Add(cxq.Percent(10))))
	require.Equal(t, 1, cxq.RatioRate(2, 3).Cmp(cxq.MustRate("0.66")))
}

func TestMoneyJSON(t *testing.T) {
	t.Parallel()
	type form struct {
		Amount cxq.Money `json:"amount"`
		Rate   cxq.Rate  `json:"rate"`
	}
	b, err := json.Marshal(form{cxq.MustMoney("4549.5"), cxq.Percent(50)})
	require.NoError(t, err)
	require.JSONEq(t, `{"amount":"4549.50","rate":"0.5"}`, string(b))
	var f form
	require.NoError(t, json.Unmarshal([]byte(`{"amount":"4,549.50","rate":"2/3"}`), &f))
	require.Equal(t, "4549.50", f.Amount.String())
	require.Equal(t, "2/3", f.Rate.String())
	// A bare number is read as text, never through float64.
	require.NoError(t, json.Unmarshal([]byte(`{"amount":999999999999.99,"rate":0.5}`), &f))
	require.Equal(t, "999999999999.99", f.Amount.String())
	err = json.Unmarshal([]byte(`{"amount":"1e9"}`), &f)
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

func TestMoneySQL(t *testing.T) {
	t.Parallel()
	v, err := cxq.MustMoney("4549.50").Value()
	require.NoError(t, err)
	require.Equal(t, driver.Value(int64(454950)), v, "Value writes fen, the unit of the stores' columns")
	var m cxq.Money
	for _, c := range []struct {
		src  any
		want string
	}{
		{int64(454950), "4549.50"}, {int64(12), "0.12"}, {int64(-350), "-3.50"}, // integer columns hold fen
		{"4549.50", "4549.50"}, {[]byte("0.10"), "0.10"}, {"-3.50", "-3.50"}, {"12", "12.00"}, // NUMERIC text is yuan
		{"4549.5000", "4549.50"},
	} {
		require.NoError(t, m.Scan(c.src))
		require.Equal(t, c.want, m.String())
	}
	require.NoError(t, m.Scan(nil))
	require.True(t, m.IsZero())
	require.Error(t, m.Scan(4549.5))
	require.Error(t, m.Scan("4549.505"))
	require.Error(t, m.Scan("abc"))
	require.Error(t, m.Scan("99999999999999999999"), "beyond int64 fen")
	// What Value writes, Scan reads back.
	for _, want := range []cxq.Money{cxq.MustMoney("4549.50"), cxq.Fen(-1), cxq.MaxMoney(), {}} {
		v, err := want.Value()
		require.NoError(t, err)
		require.NoError(t, m.Scan(v))
		require.Equal(t, want, m)
	}
}

func TestFieldErrorJSON(t *testing.T) {
	t.Parallel()
	fe := cxq.NewFieldError("contract_amount", "below_minimum", map[string]string{"min": "4000.00"},
		cxq.T("合同金额不得低于 {min} 元", "contract amount must be at least {min}"))
	b, err := json.Marshal(fe)
	require.NoError(t, err)
	require.JSONEq(t, `{"field":"contract_amount","code":"below_minimum","params":{"min":"4000.00"},
		"message_zh":"合同金额不得低于 4000.00 元","message_en":"contract amount must be at least 4000.00"}`, string(b))
	var back cxq.FieldError
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, "合同金额不得低于 4000.00 元", back.Message(cxq.ZH))
	require.Equal(t, "below_minimum", back.Code)
}

func TestValidationError(t *testing.T) {
	t.Parallel()
	var p cxq.Problems
	require.NoError(t, p.Err())
	p.Add(cxq.Required("contact", cxq.T("联系人", "contact")))
	p.AddErr("phone", cxq.CheckPhone("12345"))
	p.AddErr("invoices[0]", cxq.CheckInvoice("123", "12345678"))
	p.Add(cxq.CheckText("description", cxq.T("科技创新活动描述", "activity description"), string(make([]rune, 1001)), cxq.TextRule{Required: true, Max: 1000}))
	p.Add(nil)
	err := p.Err()
	require.ErrorIs(t, err, cxq.ErrInvalid)
	require.False(t, errors.Is(err, cxq.ErrNotFound))
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, []string{cxq.CodeRequired, cxq.CodePhone, cxq.CodeInvoiceCode, cxq.CodeTooLong}, ve.Codes())
	require.True(t, ve.Has("invoices[0].code", cxq.CodeInvoiceCode))
	require.True(t, ve.Has("phone", ""))
	require.Equal(t, "联系人不能为空", ve.Errors[0].Message(cxq.ZH))
	require.Equal(t, "contact is required", ve.Errors[0].Message(cxq.EN))
	require.Contains(t, ve.Message(cxq.ZH), "科技创新活动描述不得超过 1000 个字符")
	var fe *cxq.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "contact", fe.Field)
	// Rune counting: 1000 Chinese characters are fine.
	require.Nil(t, cxq.CheckText("d", cxq.T("描述", "description"), string([]rune(repeat("创", 1000))), cxq.TextRule{Required: true, Max: 1000}))
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

// Whatever an amount within the bounds encodes to, JSON and text, decodes back to it:
// a stored record holding a negative amount stays readable.
func TestMoneyEncodingRoundTrips(t *testing.T) {
	t.Parallel()
	max := cxq.MaxMoney().Fen()
	rapid.Check(t, func(rt *rapid.T) {
		m := cxq.Fen(rapid.Int64Range(-max, max).Draw(rt, "fen"))
		b, err := json.Marshal(m)
		if err != nil {
			rt.Fatal(err)
		}
		var back cxq.Money
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			rt.Fatalf("%s: JSON %s read back as %s, %v", m, b, back, err)
		}
		txt, _ := m.MarshalText()
		if err := back.UnmarshalText(txt); err != nil || back != m {
			rt.Fatalf("%s: text read back as %s, %v", m, back, err)
		}
	})
	_, err := cxq.ParseMoney("-5.00")
	if !errors.Is(err, cxq.ErrInvalid) {
		t.Fatalf("ParseMoney, the reader of people's input, must still refuse a negative amount: %v", err)
	}
}
