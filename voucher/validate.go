package voucher

import (
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Codes of the form problems (besides the kernel's required, too_long and format codes).
const (
	CodeEmail            = "email_format"
	CodePeriodOrder      = "period_order"      // contract start after end
	CodeDuplicateInvoice = "duplicate_invoice" // params: first (the index of its first use)
	CodeGenericName      = "generic_name"      // a bare contract type as the contract's name
	CodeTotalsMismatch   = "totals_mismatch"   // invoices above the contracts they pay for
	CodeAttachment       = "attachment_ref"    // an attachment ref without ID or a bad digest
)

// Validate checks an application form under policy p and reports every problem at once
// as a *cxq.ValidationError: contact (name, phone, email), the certificate scan, the
// contract period (start ≤ end), the estimated amount (≥ the policy's minimum), the
// activity description (at most MaxActivity characters) and the attachments (相关附件, at
// least one).
func (f ApplicationForm) Validate(p policy.Policy) error {
	var ps cxq.Problems
	checkContact(&ps, f.Contact)
	checkAttachment(&ps, "org_certificate", cxq.T("组织机构代码证", "organisation certificate"), f.OrgCertificate, true)
	if f.ContractStart.IsZero() {
		ps.Add(cxq.Required("contract_start", cxq.T("合同开始日期", "contract start")))
	}
	if f.ContractEnd.IsZero() {
		ps.Add(cxq.Required("contract_end", cxq.T("合同结束日期", "contract end")))
	}
	f.checkContractYears(&ps, "")
	if !f.ContractStart.IsZero() && !f.ContractEnd.IsZero() && f.ContractStart.After(f.ContractEnd) {
		ps.Add(cxq.NewFieldError("contract_end", CodePeriodOrder, nil,
			cxq.T("合同结束日期不得早于开始日期", "the contract cannot end before it starts")))
	}
	switch {
	case f.Estimated.IsZero():
		ps.Add(cxq.Required("estimated_amount", cxq.T("预估合同金额", "estimated contract amount")))
	case f.Estimated.IsNegative():
		ps.Add(notPositive("estimated_amount", cxq.T("预估合同金额", "estimated contract amount")))
	case f.Estimated.LessThan(p.MinContract):
		ps.Add(cxq.NewFieldError("estimated_amount", policy.CodeBelowMinimum, map[string]string{"min": p.MinContract.String()},
			cxq.T("合同金额不得低于 {min} 元", "contract amount must be at least {min}")))
	}
	ps.Add(cxq.CheckText("activity", cxq.T("科技创新活动描述", "activity description"), f.Activity, cxq.TextRule{Required: true, Max: MaxActivity}))
	if len(f.Attachments) == 0 {
		ps.Add(cxq.Required("attachments", cxq.T("相关附件", "related attachment")))
	}
	for i, a := range f.Attachments {
		checkAttachment(&ps, "attachments["+strconv.Itoa(i)+"]", cxq.T("附件", "attachment"), a, true)
	}
	return ps.Err()
}

// Validate checks a redemption form under policy p and reports every problem at once as
// a *cxq.ValidationError: contact, at least one invoice (name, code and number format,
// amount > 0, no invoice twice) and one contract (name not a bare contract type,
// effective amount > 0), invoices not above the contracts' effective total, the outcome
// text and the files.
func (f RedemptionForm) Validate(p policy.Policy) error {
	var ps cxq.Problems
	checkContact(&ps, f.Contact)
	if len(f.Invoices) == 0 {
		ps.Add(cxq.Required("invoices", cxq.T("发票", "invoices")))
	}
	first := map[string]int{}
	for i, inv := range f.Invoices {
		fld := "invoices[" + strconv.Itoa(i) + "]"
		ps.Add(cxq.CheckText(fld+".name", cxq.T("发票名称", "invoice name"), inv.Name, cxq.TextRule{Required: true, Max: MaxName}))
		if err := cxq.CheckInvoice(inv.Code, inv.Number); err != nil {
			ps.AddErr(fld, err)
		} else if j, dup := first[inv.Key()]; dup {
			ps.Add(cxq.NewFieldError(fld+".number", CodeDuplicateInvoice, map[string]string{"first": strconv.Itoa(j + 1)},
				cxq.T("与第 {first} 张发票重复", "the same invoice as number {first}")))
		} else {
			first[inv.Key()] = i
		}
		if inv.Amount.Sign() <= 0 {
			ps.Add(notPositive(fld+".amount", cxq.T("发票金额", "invoice amount")))
		}
		checkAttachment(&ps, fld+".scan", cxq.T("发票扫描件", "invoice scan"), inv.Scan, true)
	}
	if len(f.Contracts) == 0 {
		ps.Add(cxq.Required("contracts", cxq.T("合同", "contracts")))
	}
	for i, c := range f.Contracts {
		fld := "contracts[" + strconv.Itoa(i) + "]"
		ps.Add(checkContractName(fld+".name", c.Name))
		if c.EffectiveAmount.Sign() <= 0 {
			ps.Add(notPositive(fld+".effective_amount", cxq.T("合同有效金额", "effective contract amount")))
		}
		checkAttachment(&ps, fld+".scan", cxq.T("合同扫描件", "contract scan"), c.Scan, true)
		if p.Usage.RedeemMonths > 0 && c.Filed.IsZero() {
			ps.Add(cxq.Required(fld+".filed", cxq.T("合同备案日期", "contract filing date")))
		}
	}
	if inv, con := f.InvoiceTotal(), f.ContractTotal(); len(f.Contracts) > 0 && inv.GreaterThan(con) {
		ps.Add(cxq.NewFieldError("invoices", CodeTotalsMismatch, map[string]string{"invoices": inv.String(), "contracts": con.String()},
			cxq.T("发票合计 {invoices} 元超过合同有效金额合计 {contracts} 元", "the invoices total {invoices}, more than the contracts' effective {contracts}")))
	}
	ps.Add(cxq.CheckText("outcome", cxq.T("科技创新券使用成效", "outcome of the voucher"), f.Outcome, cxq.TextRule{Required: true, Max: MaxOutcome}))
	for i, a := range f.Files {
		checkAttachment(&ps, "files["+strconv.Itoa(i)+"]", cxq.T("附件", "file"), a, true)
	}
	return ps.Err()
}

func checkContact(ps *cxq.Problems, c Contact) {
	ps.Add(cxq.CheckText("contact.name", cxq.T("联系人", "contact name"), c.Name, cxq.TextRule{Required: true, Max: 50}))
	if strings.TrimSpace(c.Phone) == "" {
		ps.Add(cxq.Required("contact.phone", cxq.T("联系电话", "contact phone")))
	} else {
		ps.AddErr("contact.phone", cxq.CheckPhone(c.Phone))
	}
	if strings.TrimSpace(c.Email) == "" {
		ps.Add(cxq.Required("contact.email", cxq.T("电子邮箱", "email")))
	} else if !validEmail(c.Email) {
		ps.Add(emailError("contact.email"))
	}
}

// emailError is the refusal of a malformed email address in field.
func emailError(field string) *cxq.FieldError {
	return cxq.NewFieldError(field, CodeEmail, nil, cxq.T("电子邮箱格式不正确", "the email address is malformed"))
}

// validEmail accepts a bare address (no display name) with a dotted domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != strings.TrimSpace(s) || len(s) > 254 {
		return false
	}
	_, domain, _ := strings.Cut(a.Address, "@")
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

func checkAttachment(ps *cxq.Problems, field string, label cxq.Text, a AttachmentRef, required bool) {
	if a.IsZero() {
		if required {
			ps.Add(cxq.Required(field, label))
		}
		return
	}
	if a.Size < 0 || (a.SHA256 != "" && !isHex64(a.SHA256)) {
		ps.Add(cxq.NewFieldError(field, CodeAttachment, nil, cxq.T("附件信息不正确", "the attachment reference is malformed")))
	}
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}

// genericName reports a name that says only what kind of contract it is.
func genericName(name string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(name), "《》\"“” ")) {
	case "合同", "协议", "技术合同", "服务合同", "技术服务合同", "技术开发合同", "技术咨询合同", "技术转让合同",
		"检测合同", "委托合同", "技术服务协议", "合作协议", "contract", "agreement":
		return true
	}
	return false
}

