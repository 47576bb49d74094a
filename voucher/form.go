package voucher

import (
	"time"

	"github.com/cxqkit/cxq"
)

// AttachmentRef names an uploaded file: its store ID, original name, SHA-256 (hex),
// size in bytes and the upload slot it was uploaded under. Package voucher/attachment
// produces these after checking the upload.
type AttachmentRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	// Slot is the upload slot of the file (SlotBankReceipt, SlotProjectSummary, ...),
	// which says what the file is among a form's files. Every save of a form sets it
	// from the upload record, so a caller may leave it empty; a reference naming
	// another slot than its upload's is refused (CodeAttachmentRef). Empty in records
	// stored before files kept their slot.
	Slot string `json:"slot,omitempty"`
}

// IsZero reports whether the ref names no file.
func (a AttachmentRef) IsZero() bool { return a.ID == "" }

// Contact is the person an office calls about a form: 联系人, 联系电话, Email.
type Contact struct {
	Name string `json:"name"`
	// Phone is stored in its canonical spelling (cxq.Phone's String: "022-23532900转815")
	// whenever it parses, however it was typed; a draft keeps a phone that does not parse
	// as typed, and submission refuses it.
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// ApplicationForm is what an enterprise fills in on 科技创新券申请表 for one order.
// The voucher amount is not a field: [ApplicationAmount] computes it.
type ApplicationForm struct {
	Contact Contact `json:"contact"`
	// OrgCertificate is the organisation certificate (营业执照 / 组织机构代码证) scan.
	OrgCertificate AttachmentRef `json:"org_certificate"`
	// ContractStart and ContractEnd are the contract period (dates; start ≤ end).
	ContractStart time.Time `json:"contract_start"`
	ContractEnd   time.Time `json:"contract_end"`
	// Estimated is 预估合同金额, at least the policy's minimum contract.
	Estimated cxq.Money `json:"estimated_amount"`
	// Requested is the voucher amount the enterprise asks for; zero (the default) asks
	// for the largest amount the policy allows. A request above what the policy allows
	// is refused with the rule it breaks (e.g. first_claim_cap).
	Requested cxq.Money `json:"requested_amount"`
	// Activity is 科技创新活动描述, at most MaxActivity characters.
	Activity string `json:"activity"`
	// Attachments are the contract, agreement or quote (合同/协议/报价单).
	Attachments []AttachmentRef `json:"attachments,omitempty"`
}

// Invoice is one invoice on a redemption: 发票名称, 发票代码 (empty for an all-electronic
// invoice), 发票号码, amount and scan.
type Invoice struct {
	Name   string        `json:"name"`
	Code   string        `json:"code,omitempty"`
	Number string        `json:"number"`
	Amount cxq.Money     `json:"amount"`
	Scan   AttachmentRef `json:"scan"`
	// Flags mark what the reviewers should look at, e.g. FlagDuplicateScan.
	Flags []string `json:"flags,omitempty"`
}

// FlagDuplicateScan marks an invoice whose scan is the very file (the same SHA-256)
// another invoice of the redemption, or of another redemption of the enterprise, names.
const FlagDuplicateScan = "duplicate_scan"

// Key returns the key under which the invoice may back only one redemption.
func (i Invoice) Key() string { return cxq.InvoiceKey(i.Code, i.Number) }

// Contract is one contract on a redemption: 合同名称, 合同有效金额 and scan.
type Contract struct {
	Name            string        `json:"name"`
	EffectiveAmount cxq.Money     `json:"effective_amount"`
	Scan            AttachmentRef `json:"scan"`
	// Filed is when the contract was filed (备案); under a policy with a redemption
	// deadline (Usage.RedeemMonths) it is required and the deadline counts from it.
	Filed time.Time `json:"filed,omitzero"`
	// Client and Provider are the parties named on the contract (委托方, 受托方), when the
	// form records them; [RedemptionForm.CheckParties] compares them with the records.
	Client   string `json:"client,omitempty"`
	Provider string `json:"provider,omitempty"`
}

// RedemptionForm is what an enterprise (or, under some policies, the provider) fills in
// on 创新券兑现申请.
type RedemptionForm struct {
	Contact   Contact    `json:"contact"`
	Invoices  []Invoice  `json:"invoices"`
	Contracts []Contract `json:"contracts"`
	// Outcome is 科技创新券使用成效, at most MaxOutcome characters.
	Outcome string `json:"outcome"`
	// Files are the other proofs: service result, project summary, bank receipt.
	Files []AttachmentRef `json:"files,omitempty"`
}

// InvoiceAmounts returns each invoice's amount, in order.
func (f RedemptionForm) InvoiceAmounts() []cxq.Money {
	out := make([]cxq.Money, len(f.Invoices))
	for i, inv := range f.Invoices {
		out[i] = inv.Amount
	}
	return out
}

// ContractAmounts returns each contract's effective amount, in order.
func (f RedemptionForm) ContractAmounts() []cxq.Money {
	out := make([]cxq.Money, len(f.Contracts))
	for i, c := range f.Contracts {
		out[i] = c.EffectiveAmount
	}
	return out
}

// InvoiceTotal returns the sum of the invoice amounts.
func (f RedemptionForm) InvoiceTotal() cxq.Money { return cxq.Sum(f.InvoiceAmounts()...) }

// ContractTotal returns the sum of the contracts' effective amounts.
func (f RedemptionForm) ContractTotal() cxq.Money { return cxq.Sum(f.ContractAmounts()...) }

// InvoiceKeys returns each invoice's key, in order.
func (f RedemptionForm) InvoiceKeys() []string {
	out := make([]string, len(f.Invoices))
	for i, inv := range f.Invoices {
		out[i] = inv.Key()
	}
	return out
}

// Limits of the forms' free text, in characters (runes).
const (
	MaxActivity = 1000
	MaxOutcome  = 2000
	MaxName     = 100
)

// Filed returns the earliest filing date of the form's contracts (zero when none is
// filed): the redemption deadline counts from it.
func (f RedemptionForm) Filed() time.Time {
	var first time.Time
	for _, c := range f.Contracts {
		if !c.Filed.IsZero() && (first.IsZero() || c.Filed.Before(first)) {
			first = c.Filed
		}
	}
	return first
}
