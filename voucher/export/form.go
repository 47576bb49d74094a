package export

import (
	"time"

	"github.com/cxqkit/cxq"
)

// Basics are what the application and the redemption form both print: the stored record
// they were printed from, its review so far, the enterprise's contact and the order.
type Basics struct {
	// ID and Version identify the stored record the form was printed from; with the
	// amounts they make the verification code (see [ApplicationForm.Record] and
	// [RedemptionForm.Record]).
	ID      string
	Version int64
	// Programme is printed above the title, e.g. "天津市科技创新券". Optional.
	Programme string
	// Exported is when the form was exported. It is printed on the form and becomes the
	// PDF's creation and modification date, so the same form and time give the same bytes.
	Exported time.Time

	Status   string    // 申请状态 / 状态, e.g. "复审通过"
	Opinions []Opinion // 审核意见, oldest first

	Enterprise string // 企业名称
	Contact    string // 联系人
	Phone      string // 联系电话
	Email      string // 电子邮箱

	OrderNo  string // 订单编号, e.g. "IV201701"
	Product  string // 服务产品名称
	Provider string // 服务机构
}

// ApplicationForm is the 科技创新券申请表 as printed: every field of the portal's form, as
// display-ready values. Empty strings print as empty cells; amounts print as "4549.50 元".
type ApplicationForm struct {
	Basics

	CreditCode     string     // 统一社会信用代码
	OrgCertificate Attachment // 组织机构代码证 (the uploaded file); optional

	ContractStart  time.Time // 合同起止时间 (dates only are printed)
	ContractEnd    time.Time
	EstimatedTotal cxq.Money // 预估合同金额
	VoucherAmount  cxq.Money // 申请创新券金额 (系统自动计算)
	Description    string    // 科技创新活动描述, up to 1,000 characters; newlines start paragraphs

	Attachments []Attachment // 相关附件: contract, agreement, quotation
}

// RedemptionForm is the 创新券兑现申请表 as printed, the form an enterprise exports, signs,
// stamps and hands to the district office with its evidence.
type RedemptionForm struct {
	Basics
	// ApplicationID names the approved application the redemption draws on. Optional.
	ApplicationID string
	// Actual is 实际兑现金额, set at the expert review; zero until then, printed "—" (a
	// redemption is never paid nothing: the review rejects it instead).
	Actual cxq.Money

	Invoices  []Invoice  // 发票, in the order entered; their total is printed below them
	Contracts []Contract // 合同, in the order entered; their total is printed below them

	Claimed cxq.Money // 申请创新券金额 (the approved application's amount)
	Total   cxq.Money // 兑现创新券金额合计 (系统自动计算 by the programme's policy)
	Outcome string    // 科技创新券使用成效; newlines start paragraphs

	Attachments []Attachment // 其他需要上传的资料 and the scans of invoices and contracts
}

// Opinion is one 审核意见: who reviewed at which stage, what they wrote, and when.
type Opinion struct {
	Stage    string // e.g. "区初审"
	Reviewer string
	Action   string // e.g. "通过", "退回修改"; optional
	Text     string
	Date     time.Time
}

// Invoice is one row of the invoice table (发票名称, 发票代码, 发票号码, 发票金额).
type Invoice struct {
	Name   string
	Code   string
	Number string
	Amount cxq.Money
}

// Contract is one row of the contract table (合同名称, 有效合同金额).
type Contract struct {
	Name      string
	Effective cxq.Money
}

// Attachment is an uploaded file listed on the form with the start of its SHA-256, so the
// office can match the paper to the stored files.
type Attachment struct {
	Kind   string // e.g. "合同", "发票扫描件", "银行打款回单"
	Name   string // file name as uploaded
	SHA256 string // hex digest of the content (64 characters); the first 16 are printed
}

// IsZero reports whether no file is named.
func (a Attachment) IsZero() bool { return a.Name == "" && a.SHA256 == "" }

// Record returns the identity the application form's verification code is derived from:
// its ID, version, 预估合同金额 and 申请创新券金额.
func (f *ApplicationForm) Record() Record {
	return f.record(KindApplication, map[string]cxq.Money{
		"estimated_total": f.EstimatedTotal,
		"voucher_amount":  f.VoucherAmount,
	})
}

// Record returns the identity the redemption form's verification code is derived from:
// its ID, version, 申请创新券金额, 兑现创新券金额合计, 实际兑现金额 and the invoice and contract
// totals.
func (f *RedemptionForm) Record() Record {
	return f.record(KindRedemption, map[string]cxq.Money{
		"claimed":        f.Claimed,
		"total":          f.Total,
		"actual":         f.Actual,
		"invoice_total":  f.InvoiceTotal(),
		"contract_total": f.ContractTotal(),
	})
}

// record is the identity of the form's record of kind with its amounts.
func (b *Basics) record(kind Kind, amounts map[string]cxq.Money) Record {
	return Record{Kind: kind, ID: b.ID, Version: b.Version, Amounts: amounts}
}

// InvoiceTotal is the sum of the invoice amounts, printed under the invoice table.
func (f *RedemptionForm) InvoiceTotal() cxq.Money {
	var t cxq.Money
	for _, in := range f.Invoices {
		t = t.Add(in.Amount)
	}
	return t
}

// ContractTotal is the sum of the effective contract amounts, printed under the table.
func (f *RedemptionForm) ContractTotal() cxq.Money {
	var t cxq.Money
	for _, c := range f.Contracts {
		t = t.Add(c.Effective)
	}
	return t
}
