package voucherhttp

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// mountRedemptionPages registers 创新券兑现: the list with 申请兑现, the 创新券兑现申请 form
// and its changes (添加发票, 添加合同, 删除, 保存, 申请, 撤回).
func (h *Handler) mountRedemptionPages() {
	h.mux.HandleFunc("GET /user/redemptions", h.redemptionsPage)
	h.mux.HandleFunc("POST /user/redemptions", h.redemptionStart)
	h.mux.HandleFunc("GET /user/redemptions/{id}", h.redemptionPage)
	h.mux.HandleFunc("POST /user/redemptions/{id}", h.redemptionChange(h.saveRedemption))
	h.mux.HandleFunc("POST /user/redemptions/{id}/invoices", h.redemptionChange(h.addInvoice))
	h.mux.HandleFunc("POST /user/redemptions/{id}/invoices/delete", h.redemptionChange(h.removeInvoice))
	h.mux.HandleFunc("POST /user/redemptions/{id}/contracts", h.redemptionChange(h.addContract))
	h.mux.HandleFunc("POST /user/redemptions/{id}/contracts/delete", h.redemptionChange(h.removeContract))
	h.mux.HandleFunc("POST /user/redemptions/{id}/withdraw", h.redemptionChange(h.withdrawRedemption))
}

// redemptionsView is 创新券兑现: a page of the enterprise's redemptions and the approved
// applications it may redeem now (申请兑现).
type redemptionsView struct {
	Rows       []redemptionRow
	Page       voucher.Page[voucher.Redemption]
	Pager      pager
	Redeemable []applicationRow
}

// redemptionRow is one row of the list.
type redemptionRow struct {
	Red    voucher.Redemption
	Status string
}

// redemptionsPage is GET /user/redemptions?page=.
func (h *Handler) redemptionsPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	h.redemptionsList(w, r, who, nil)
}

// redemptionsList renders 创新券兑现 with err's problems.
func (h *Handler) redemptionsList(w http.ResponseWriter, r *http.Request, who voucher.Actor, err error) {
	q, qerr := listQuery(r)
	if qerr != nil {
		q = voucher.Query{}
	}
	ctx := r.Context()
	p, lerr := h.svc.Redemptions(ctx, who, voucher.Query{Page: q.Page, PerPage: q.PerPage})
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	v := redemptionsView{Page: p, Pager: pagerOf(h, r, p)}
	for _, red := range p.Items {
		v.Rows = append(v.Rows, redemptionRow{Red: red, Status: h.svc.RedemptionStatus(red).ZH})
	}
	if v.Redeemable, lerr = h.redeemable(ctx, who); lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	h.render(w, r, who, "enterprise_redemptions", "创新券兑现", v, err)
}

// redeemable lists the enterprise's approved applications it may redeem now.
func (h *Handler) redeemable(ctx context.Context, who voucher.Actor) ([]applicationRow, error) {
	return collect(voucher.Query{Status: review.Approved}, func(q voucher.Query) (voucher.Page[voucher.Application], error) {
		return h.svc.Applications(ctx, who, q)
	}, func(app voucher.Application) (applicationRow, bool, error) {
		acts, err := h.svc.ApplicationActions(ctx, who, app)
		return applicationRow{App: app, Status: h.svc.ApplicationStatus(app).ZH}, hasAction(acts, voucher.ActionRedeem), err
	})
}

// redemptionStart is POST /user/redemptions (申请兑现) with application_id.
func (h *Handler) redemptionStart(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	h.pageCreate(w, r, func(key string) (string, error) {
		red, err := h.svc.StartRedemption(r.Context(), who, voucher.StartRedemptionParams{Key: key,
			ApplicationID: r.PostFormValue("application_id")})
		return "user/redemptions/" + red.ID, err
	}, func(err error) { h.redemptionsList(w, r, who, err) }, "redeeming")
}

// redemptionInput is the 创新券兑现申请 as typed: the form's own fields and the invoice and
// contract being added, so that a refused change shows them as the enterprise left them.
type redemptionInput struct {
	Version  int64
	Contact  voucher.Contact
	Outcome  string
	Files    []voucher.AttachmentRef
	Invoice  invoiceInput
	Contract contractInput
}

// invoiceInput is 添加发票 as typed.
type invoiceInput struct{ Name, Code, Number, Amount string }

// contractInput is 添加合同 as typed.
type contractInput struct{ Name, Amount string }

// redemptionInputOf is the stored form as the page shows it.
func redemptionInputOf(red voucher.Redemption) redemptionInput {
	return redemptionInput{Version: red.Version, Contact: red.Form.Contact, Outcome: red.Form.Outcome, Files: red.Form.Files}
}

