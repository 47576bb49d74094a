package cxq_test

import (
	"errors"
	"fmt"

	"github.com/cxqkit/cxq"
)

// A subsidy is half the contract, rounded down to the fen.
func ExampleMoney_MulRate() {
	contract, err := cxq.ParseMoney("4,000.01")
	if err != nil {
		panic(err)
	}
	fmt.Println(contract.MulRate(cxq.Percent(50), cxq.RoundDown))
	fmt.Println(contract.MulRate(cxq.Percent(50), cxq.RoundHalfUp))
	// A one-third own contribution: the voucher pays two thirds, exactly.
	fmt.Println(cxq.MustMoney("7500").MulRate(cxq.RatioRate(2, 3), cxq.RoundDown))
	// Output:
	// 2000.00
	// 2000.01
	// 5000.00
}

// Bad amounts come back with a stable code and messages in both languages.
func ExampleParseMoney() {
	for _, s := range []string{"4549.5", "４，５４９.５０", "1e9", "4000.001", "-0.01"} {
		m, err := cxq.ParseMoney(s)
		var fe *cxq.FieldError
		if errors.As(err, &fe) {
			fmt.Printf("%s: %s / %s\n", fe.Code, fe.Message(cxq.ZH), fe.Message(cxq.EN))
			continue
		}
		fmt.Println(m)
	}
	// Output:
	// 4549.50
	// 4549.50
	// money_syntax: 金额格式不正确：1e9 / amount is not a plain decimal number: 1e9
	// money_precision: 金额最多保留两位小数 / amount must have at most two decimals
	// money_negative: 金额不能为负数 / amount must not be negative
}

// Problems collects every field error of a form; the result matches ErrInvalid.
func ExampleProblems() {
	var p cxq.Problems
	p.Add(cxq.Required("contact", cxq.T("联系人", "contact")))
	p.AddErr("phone", cxq.CheckPhone("12345"))
	err := p.Err()
	fmt.Println(errors.Is(err, cxq.ErrInvalid))
	var ve *cxq.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			fmt.Println(fe.Field, fe.Code, fe.Message(cxq.ZH))
		}
	}
	// Output:
	// true
	// contact required 联系人不能为空
	// phone phone_format 电话号码格式不正确：12345
}

// A breakdown text embeds an amount without a second allocation.
func ExampleMoney_AppendString() {
	b := []byte("企业自筹 ")
	b = cxq.MustMoney("4549.5").AppendString(b)
	fmt.Println(string(append(b, " 元"...)))
	// Output:
	// 企业自筹 4549.50 元
}

// A rate keeps its exact ratio; text forms read back to the same value.
func ExampleParseRate() {
	for _, s := range []string{"50%", "0.125", "2/3", "66.67%", "0.0000000000000000001"} {
		r, err := cxq.ParseRate(s)
		var fe *cxq.FieldError
		if errors.As(err, &fe) {
			fmt.Println(fe.Code)
			continue
		}
		fmt.Println(r, r.Percent())
	}
	// Output:
	// 0.5 50%
	// 0.125 12.5%
	// 2/3 66.67%
	// 0.6667 66.67%
	// rate_precision
}

// A text field is checked against a rule: required, at most so many characters.
func ExampleCheckText() {
	rule := cxq.TextRule{Required: true, Max: 4}
	fmt.Println(cxq.CheckText("name", cxq.T("名称", "name"), "科技创新券", rule).Message(cxq.ZH))
	fmt.Println(cxq.CheckText("name", cxq.T("名称", "name"), " ", rule).Code)
	fmt.Println(cxq.CheckText("name", cxq.T("名称", "name"), "创新券", rule) == nil)
	// Output:
	// 名称不得超过 4 个字符
	// required
	// true
}
