package voucherhttp

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/policy"
)

// slotField is an upload field as a form shows it: the slot's name (the file input's
// name), its label and the manual's hint built from its limit and types, e.g.
// "小于1M, 限JPG/PNG/PDF格式".
type slotField struct {
	Name     string
	Label    string
	Hint     string
	About    string // what belongs in the slot, from the slot (attachment.Slot.About)
	Accept   string // the file input's accept list, e.g. ".jpg,.png,.pdf"
	Optional bool
}

// slotField describes the upload slot called name; an unknown slot has only its name.
func (h *Handler) slotField(name string) slotField {
	s, ok := h.opts.Slots.Get(attachment.SlotName(name))
	if !ok {
		return slotField{Name: name, Label: name}
	}
	types := make([]string, len(s.Types))
	accept := make([]string, len(s.Types))
	for i, t := range s.Types {
		types[i] = t.Label()
		accept[i] = "." + string(t)
	}
	hint := "小于" + limitLabel(s.Limit) + ", 限" + strings.Join(types, "/") + "格式"
	if s.Optional {
		hint = "(选填) " + hint
	}
	return slotField{Name: name, Label: s.Label.ZH, Hint: hint, About: s.About.ZH, Accept: strings.Join(accept, ","), Optional: s.Optional}
}

// limitLabel writes a slot's limit as the manual does: "1M" for whole megabytes of the
// forms (attachment.MB), else kilobytes or bytes.
func limitLabel(n int64) string {
	switch {
	case n >= attachment.MB && n%attachment.MB == 0:
		return strconv.FormatInt(n/attachment.MB, 10) + "M"
	case n >= 1000:
		return strconv.FormatInt((n+999)/1000, 10) + "K"
	}
	return strconv.FormatInt(n, 10) + "B"
}

// opinion is one entry of 审核意见: the stage that gave it, when, the action and the words.
type opinion struct {
	Stage   string
	Time    time.Time
	Action  string
	Opinion string
}

// opinions lists every reviewer's decision in the history of c (审核意见, with or without
// an opinion), oldest first: the enterprise sees each stage it passed.
func opinions(w *review.Workflow, c review.Case) []opinion {
	var out []opinion
	for _, e := range c.History {
		if e.Action == review.Submit || e.Action == review.Resubmit || e.Action == review.Withdraw {
			continue // the enterprise's own steps; every reviewer's decision is listed
		}
		stage, _ := w.Stage(e.From)
		out = append(out, opinion{Stage: stage.Label.ZH, Time: e.Time, Action: w.ActionLabel(e.Action).ZH, Opinion: e.Opinion})
	}
	return out
}

// formMoney reads an amount field typed as "4,000.00", "4000" or "¥4000元" with the
// kernel's parser; an empty field is zero unless required. A problem is added to p
// under field.
func formMoney(p *cxq.Problems, field, label, s string, required bool) cxq.Money {
	if strings.TrimSpace(s) == "" {
		if required {
			p.Add(cxq.Required(field, cxq.T(label, field)))
		}
		return cxq.Money{}
	}
	m, err := cxq.ParseMoney(s)
	var fe *cxq.FieldError
	if errors.As(err, &fe) {
		p.Add(fe.WithField(field))
	} else if err != nil {
		p.AddErr(field, err)
	}
	return m
}

// formDate reads a date field ("2026-03-01") in China time, full-width digits (typed
// with a Chinese input method on) as the digits they are; an empty one is the zero time.
func formDate(p *cxq.Problems, field, label, s string) time.Time {
	s = cxq.Narrow(strings.TrimSpace(s))
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(time.DateOnly, s, cxq.China())
	if err != nil {
		p.Add(cxq.NewFieldError(field, cxq.CodeFormat, map[string]string{"label": label},
			cxq.T("{label}应为日期，如 2026-03-01", "{label} must be a date such as 2026-03-01")))
	}
	return t
}

// dateValue writes t as a date input's value.
func dateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cxq.China()).Format("2006-01-02")
}

// moneyValue writes m as an amount input's value: empty for zero.
func moneyValue(m cxq.Money) string {
	if m.IsZero() {
		return ""
	}
	return m.String()
}

// refValue encodes a file a form names into a hidden input, so that a page posts back
// the files it shows, each with its slot ("-" for none); the Service checks every
// reference against the organisation's uploads, so a forged one is refused.
func refValue(r voucher.AttachmentRef) string {
	slot := r.Slot
	if slot == "" {
		slot = "-"
	}
	return r.ID + " " + r.SHA256 + " " + strconv.FormatInt(r.Size, 10) + " " + slot + " " + r.Name
}

// parseRef decodes refValue, and the value of a page rendered before files kept their
// slot (no slot before the name); false for anything else.
func parseRef(s string) (voucher.AttachmentRef, bool) {
	parts := strings.SplitN(s, " ", 4)
	if len(parts) != 4 || parts[0] == "" {
		return voucher.AttachmentRef{}, false
	}
	n, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return voucher.AttachmentRef{}, false
	}
	ref := voucher.AttachmentRef{ID: parts[0], SHA256: parts[1], Size: n, Name: parts[3]}
	if slot, name, ok := strings.Cut(parts[3], " "); ok && (slot == "-" || slices.Contains(formSlots, slot)) {
		ref.Name = name
		if slot != "-" {
			ref.Slot = slot
		}
	}
	return ref, true
}

// formSlots are the upload slots a form's file may come from.
var formSlots = []string{voucher.SlotOrgCertificate, voucher.SlotApplication, voucher.SlotInvoiceScan, voucher.SlotContractScan,
	voucher.SlotServiceProof, voucher.SlotProjectSummary, voucher.SlotBankReceipt}

