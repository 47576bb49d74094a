package voucherhttp

import (
	"net/http"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// sanctionsView is the office's 处理名单: every sanction, and the form adding one (as
// typed, after a refusal).
type sanctionsView struct {
	Rows    []sanctionRow
	In      sanctionInput
	Parties []statusOption
	Kinds   []statusOption
}

// sanctionRow is one sanction as the list shows it.
type sanctionRow struct {
	S      voucher.Sanction
	Party  string
	Kind   string
	Until  string // the last day it applies, or 长期
	Active bool
	Reason string // the reason a refused claim gives, in words
}

// sanctionInput is the add form as typed.
type sanctionInput struct {
	Party, PartyID, Kind, From, Until, Basis, Note string
}

// sanctionsPage is GET /review/sanctions.
func (h *Handler) sanctionsPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.officeActor(w, r)
	if !ok {
		return
	}
	h.sanctionsList(w, r, who, sanctionInput{Party: string(policy.PartyEnterprise), Kind: string(policy.Freeze)}, nil)
}

func (h *Handler) sanctionsList(w http.ResponseWriter, r *http.Request, who voucher.Actor, in sanctionInput, err error) {
	all, lerr := h.svc.Sanctions(r.Context(), who, voucher.SanctionFilter{})
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	v := sanctionsView{In: in}
	for _, sa := range all {
		reason := sa.Reason()
		v.Rows = append(v.Rows, sanctionRow{S: sa, Party: sa.Party.Label().ZH, Kind: sa.Kind.Label().ZH,
			Until: reason.Params["until_zh"], Active: sa.State == voucher.SanctionActive, Reason: reason.Text().ZH})
	}
	for _, k := range []policy.PartyKind{policy.PartyEnterprise, policy.PartyProvider, policy.PartyController} {
		v.Parties = append(v.Parties, statusOption{Value: voucher.State(k), Label: k.Label().ZH, Selected: string(k) == in.Party})
	}
	for _, k := range []policy.SanctionKind{policy.Freeze, policy.Blacklist} {
		v.Kinds = append(v.Kinds, statusOption{Value: voucher.State(k), Label: k.Label().ZH, Selected: string(k) == in.Kind})
	}
	h.render(w, r, who, "office_sanctions", "处理名单", v, err)
}

// sanctionAdd is POST /review/sanctions: the office adds a sanction. The dates are days
// in China Standard Time: it applies from the start of 开始日期 (today when empty) to the
// end of 截止日期 (none: until lifted).
func (h *Handler) sanctionAdd(w http.ResponseWriter, r *http.Request) {
	who, ok := h.officeActor(w, r)
	if !ok {
		return
	}
	if err := h.parseForm(w, r, 0); err != nil {
		h.sanctionsList(w, r, who, sanctionInput{}, err)
		return
	}
	f := r.PostFormValue
	in := sanctionInput{Party: f("party"), PartyID: f("party_id"), Kind: f("kind"), From: f("from"), Until: f("until"),
		Basis: f("basis"), Note: f("note")}
	var p cxq.Problems
	from := formDate(&p, "from", "开始日期", in.From)
	until := formDate(&p, "until", "截止日期", in.Until)
	if !until.IsZero() {
		until = until.AddDate(0, 0, 1) // the day after the last day it applies
	}
	if err := p.Err(); err != nil {
		h.sanctionsList(w, r, who, in, err)
		return
	}
	_, err := h.svc.Sanction(r.Context(), who, voucher.SanctionParams{Key: f("key"), Party: policy.PartyKind(in.Party),
		PartyID: in.PartyID, Kind: policy.SanctionKind(in.Kind), From: from, Until: until, Basis: in.Basis, Note: in.Note})
	if err != nil {
		h.sanctionsList(w, r, who, in, err)
		return
	}
	h.done(w, r, "review/sanctions", "sanctioned")
}

// sanctionLift is POST /review/sanctions/{id}/lift, with the reason.
func (h *Handler) sanctionLift(w http.ResponseWriter, r *http.Request) {
	who, ok := h.officeActor(w, r)
	if !ok {
		return
	}
	h.pageChange(w, r, func(key string, version int64) error {
		_, err := h.svc.LiftSanction(r.Context(), who, voucher.LiftParams{Key: key, ID: r.PathValue("id"),
			Version: version, Reason: r.PostFormValue("reason")})
		return err
	}, func(err error) { h.sanctionsList(w, r, who, sanctionInput{}, err) }, "review/sanctions", "lifted")
}
