package export_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/export"
)

// A district office types the code printed on a form; the portal checks it against the
// stored record.
func ExampleVerify() {
	stored := export.Record{
		Kind:    export.KindApplication,
		ID:      "APP-2026-000123",
		Version: 4,
		Amounts: map[string]cxq.Money{
			"estimated_total": cxq.MustMoney("9099.00"),
			"voucher_amount":  cxq.MustMoney("4549.50"),
		},
	}
	printed := export.Code(stored, nil)
	fmt.Println(printed)
	fmt.Println(export.Verify("m4d5 0qw7 hftr esxf", stored, nil)) // typed from paper

	stored.Version = 5 // the record changed after printing
	fmt.Println(export.Verify(printed, stored, nil))
	// Output:
	// M4D5-0QW7-HFTR-ESXF
	// true
	// false
}

func ExampleRenderRedemption() {
	form := &export.RedemptionForm{
		Basics: export.Basics{ID: "RED-2026-000045", Version: 7, Exported: time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC),
			Status: "市级形式审查受理", Enterprise: "天津市滨海新区示例精密仪器有限公司", Contact: "张晓明"},
		Invoices: []export.Invoice{
			{Name: "检测服务费", Code: "012001900111", Number: "08123456", Amount: cxq.MustMoney("9099.00")},
		},
		Contracts: []export.Contract{{Name: "气相色谱检测技术服务合同", Effective: cxq.MustMoney("9099.00")}},
		Claimed:   cxq.MustMoney("4549.50"),
		Total:     cxq.MustMoney("4549.50"),
		Outcome:   "解决了挥发性有机物检测的技术难题。",
	}
	var pdf bytes.Buffer
	if err := export.RenderRedemption(&pdf, form, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")), pdf.Len() < 1<<20)
	fmt.Println(form.InvoiceTotal(), export.Verify(export.Code(form.Record(), nil), form.Record(), nil))

	form.Enterprise = "广州刘䶮𠮷野家科技有限公司" // rare characters: drawn from the fallback fonts
	fmt.Println(export.RenderRedemption(&pdf, form, nil))

	// Extension G: in none of the embedded fonts, so printed as 天津□科技有限公司,
	// or refused under Strict.
	form.Enterprise = "天津𰀀科技有限公司"
	fmt.Println(export.RenderRedemption(&pdf, form, nil))
	fmt.Println(export.RenderRedemption(&pdf, form, &export.Options{Strict: true}))
	// Output:
	// true true
	// 9099.00 true
	// <nil>
	// <nil>
	// export: enterprise: no glyph for '𰀀' (U+30000) in fonts WenQuanYi Micro Hei, HanaMinA, HanaMinB; 字体缺少字符“𰀀”
}