// redemptionView is the 创新券兑现申请 page.
type redemptionView struct {
	Red          voucher.Redemption
	App          voucher.Application
	Status       string
	Actions      []voucher.Action
	Editable     bool
	Opinions     []opinion
	In           redemptionInput
	InvoiceTotal cxq.Money
	ContractSum  cxq.Money
	InvoiceSlot  slotField
	ContractSlot slotField
	FileSlots    []slotField
	// Total is 兑现创新券金额合计 (系统自动计算): stored once submitted, else what the policy
	// pays for the invoices and contracts added so far (Known false: none to compute from).
	Total cxq.Money
	Known bool
	// Findings are the spot checks' findings on this redemption (抽查), clawbacks included.
	Findings []voucher.SpotFinding
	// Deadlines are the voucher's usage deadlines while it is in force (voucherDeadlines).
	Deadlines []policy.Deadline
}

// redemptionPage is GET /user/redemptions/{id}; 刷新 reloads it.
func (h *Handler) redemptionPage(w http.ResponseWriter, r *http.Request) {
	who, red, ok := enterpriseRecord(h, w, r, h.svc.Redemption)
	if !ok {
		return
	}
	h.redemptionForm(w, r, who, red, redemptionInputOf(red), nil)
}

// redemptionForm renders the 兑现申请 of red with in as typed and err's problems.
func (h *Handler) redemptionForm(w http.ResponseWriter, r *http.Request, who voucher.Actor, red voucher.Redemption,
	in redemptionInput, err error) {
	ctx := r.Context()
	acts, aerr := h.svc.RedemptionActions(ctx, who, red)
	if aerr != nil {
		h.failPage(w, r, aerr)
		return
	}
	v := redemptionView{Red: red, Status: h.svc.RedemptionStatus(red).ZH, Actions: acts, In: in,
		Editable: hasAction(acts, voucher.ActionSave), Opinions: opinions(h.svc.RedemptionFlow(), red.Case),
		InvoiceTotal: red.Form.InvoiceTotal(), ContractSum: red.Form.ContractTotal(),
		InvoiceSlot: h.slotField(voucher.SlotInvoiceScan), ContractSlot: h.slotField(voucher.SlotContractScan)}
	for _, s := range redemptionFileSlots {
		v.FileSlots = append(v.FileSlots, h.slotField(s))
	}
	v.App, _ = h.svc.Application(ctx, who, red.ApplicationID)
	v.Deadlines = h.voucherDeadlines(v.App)
	v.Findings = h.redemptionFindings(ctx, who, red)
	if !red.Total.IsZero() {
		v.Total, v.Known = red.Total, true
	} else if p, _ := h.redemptionPreview(ctx, who, red, acts); p != nil { // unread, it is only not shown
		v.Total, v.Known = p.Total, true
	}
	h.render(w, r, who, "enterprise_redemption", "创新券兑现申请", v, err)
}

// redemptionFileSlots are the slots of 其他需要上传的资料, in the manual's order.
var redemptionFileSlots = []string{voucher.SlotServiceProof, voucher.SlotProjectSummary, voucher.SlotBankReceipt}

// redemptionEdit is one change of a redemption's form from a posted page: it returns the
// notice of its success, or the error to show with the form as typed.
type redemptionEdit func(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error)

// redemptionChange adapts an edit to a handler: the enterprise, its redemption, the
// posted form (multipart for a scan); success redirects to the form with the notice, a
// refusal shows the form again with the typed values.
func (h *Handler) redemptionChange(edit redemptionEdit) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, red, ok := enterpriseRecord(h, w, r, h.svc.Redemption)
		if !ok {
			return
		}
		in := redemptionInputOf(red)
		if err := h.parseChange(w, r, h.uploadBudget(voucher.SlotContractScan)); err != nil {
			h.redemptionForm(w, r, who, red, in, err)
			return
		}
		in.Version, _ = formVersion(r)
		notice, err := edit(r, who, &red, r.PostFormValue("key"), &in) // an edit that stored a change leaves red at it
		if isKeyReused(err) {
			h.done(w, r, "user/redemptions/"+red.ID, "repeated") // a repeated post: the first one had its effect
			return
		}
		if err != nil {
			h.redemptionForm(w, r, who, red, in, err)
			return
		}
		h.done(w, r, "user/redemptions/"+red.ID, notice)
	}
}

// addInvoice is 添加发票: 发票扫描件, 名称, 代码, 号码, 金额.
func (h *Handler) addInvoice(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error) {
	f := r.PostForm
	in.Invoice = invoiceInput{Name: strings.TrimSpace(f.Get("invoice_name")), Code: strings.TrimSpace(f.Get("invoice_code")),
		Number: strings.TrimSpace(f.Get("invoice_number")), Amount: f.Get("invoice_amount")}
	amount, scan, err := h.amountAndScan(r, who, key, "invoice.amount", "发票金额", in.Invoice.Amount, voucher.SlotInvoiceScan)
	if err != nil {
		return "", err
	}
	_, err = h.svc.AddInvoice(r.Context(), who, voucher.AddInvoiceParams{Key: subKey(key, "add"), ID: red.ID, Version: in.Version,
		Invoice: voucher.Invoice{Name: in.Invoice.Name, Code: in.Invoice.Code, Number: in.Invoice.Number, Amount: amount, Scan: scan}})
	return "added", err
}