// slotLabel is the label of upload slot name, what a file uploaded under it is
// (银行打款回单); empty for none.
func (h *Handler) slotLabel(name string) string {
	if name == "" {
		return ""
	}
	return h.slotField(name).Label
}

// postedRefs reads the files a form posts back under name, leaving out the one named by
// drop (the file whose 删除 was pressed).
func postedRefs(r *http.Request, name, drop string) []voucher.AttachmentRef {
	var out []voucher.AttachmentRef
	for _, v := range r.PostForm[name] {
		if ref, ok := parseRef(v); ok && ref.ID != drop {
			out = append(out, ref)
		}
	}
	return out
}

// recordForm is what the parts of an application's or a redemption's form page share
// (shared_form_actions, shared_record_actions, shared_file): the record's kind as its paths spell it
// (applications, redemptions), its ID and version, the actions it offers and the page's
// key.
type recordForm struct {
	Kind, ID, Key string
	Version       int64
	Actions       []voucher.Action
	Editable      bool // the form may be saved (保存)
}

// recordOf is the recordForm of a record of kind on a page of key, for the templates.
func recordOf(kind, key string, rec voucher.Record, acts []voucher.Action) recordForm {
	return recordForm{Kind: kind, ID: rec.ID, Key: key, Version: rec.Version, Actions: acts,
		Editable: hasAction(acts, voucher.ActionSave)}
}

// fileRow is one stored file of a record's form (shared_file): its link, its slot when
// Labelled, and while the form is editable the hidden input named Input that keeps it
// on 保存 and its 删除.
type fileRow struct {
	Rec      recordForm
	Ref      voucher.AttachmentRef
	Input    string
	Labelled bool
}

// File is the fileRow of ref on the form, kept by the input named input.
func (f recordForm) File(ref voucher.AttachmentRef, input string, labelled bool) fileRow {
	return fileRow{Rec: f, Ref: ref, Input: input, Labelled: labelled}
}

// errNotEnterprise answers a page of the enterprise's own to anyone else.
var errNotEnterprise = &voucher.DeniedError{Action: "enterprise page", Reason: "only an enterprise"}

// enterpriseActor returns the signed-in enterprise person; anyone else is sent to log
// in or shown that the page is the enterprise's, and false is reported.
func (h *Handler) enterpriseActor(w http.ResponseWriter, r *http.Request) (voucher.Actor, bool) {
	return h.pageActorFor(w, r, isEnterprise, "此页面仅供企业用户使用", errNotEnterprise)
}

// isEnterprise is whether who acts for an enterprise.
func isEnterprise(who voucher.Actor) bool { return who.Role == voucher.RoleEnterprise && who.Org != "" }

// enterpriseRecord reads, for the signed-in enterprise person, the record the path's
// {id} names with get; a failure (nobody signed in, not an enterprise, a record it may
// not read) is answered here and ok is false.
func enterpriseRecord[T any](h *Handler, w http.ResponseWriter, r *http.Request,
	get func(ctx context.Context, who voucher.Actor, id string) (T, error)) (who voucher.Actor, rec T, ok bool) {
	if who, ok = h.enterpriseActor(w, r); !ok {
		return who, rec, false
	}
	rec, err := get(r.Context(), who, r.PathValue("id"))
	if err != nil {
		h.failPage(w, r, err)
		return who, rec, false
	}
	return who, rec, true
}

// subKey derives the idempotency key of one step of a page's change from the key of
// the rendering, so that a repeated post repeats every step with its own key.
func subKey(key, step string) string {
	if key == "" {
		return ""
	}
	return key + ":" + step
}

// isKeyReused reports an idempotency key already used with another input: a repeated
// post of one rendering whose upload got a new file ID, after the first post's effect.
func isKeyReused(err error) bool {
	var fe *cxq.FieldError
	return errors.As(err, &fe) && fe.Code == voucher.CodeKeyReused
}

// withField names field in an error of a field the page does not show under its own
// name (an upload's problem is the file input's).
func withField(err error, field string) error {
	var fe *cxq.FieldError
	if errors.As(err, &fe) {
		return fe.WithField(field)
	}
	return err
}

// pager is a list's 共 N 条 summary and the links to its first, previous, next and last
// pages (empty where there is none).
type pager struct {
	Summary                 string
	Page, Pages             int
	First, Prev, Next, Last string
}

// pagerOf is the pager of list page p, its links keeping the request's filters.
func pagerOf[T any](h *Handler, r *http.Request, p voucher.Page[T]) pager {
	link := func(n int) string {
		v := r.URL.Query()
		v.Del("done") // a notice is for the page it follows, not for paging on
		v.Set("page", strconv.Itoa(n))
		return h.href(strings.TrimPrefix(r.URL.Path, "/")) + "?" + v.Encode()
	}
	pg := pager{Summary: p.Summary().ZH, Page: p.Page, Pages: p.Pages}
	if p.Page > 1 {
		pg.First, pg.Prev = link(1), link(p.Page-1)
	}
	if p.Page < p.Pages {
		pg.Next, pg.Last = link(p.Page+1), link(p.Pages)
	}
	return pg
}

// voucherDeadlines are the usage deadlines of app's voucher while it is in force (approved,
// not ended), for the enterprise's pages to show ahead of time (有效期至 …); none before
// approval, once it ended, or when they cannot be read.
func (h *Handler) voucherDeadlines(app voucher.Application) []policy.Deadline {
	if st := app.Standing(); st != review.Approved && st != voucher.StandingReturning {
		return nil
	}
	ds, _ := h.svc.VoucherDeadlines(app)
	return ds
}
