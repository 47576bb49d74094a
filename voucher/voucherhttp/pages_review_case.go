package voucherhttp

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// casePage is a record under review: its form read-only, its files, its history, its
// status and what the signed-in person may do with it now.
type casePage struct {
	Kind      string // the path segment, "applications" or "redemptions"
	KindLabel cxq.Text
	ID        string
	Version   int64
	Status    cxq.Text
	Stage     cxq.Text
	Opinion   string // the latest 审核意见
	Assignee  string // the current stage's reviewer, by name
	App       *applicationSheet
	Red       *redemptionSheet
	Files     []fileLink
	History   []historyRow
	// Decide are the review actions the person may take, one button each; Fields the
	// inputs of the values they set; NeedOpinion the labels of those needing an opinion.
	Decide      []voucher.Action
	Fields      []fieldInput
	NeedOpinion []string
	Draft       string // the opinion of a refused decision, shown again
	Assign      []assignForm
	Export      string // the 导出 link, when offered
	Extend      string // where the office extends the voucher, when it may
	DecideHref  string
	AssignHref  string
}

// fieldInput is an input for a value a review action sets, e.g. 实际兑现金额.
type fieldInput struct {
	Name   string // the form's name: "field." and the field
	Label  string
	Value  string
	Action string // the labels of the actions that set it
}

// assignForm is the office's assignment of one stage's reviewer.
type assignForm struct {
	Stage   voucher.State
	Label   cxq.Text
	Current string // the assigned reviewer, by name
	Chosen  string // the assigned reviewer's ID
	Options []voucher.Actor
	Typed   bool // no list of reviewers: the office types the ID
}

// posted is what a refused change sent, shown again on the re-rendered page.
type posted struct {
	opinion string
	fields  map[string]string
}

// reviewActions are the actions of acts that are reviewers' decisions: those the workflow
// declares, other than the applicant's own (submit, resubmit, withdraw). An action the
// Service offers besides the workflow's (save, assign, export, extend, return_voucher …)
// is never one, whatever its name.
func reviewActions(flow *review.Workflow, acts []voucher.Action) []voucher.Action {
	decisions := map[string]bool{}
	for _, a := range flow.Definition().Actions {
		switch a.Action {
		case review.Submit, review.Resubmit, review.Withdraw:
		default:
			decisions[string(a.Action)] = true
		}
	}
	var out []voucher.Action
	for _, a := range acts {
		if decisions[a.Name] {
			out = append(out, a)
		}
	}
	return out
}

// inFlowOrder sorts acts as flow declares its actions (审核通过, 退回修改, 不予支持).
func inFlowOrder(flow *review.Workflow, acts []voucher.Action) []voucher.Action {
	rank := map[string]int{}
	for i, a := range flow.Definition().Actions {
		rank[string(a.Action)] = i
	}
	slices.SortStableFunc(acts, func(a, b voucher.Action) int { return rank[a.Name] - rank[b.Name] })
	return acts
}

// casePageOf builds the case page of c for who.
func (h *Handler) casePageOf(ctx context.Context, who voucher.Actor, k reviewKind, c caseRecord, in posted) (casePage, error) {
	base := "review/" + k.name + "/" + c.core.ID
	stage, _ := k.flow.Stage(c.core.State())
	p := casePage{Kind: k.name, KindLabel: k.label, ID: c.core.ID, Version: c.core.Version, Status: c.status,
		Stage: stage.Label, Opinion: lastOpinion(c.core.Case.History), Files: h.labelledLinks(k.name, c.core.ID, refsOf(c.value)),
		History: h.historyOf(ctx, k.flow, c.core.Case.History), Decide: inFlowOrder(k.flow, reviewActions(k.flow, c.actions)), Draft: in.opinion,
		DecideHref: h.href(base), AssignHref: h.href(base + "/assign")}
	if id := c.core.Assignee(); id != "" {
		p.Assignee = h.personName(ctx, id)
	}
	switch v := c.value.(type) {
	case voucher.Application:
		s := h.applicationSheetOf(ctx, v)
		p.App = &s
	case voucher.Redemption:
		s := h.redemptionSheetOf(ctx, v)
		p.Red = &s
	}
	p.Fields, p.NeedOpinion = decisionInputs(p.Decide, in.fields)
	if hasAction(c.actions, voucher.ActionExport) {
		p.Export = h.href("api/" + k.name + "/" + c.core.ID + "/form.pdf?page=1")
	}
	if hasAction(c.actions, voucher.ActionExtend) {
		p.Extend = h.href(base + "/extend")
	}
	var err error
	p.Assign, err = h.assignForms(ctx, k.flow, c)
	return p, err
}

// decisionInputs lists the inputs of the fields the actions set (with the values of a
// refused decision) and the labels of the actions that need an opinion.
func decisionInputs(acts []voucher.Action, values map[string]string) ([]fieldInput, []string) {
	var fields []fieldInput
	var opinion []string
	for _, a := range acts {
		if a.Opinion {
			opinion = append(opinion, a.Label.ZH)
		}
	fields:
		for _, f := range a.Fields {
			for i := range fields {
				if fields[i].Name == "field."+f {
					fields[i].Action += "、" + a.Label.ZH
					continue fields
				}
			}
			fields = append(fields, fieldInput{Name: "field." + f, Label: fieldLabel(f), Value: values[f], Action: a.Label.ZH})
		}
	}
	return fields, opinion
}