// amountAndScan reads the typed amount of an invoice or contract (field, label) and
// uploads its scan into slot: what adding either starts with.
func (h *Handler) amountAndScan(r *http.Request, who voucher.Actor, key, field, label, typed, slot string) (cxq.Money, voucher.AttachmentRef, error) {
	var p cxq.Problems
	amount := formMoney(&p, field, label, typed, true)
	if err := p.Err(); err != nil {
		return amount, voucher.AttachmentRef{}, err
	}
	refs, err := h.uploadFiles(r, who, key, slot)
	return amount, refs[slot], err
}

// removeInvoice is 删除 of the invoice with invoice_key.
func (h *Handler) removeInvoice(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error) {
	_, err := h.svc.RemoveInvoice(r.Context(), who, voucher.RemoveInvoiceParams{Key: key, ID: red.ID, Version: in.Version,
		InvoiceKey: r.PostFormValue("invoice_key")})
	return "removed", err
}

// addContract is 添加合同: 合同扫描件, 名称, 有效金额.
func (h *Handler) addContract(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error) {
	in.Contract = contractInput{Name: strings.TrimSpace(r.PostFormValue("contract_name")), Amount: r.PostFormValue("contract_amount")}
	amount, scan, err := h.amountAndScan(r, who, key, "contract.effective_amount", "合同有效金额", in.Contract.Amount, voucher.SlotContractScan)
	if err != nil {
		return "", err
	}
	_, err = h.svc.AddContract(r.Context(), who, voucher.AddContractParams{Key: subKey(key, "add"), ID: red.ID, Version: in.Version,
		Contract: voucher.Contract{Name: in.Contract.Name, EffectiveAmount: amount, Scan: scan}})
	return "added", err
}

// removeContract is 删除 of the contract at index.
func (h *Handler) removeContract(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error) {
	i, err := strconv.Atoi(r.PostFormValue("index"))
	if err != nil {
		return "", cxq.NewFieldError("index", cxq.CodeFormat, nil, cxq.T("没有这份合同", "no such contract"))
	}
	_, err = h.svc.RemoveContract(r.Context(), who, voucher.RemoveContractParams{Key: key, ID: red.ID, Version: in.Version, Index: i})
	return "removed", err
}

// withdrawRedemption is 撤回.
func (h *Handler) withdrawRedemption(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error) {
	_, err := h.svc.WithdrawRedemption(r.Context(), who, voucher.WithdrawParams{Key: key, ID: red.ID, Version: in.Version})
	return "withdrawn", err
}

// saveRedemption is 保存 or 申请 (op=submit) of the form's own fields: the contact,
// 科技创新券使用成效 and 其他需要上传的资料 (new files in <slot>_file; 删除 of one posts
// drop=its ID). 申请 first saves what was typed, if it differs from what is stored, as
// 保存 does, then submits: a refused submission (an unevaluated order, totals that do not
// add up) keeps what the person typed, and the form shown again with the reasons is at
// the version the save stored, so every button on it works.
func (h *Handler) saveRedemption(r *http.Request, who voucher.Actor, red *voucher.Redemption, key string, in *redemptionInput) (string, error) {
	f := r.PostForm
	in.Contact = postedContact(f)
	in.Outcome = f.Get("outcome")
	in.Files = postedRefs(r, "file", f.Get("drop"))
	refs, err := h.uploadFiles(r, who, key, redemptionFileSlots...)
	if err != nil {
		return "", err
	}
	for _, s := range redemptionFileSlots {
		if ref, ok := refs[s]; ok {
			in.Files = append(in.Files, ref)
		}
	}
	draft := voucher.RedemptionDraft{Key: subKey(key, "save"), ID: red.ID, Version: in.Version, Contact: in.Contact,
		Outcome: in.Outcome, Files: in.Files}
	if f.Get("op") != "submit" || !sameDraft(*red, *in) {
		saved, err := h.svc.SaveRedemption(r.Context(), who, draft)
		if err != nil || f.Get("op") != "submit" {
			return "saved", err
		}
		*red, in.Version = saved, saved.Version
	}
	_, err = h.svc.SubmitRedemption(r.Context(), who, voucher.SubmitParams{Key: subKey(key, "submit"), ID: red.ID, Version: in.Version})
	return "submitted", err
}

// sameDraft reports whether in holds what red stores of the fields 保存 replaces.
func sameDraft(red voucher.Redemption, in redemptionInput) bool {
	if red.Form.Contact != in.Contact || red.Form.Outcome != in.Outcome || len(red.Form.Files) != len(in.Files) {
		return false
	}
	for i, f := range red.Form.Files {
		if f != in.Files[i] {
			return false
		}
	}
	return true
}
