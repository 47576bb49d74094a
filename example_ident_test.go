package cxq_test

import (
	"fmt"

	"github.com/cxqkit/cxq"
)

func ExampleCheckUSCC() {
	fmt.Println(cxq.CheckUSCC("91110000600037341L"))
	fmt.Println(cxq.CheckUSCC("91110000600037341N"))
	fmt.Println(cxq.CheckUSCC("91440300708461136T", cxq.Strict))
	// Output:
	// <nil>
	// unified social credit code check character does not match
	// <nil>
}

func ExampleCheckOrgCode() {
	fmt.Println(cxq.CheckOrgCode("10000042-X"))
	fmt.Println(cxq.CheckOrgCode("70846113-7"))
	// Output:
	// <nil>
	// organisation code check character does not match
}

// The phone numbers printed in the manual: a landline with an extension, and local
// numbers printed without their area code.
func ExampleParsePhone() {
	for _, s := range []string{"022-23532900转815", "23519253", "+86 189 3186 2517", "400-810-1234"} {
		p, err := cxq.ParsePhone(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p.Kind, p)
	}
	// Output:
	// landline 022-23532900转815
	// local 23519253
	// mobile 18931862517
	// service 4008101234
}

func ExampleCheckInvoice() {
	fmt.Println(cxq.CheckInvoice("1200171320", "01234567"))
	fmt.Println(cxq.CheckInvoice("", "24127000000012345678"))
	fmt.Println(cxq.CheckInvoice("", "01234567"))
	// Output:
	// <nil>
	// <nil>
	// number: invoice number must be 8 digits (20 digits for an all-electronic invoice)
}
