package cxq

// Codes of the invoice format check.
const (
	CodeInvoiceCode   = "invoice_code_format"
	CodeInvoiceNumber = "invoice_number_format"
)

// CheckInvoice checks the format of a Chinese VAT invoice's identifiers: a legacy invoice
// has a 发票代码 of 10 or 12 digits and an 8-digit 发票号码; an all-electronic invoice (数电票)
// has no code and a 20-digit number. Full-width digits and spaces are normalised. There is
// no public check digit, so authenticity is left to a verifier; this checks form only.
// It returns nil or a *FieldError naming "code" or "number", the fields of an invoice
// (voucher.Invoice) it checks.
func CheckInvoice(code, number string) error {
	code, number = NormalizeID(code), NormalizeID(number)
	if code == "" {
		if len(number) == 20 && allDigits(number) {
			return nil
		}
		return NewFieldError("number", CodeInvoiceNumber, nil,
			T("发票号码应为8位数字（全电发票为20位数字）", "invoice number must be 8 digits (20 digits for an all-electronic invoice)"))
	}
	if (len(code) != 10 && len(code) != 12) || !allDigits(code) {
		return NewFieldError("code", CodeInvoiceCode, nil,
			T("发票代码应为10位或12位数字", "invoice code must be 10 or 12 digits"))
	}
	if len(number) != 8 || !allDigits(number) {
		return NewFieldError("number", CodeInvoiceNumber, nil,
			T("发票号码应为8位数字", "invoice number must be 8 digits"))
	}
	return nil
}

// InvoiceKey returns the key under which an invoice may be used only once: the digits of
// its code followed by those of its number, after NormalizeID (full-width digits and
// spaces fold). A legacy invoice's 12-digit code and 8-digit number give the same 20
// digits as the same invoice typed as one 20-digit number, and an all-electronic
// invoice's key is its 20-digit number, so no spelling of one invoice escapes the rule.
func InvoiceKey(code, number string) string {
	return NormalizeID(code) + NormalizeID(number)
}