// assignForms lists the office's assignment forms of c, one per stage it may assign.
func (h *Handler) assignForms(ctx context.Context, flow *review.Workflow, c caseRecord) ([]assignForm, error) {
	var out []assignForm
	for _, a := range c.actions {
		if a.Name != voucher.ActionAssign {
			continue
		}
		stage, _ := flow.Stage(a.Stage)
		f := assignForm{Stage: a.Stage, Label: stage.Label, Chosen: c.core.Assignments[a.Stage], Typed: h.opts.Reviewers == nil}
		if f.Chosen != "" {
			f.Current = h.personName(ctx, f.Chosen)
		}
		if !f.Typed {
			list, err := h.opts.Reviewers(ctx, stage.Role)
			if err != nil {
				return nil, err
			}
			f.Options = list
		}
		out = append(out, f)
	}
	return out, nil
}

// showCase renders the case page of record id, with err as the problems of a refused
// change (and what it sent) when set.
func (h *Handler) showCase(w http.ResponseWriter, r *http.Request, who voucher.Actor, k reviewKind, id string, in posted, err error) {
	c, gerr := k.get(r.Context(), who, id)
	if gerr != nil {
		h.failPage(w, r, gerr)
		return
	}
	p, perr := h.casePageOf(r.Context(), who, k, c, in)
	if perr != nil {
		h.failPage(w, r, perr)
		return
	}
	h.render(w, r, who, "review-case", k.label.ZH+" "+c.core.ID, p, err)
}

// reviewTarget returns who asks and the kind of record a review path names, or answers
// the request (to the login page, or not found) and reports false.
func (h *Handler) reviewTarget(w http.ResponseWriter, r *http.Request) (voucher.Actor, reviewKind, bool) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return who, reviewKind{}, false
	}
	k, ok := h.reviewKindOf(r.PathValue("kind"))
	if !ok {
		h.failPage(w, r, errNoRoute)
	}
	return who, k, ok
}

// reviewCasePage is GET /review/{kind}/{id}.
func (h *Handler) reviewCasePage(w http.ResponseWriter, r *http.Request) {
	who, k, ok := h.reviewTarget(w, r)
	if !ok {
		return
	}
	h.showCase(w, r, who, k, r.PathValue("id"), posted{}, nil)
}

// reviewDecide is POST /review/{kind}/{id}: the reviewer's decision, the button pressed
// naming the action. A refusal re-renders the case page with its problems.
func (h *Handler) reviewDecide(w http.ResponseWriter, r *http.Request) {
	who, k, ok := h.reviewTarget(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if err := h.parseChange(w, r, 0); err != nil {
		h.showCase(w, r, who, k, id, posted{}, err)
		return
	}
	c, err := k.get(r.Context(), who, id)
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	version, _ := formVersion(r)
	d := voucher.Decision{Key: r.PostFormValue("key"), ID: id, Version: version,
		Action: review.Action(r.PostFormValue("action")), Opinion: strings.TrimSpace(r.PostFormValue("opinion"))}
	in := posted{opinion: d.Opinion, fields: map[string]string{}}
	for _, a := range reviewActions(k.flow, c.actions) {
		for _, f := range a.Fields {
			in.fields[f] = strings.TrimSpace(r.PostFormValue("field." + f))
			if a.Name == string(d.Action) {
				if d.Fields == nil {
					d.Fields = map[string]string{}
				}
				d.Fields[f] = in.fields[f]
			}
		}
	}
	if err := k.review(r.Context(), who, d); err != nil {
		h.showCase(w, r, who, k, id, in, err)
		return
	}
	h.done(w, r, "review/", "reviewed")
}

// reviewExtend is POST /review/applications/{id}/extend (no other kind): the office
// extends the voucher once, with a reason.
func (h *Handler) reviewExtend(w http.ResponseWriter, r *http.Request) {
	who, k, ok := h.reviewTarget(w, r)
	if !ok {
		return
	}
	if k.name != "applications" {
		h.failPage(w, r, errNoRoute)
		return
	}
	id := r.PathValue("id")
	h.pageChange(w, r, func(key string, version int64) error {
		_, err := h.svc.ExtendVoucher(r.Context(), who, voucher.ExtendParams{Key: key, ID: id, Version: version,
			Reason: strings.TrimSpace(r.PostFormValue("reason"))})
		return err
	}, func(err error) { h.showCase(w, r, who, k, id, posted{}, err) }, "review/"+k.name+"/"+id, "extended")
}

// reviewAssign is POST /review/{kind}/{id}/assign: the office names a stage's reviewer.
func (h *Handler) reviewAssign(w http.ResponseWriter, r *http.Request) {
	who, k, ok := h.reviewTarget(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	h.pageChange(w, r, func(key string, version int64) error {
		return k.assign(r.Context(), who, voucher.AssignParams{Key: key, ID: id, Version: version,
			Stage: voucher.State(r.PostFormValue("stage")), Reviewer: strings.TrimSpace(r.PostFormValue("reviewer"))})
	}, func(err error) { h.showCase(w, r, who, k, id, posted{}, err) }, "review/"+k.name+"/"+id, "assigned")
}