func notPositive(field string, label cxq.Text) *cxq.FieldError {
	return cxq.NewFieldError(field, policy.CodeNotPositive, map[string]string{"label_zh": label.ZH, "label_en": label.EN},
		cxq.T("{label_zh}须大于零", "{label_en} must be above zero"))
}

// CodePartyMismatch: a contract names a party other than the applicant or the provider.
const CodePartyMismatch = "party_mismatch"

// CheckParties reports every contract whose recorded parties differ from the applicant
// and the provider of the order (names compared ignoring half- and full-width spaces),
// as a *cxq.ValidationError. A contract that records no party is not checked.
// AddContract checks each contract as it is added, and SubmitRedemption checks them all.
func (f RedemptionForm) CheckParties(applicant, provider string) error {
	var ps cxq.Problems
	for i, c := range f.Contracts {
		c.checkParties(&ps, "contracts["+strconv.Itoa(i)+"]", applicant, provider)
	}
	return ps.Err()
}

// checkParties adds to ps a problem on fld.client or fld.provider for each party of c
// that is not the applicant or the provider.
func (c Contract) checkParties(ps *cxq.Problems, fld, applicant, provider string) {
	if c.Client != "" && partyName(c.Client) != partyName(applicant) {
		ps.Add(cxq.NewFieldError(fld+".client", CodePartyMismatch, map[string]string{"name": c.Client, "want": applicant},
			cxq.T("合同委托方“{name}”与申请单位“{want}”不一致", "the contract's client “{name}” is not the applicant “{want}”")))
	}
	if c.Provider != "" && partyName(c.Provider) != partyName(provider) {
		ps.Add(cxq.NewFieldError(fld+".provider", CodePartyMismatch, map[string]string{"name": c.Provider, "want": provider},
			cxq.T("合同受托方“{name}”与服务机构“{want}”不一致", "the contract's provider “{name}” is not the service provider “{want}”")))
	}
}

