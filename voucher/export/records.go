package export

import (
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	upload "github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Sources is what a form is assembled from besides the stored record.
type Sources struct {
	// Enterprise is the applying enterprise (企业名称, 统一社会信用代码).
	Enterprise policy.Enterprise
	// Workflow labels the record's states, stages and actions. Defaults to none: states
	// and actions print as their identifiers.
	Workflow *review.Workflow
	// Reviewer returns the printable name of a person ID. Defaults to the ID itself.
	Reviewer func(id string) string
	// Location is the zone dates are printed in. Defaults to China Standard Time (UTC+8).
	Location *time.Location
	// Programme is printed above the title, e.g. "天津市科技创新券". Optional.
	Programme string
	// Exported is the export time, printed (in Location) and used as the PDF's dates. Required.
	Exported time.Time
	// Slots label a redemption's other files by the upload slot each came from
	// (银行打款回单, 项目实施情况总结); a file stored without its slot prints as 证明材料.
	// Defaults to attachment.DefaultSlots().
	Slots upload.Slots
}

// fileKind is what the form prints in the 类别 column of a redemption's other file
// uploaded under slot.
func (s Sources) fileKind(slot string) string {
	slots := s.Slots
	if slots == nil {
		slots = upload.DefaultSlots()
	}
	if sl, ok := slots.Get(upload.SlotName(slot)); ok && sl.Label.ZH != "" {
		return sl.Label.ZH
	}
	return "证明材料"
}

func (s Sources) loc() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	return cxq.China()
}

// status names a record's standing: an application's standing outside review as the
// voucher package names it, else its state as the workflow does.
func (s Sources) status(st review.State) string {
	if t := voucher.StandingText(st); t.ZH != "" {
		return t.ZH
	}
	if s.Workflow != nil {
		if t := s.Workflow.Status(st); t.ZH != "" {
			return t.ZH
		}
	}
	return string(st)
}

// opinions lists the reviewers' decisions in the case history: every transition made in
// a reviewer's role, oldest first.
func (s Sources) opinions(c review.Case) []Opinion {
	var out []Opinion
	for _, e := range c.History {
		if e.Role == "" || e.Role == review.RoleApplicant {
			continue
		}
		o := Opinion{Stage: string(e.From), Reviewer: e.Actor, Action: string(e.Action), Text: e.Opinion, Date: e.Time.In(s.loc())}
		if s.Workflow != nil {
			if st, ok := s.Workflow.Stage(e.From); ok && st.Label.ZH != "" {
				o.Stage = st.Label.ZH
			}
			if l := s.Workflow.ActionLabel(e.Action); l.ZH != "" {
				o.Action = l.ZH
			}
		}
		if s.Reviewer != nil {
			o.Reviewer = s.Reviewer(e.Actor)
		}
		out = append(out, o)
	}
	return out
}

func attachment(kind string, a voucher.AttachmentRef) Attachment {
	if a.IsZero() {
		return Attachment{}
	}
	return Attachment{Kind: kind, Name: a.Name, SHA256: a.SHA256}
}

// basics are what both forms print of rec, standing at st, with its contact c.
func (s Sources) basics(rec voucher.Record, st review.State, c voucher.Contact) Basics {
	return Basics{ID: rec.ID, Version: rec.Version, Programme: s.Programme, Exported: s.Exported.In(s.loc()),
		Status: s.status(st), Opinions: s.opinions(rec.Case), Enterprise: s.Enterprise.Name,
		Contact: c.Name, Phone: c.Phone, Email: c.Email, OrderNo: rec.OrderID, Product: rec.Product.Name,
		Provider: rec.Product.ProviderName}
}

// ApplicationFrom assembles the printed form of a stored application.
func ApplicationFrom(a voucher.Application, src Sources) *ApplicationForm {
	f := &ApplicationForm{
		Basics:         src.basics(a.Record, a.Standing(), a.Form.Contact),
		CreditCode:     src.Enterprise.USCC,
		OrgCertificate: attachment("组织机构代码证", a.Form.OrgCertificate),
		EstimatedTotal: a.Form.Estimated,
		VoucherAmount:  a.Amount,
		Description:    a.Form.Activity,
	}
	if !a.Form.ContractStart.IsZero() {
		f.ContractStart = a.Form.ContractStart.In(src.loc())
	}
	if !a.Form.ContractEnd.IsZero() {
		f.ContractEnd = a.Form.ContractEnd.In(src.loc())
	}
	for _, at := range a.Form.Attachments {
		f.Attachments = append(f.Attachments, attachment("合同/协议/报价单", at))
	}
	return f
}

// RedemptionFrom assembles the printed form of a stored redemption.
func RedemptionFrom(r voucher.Redemption, src Sources) *RedemptionForm {
	f := &RedemptionForm{
		Basics:        src.basics(r.Record, r.State(), r.Form.Contact),
		ApplicationID: r.ApplicationID,
		Actual:        r.Actual,
		Claimed:       r.Claimed,
		Total:         r.Total,
		Outcome:       r.Form.Outcome,
	}
	for _, in := range r.Form.Invoices {
		f.Invoices = append(f.Invoices, Invoice{Name: in.Name, Code: in.Code, Number: in.Number, Amount: in.Amount})
		if !in.Scan.IsZero() {
			f.Attachments = append(f.Attachments, attachment("发票扫描件", in.Scan))
		}
	}
	for _, c := range r.Form.Contracts {
		f.Contracts = append(f.Contracts, Contract{Name: c.Name, Effective: c.EffectiveAmount})
		if !c.Scan.IsZero() {
			f.Attachments = append(f.Attachments, attachment("合同扫描件", c.Scan))
		}
	}
	for _, at := range r.Form.Files {
		f.Attachments = append(f.Attachments, attachment(src.fileKind(at.Slot), at))
	}
	return f
}
