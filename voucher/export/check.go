package export

import (
	"fmt"

	"github.com/cxqkit/cxq"
)

// textField is one printed text value and the name errors give it.
type textField struct{ name, value string }

func checkFields(chain *fontChain, id string, exported bool, fields []textField) error {
	var p cxq.Problems
	if id == "" {
		p.Add(cxq.Required("id", cxq.T("记录编号", "record ID")))
	}
	if !exported {
		p.Add(cxq.Required("exported", cxq.T("导出时间", "export time")))
	}
	if err := p.Err(); err != nil {
		return err
	}
	for _, f := range fields {
		if err := chain.check(f.name, f.value); err != nil {
			return err
		}
	}
	return nil
}

func opinionFields(ops []Opinion) []textField {
	var fs []textField
	for i, o := range ops {
		p := fmt.Sprintf("opinions[%d].", i)
		fs = append(fs, textField{p + "stage", o.Stage}, textField{p + "reviewer", o.Reviewer},
			textField{p + "action", o.Action}, textField{p + "text", o.Text})
	}
	return fs
}

func attachmentFields(prefix string, as []Attachment) []textField {
	var fs []textField
	for i, a := range as {
		p := fmt.Sprintf("%s[%d].", prefix, i)
		fs = append(fs, textField{p + "kind", a.Kind}, textField{p + "name", a.Name}, textField{p + "sha256", a.SHA256})
	}
	return fs
}

func (f *ApplicationForm) check(chain *fontChain) error {
	fs := []textField{
		{"id", f.ID}, {"programme", f.Programme}, {"status", f.Status},
		{"enterprise", f.Enterprise}, {"credit_code", f.CreditCode}, {"contact", f.Contact},
		{"phone", f.Phone}, {"email", f.Email}, {"order_no", f.OrderNo}, {"product", f.Product},
		{"provider", f.Provider}, {"description", f.Description},
	}
	fs = append(fs, opinionFields(f.Opinions)...)
	fs = append(fs, attachmentFields("org_certificate", []Attachment{f.OrgCertificate})...)
	fs = append(fs, attachmentFields("attachments", f.Attachments)...)
	return checkFields(chain, f.ID, !f.Exported.IsZero(), fs)
}

func (f *RedemptionForm) check(chain *fontChain) error {
	fs := []textField{
		{"id", f.ID}, {"application_id", f.ApplicationID}, {"programme", f.Programme},
		{"status", f.Status}, {"enterprise", f.Enterprise}, {"contact", f.Contact},
		{"phone", f.Phone}, {"email", f.Email}, {"order_no", f.OrderNo}, {"product", f.Product},
		{"provider", f.Provider}, {"outcome", f.Outcome},
	}
	for i, in := range f.Invoices {
		p := fmt.Sprintf("invoices[%d].", i)
		fs = append(fs, textField{p + "name", in.Name}, textField{p + "code", in.Code}, textField{p + "number", in.Number})
	}
	for i, c := range f.Contracts {
		fs = append(fs, textField{fmt.Sprintf("contracts[%d].name", i), c.Name})
	}
	fs = append(fs, opinionFields(f.Opinions)...)
	fs = append(fs, attachmentFields("attachments", f.Attachments)...)
	return checkFields(chain, f.ID, !f.Exported.IsZero(), fs)
}