func partyName(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' }), "")
}

// checkAmount reports an amount a record may not hold, whatever its state: negative,
// zero when positive is set, or above cxq.MaxMoney. Every entry of an amount (drafts,
// invoices, contracts) checks it, so no record ever holds one.
func checkAmount(field string, label cxq.Text, m cxq.Money, positive bool) *cxq.FieldError {
	switch {
	case m.IsNegative():
		return cxq.NewFieldError(field, cxq.CodeMoneyNegative, map[string]string{"label_zh": label.ZH, "label_en": label.EN},
			cxq.T("{label_zh}不能为负数", "{label_en} must not be negative"))
	case positive && m.IsZero():
		return cxq.NewFieldError(field, policy.CodeNotPositive, map[string]string{"label_zh": label.ZH, "label_en": label.EN},
			cxq.T("{label_zh}必须大于零", "{label_en} must be above zero"))
	case m.GreaterThan(cxq.MaxMoney()):
		return cxq.NewFieldError(field, cxq.CodeMoneyTooLarge, map[string]string{"max": cxq.MaxMoney().String(),
			"label_zh": label.ZH, "label_en": label.EN},
			cxq.T("{label_zh}不得超过 {max} 元", "{label_en} must not exceed {max}"))
	}
	return nil
}

// The years a contract's dates may fall in (China Standard Time): a date outside is a
// slip, such as 0001-01-01 or 9999-12-31, that no printed form should carry.
const (
	MinContractYear = 2000
	MaxContractYear = 2099
)

// CodeDateRange: a date outside the years it may fall in; params: min, max (years).
const CodeDateRange = "date_range"

// checkContractYears adds a problem (field prefix+contract_start or _end) for a contract
// date given outside MinContractYear–MaxContractYear.
func (f ApplicationForm) checkContractYears(ps *cxq.Problems, prefix string) {
	for _, d := range []struct {
		field string
		label cxq.Text
		at    time.Time
	}{
		{"contract_start", cxq.T("合同开始日期", "contract start"), f.ContractStart},
		{"contract_end", cxq.T("合同结束日期", "contract end"), f.ContractEnd},
	} {
		if y := d.at.In(cxq.China()).Year(); !d.at.IsZero() && (y < MinContractYear || y > MaxContractYear) {
			ps.Add(cxq.NewFieldError(prefix+d.field, CodeDateRange, map[string]string{"min": strconv.Itoa(MinContractYear),
				"max": strconv.Itoa(MaxContractYear), "label_zh": d.label.ZH, "label_en": d.label.EN},
				cxq.T("{label_zh}须在 {min} 年至 {max} 年之间", "the {label_en} must fall in the years {min} to {max}")))
		}
	}
}

// draftProblems checks what a saved draft may hold before it is ever submitted: no
// amount out of bounds and no text a printed form cannot show.
func (f ApplicationForm) draftProblems() error {
	var p cxq.Problems
	p.Add(checkAmount("form.estimated_amount", cxq.T("预估合同金额", "estimated contract amount"), f.Estimated, false))
	p.Add(checkAmount("form.requested_amount", cxq.T("申请创新券金额", "requested voucher amount"), f.Requested, false))
	f.checkContractYears(&p, "form.")
	printable(&p, "form.contact", f.Contact)
	p.Add(cxq.CheckText("form.activity", cxq.T("科技创新活动描述", "activity description"), f.Activity, cxq.TextRule{}))
	return p.Err()
}

// printable adds a problem for a contact field holding a character a printed form cannot
// show (cxq.CodeUnprintable).
func printable(p *cxq.Problems, field string, c Contact) {
	p.Add(cxq.CheckText(field+".name", cxq.T("联系人", "contact name"), c.Name, cxq.TextRule{}))
	p.Add(cxq.CheckText(field+".phone", cxq.T("联系电话", "phone"), c.Phone, cxq.TextRule{}))
	p.Add(cxq.CheckText(field+".email", cxq.T("联系Email", "email"), c.Email, cxq.TextRule{}))
}

// checkContractName checks a contract's name: given, at most MaxName characters, and not
// a bare kind of contract (合同, 技术服务合同) but its actual title. Adding a contract and
// submitting the redemption check it alike.
func checkContractName(field, name string) *cxq.FieldError {
	if fe := cxq.CheckText(field, cxq.T("合同名称", "contract name"), name, cxq.TextRule{Required: true, Max: MaxName}); fe != nil {
		return fe
	}
	if genericName(name) {
		return cxq.NewFieldError(field, CodeGenericName, map[string]string{"name": strings.TrimSpace(name)},
			cxq.T("合同名称“{name}”过于笼统，请填写合同的具体名称", "the contract name “{name}” is only a kind of contract; give its actual title"))
	}
	return nil
}
