package voucherhttp

import (
	"context"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// This file holds what any page showing a submitted record may share: its files as
// download links, its review history in people's words, and the read-only sheets of an
// application and a redemption (templates in assets/shared_rev.html).

// fileLink is one file of a record as a download link: served as an attachment by
// /api/{kind}/{id}/files/{file}?page=1, never inline.
type fileLink struct {
	Name string
	Size int64
	Href string
	// Label says what the file is, by the slot it was uploaded under (银行打款回单), in a
	// list of files of several kinds; empty where the list's heading says it.
	Label string
}

// fileLinkOf links ref of record id of kind ("applications" or "redemptions"); the zero
// link for no file.
func (h *Handler) fileLinkOf(kind, id string, ref voucher.AttachmentRef) fileLink {
	if ref.IsZero() {
		return fileLink{}
	}
	return fileLink{Name: ref.Name, Size: ref.Size,
		Href: h.href("api/" + kind + "/" + id + "/files/" + ref.ID + "?page=1")}
}

// fileLinks links every file of refs that names one.
func (h *Handler) fileLinks(kind, id string, refs []voucher.AttachmentRef) []fileLink {
	out := make([]fileLink, 0, len(refs))
	for _, r := range refs {
		if l := h.fileLinkOf(kind, id, r); l.Href != "" {
			out = append(out, l)
		}
	}
	return out
}

// labelledLinks is fileLinks with each file's slot label, for a list of files of several
// kinds (a redemption's 其他资料).
func (h *Handler) labelledLinks(kind, id string, refs []voucher.AttachmentRef) []fileLink {
	out := make([]fileLink, 0, len(refs))
	for _, r := range refs {
		if l := h.fileLinkOf(kind, id, r); l.Href != "" {
			l.Label = h.slotLabel(r.Slot)
			out = append(out, l)
		}
	}
	return out
}

// historyRow is one entry of a record's review history as people read it: the stage it
// was taken in, the action, who, when, the opinion and the values it set.
type historyRow struct {
	Stage   cxq.Text
	Action  cxq.Text
	Person  string
	Time    time.Time
	Opinion string
	Fields  []fieldValue
}

// fieldValue is a value a review action set, with its label.
type fieldValue struct {
	Label string
	Value string
}

// fieldLabels are the labels of the fields review actions set.
var fieldLabels = map[string]string{
	review.FieldActualAmount: "实际兑现金额",
}

// fieldLabel is the label of field name, or the name when it has none.
func fieldLabel(name string) string {
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	return name
}

// historyOf turns a case's history into rows in the words of flow, oldest first.
func (h *Handler) historyOf(ctx context.Context, flow *review.Workflow, hist []review.AuditEntry) []historyRow {
	names := map[string]string{}
	out := make([]historyRow, 0, len(hist))
	for _, e := range hist {
		st, _ := flow.Stage(e.From)
		name, ok := names[e.Actor]
		if !ok {
			name = h.personName(ctx, e.Actor)
			names[e.Actor] = name
		}
		row := historyRow{Stage: st.Label, Action: flow.ActionLabel(e.Action), Person: name, Time: e.Time, Opinion: e.Opinion}
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			row.Fields = append(row.Fields, fieldValue{Label: fieldLabel(k), Value: e.Fields[k]})
		}
		out = append(out, row)
	}
	return out
}

// lastOpinion is the opinion (审核意见) of the latest history entry that gave one.
func lastOpinion(hist []review.AuditEntry) string {
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].Opinion != "" {
			return hist[i].Opinion
		}
	}
	return ""
}

// enterpriseName is the name of enterprise id, or the ID when it is not known.
func (h *Handler) enterpriseName(ctx context.Context, id string) string {
	if e, err := h.svc.Enterprises().Enterprise(ctx, id); err == nil && e.Name != "" {
		return e.Name
	}
	return id
}

// applicationSheet is the 科技创新券申请表 read-only, with its files as links.
type applicationSheet struct {
	App         voucher.Application
	Enterprise  string
	Certificate fileLink
	Attachments []fileLink
}

// applicationSheetOf builds the sheet of app.
func (h *Handler) applicationSheetOf(ctx context.Context, app voucher.Application) applicationSheet {
	return applicationSheet{App: app, Enterprise: h.enterpriseName(ctx, app.EnterpriseID),
		Certificate: h.fileLinkOf("applications", app.ID, app.Form.OrgCertificate),
		Attachments: h.fileLinks("applications", app.ID, app.Form.Attachments)}
}

// redemptionSheet is the 创新券兑现申请 read-only: the invoices and contracts tables with
// their totals and scans, and the other files.
type redemptionSheet struct {
	Red        voucher.Redemption
	Enterprise string
	Invoices   []invoiceRow
	Contracts  []contractRow
	Files      []fileLink
	// InvoiceTotal and ContractTotal are the sums of the tables' amounts.
	InvoiceTotal, ContractTotal cxq.Money
}

// invoiceRow is one invoice with its scan's link.
type invoiceRow struct {
	voucher.Invoice
	Link fileLink
}

// contractRow is one contract with its scan's link.
type contractRow struct {
	voucher.Contract
	Link fileLink
}

// redemptionSheetOf builds the sheet of red.
func (h *Handler) redemptionSheetOf(ctx context.Context, red voucher.Redemption) redemptionSheet {
	s := redemptionSheet{Red: red, Enterprise: h.enterpriseName(ctx, red.EnterpriseID),
		Files: h.labelledLinks("redemptions", red.ID, red.Form.Files), InvoiceTotal: red.Form.InvoiceTotal(),
		ContractTotal: red.Form.ContractTotal()}
	for _, inv := range red.Form.Invoices {
		s.Invoices = append(s.Invoices, invoiceRow{Invoice: inv, Link: h.fileLinkOf("redemptions", red.ID, inv.Scan)})
	}
	for _, c := range red.Form.Contracts {
		s.Contracts = append(s.Contracts, contractRow{Contract: c, Link: h.fileLinkOf("redemptions", red.ID, c.Scan)})
	}
	return s
}
