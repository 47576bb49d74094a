package voucherhttp

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// The spot-check pages (抽查): spotchecks/ lists them and, for the office, draws one;
// spotchecks/{id} is the sample, where the office assigns each case's inspector and the
// inspector records the finding and any clawback.
func (h *Handler) mountSpotCheckPages() {
	h.mux.HandleFunc("GET /spotchecks/{$}", h.spotChecksPage)
	h.mux.HandleFunc("POST /spotchecks/{$}", h.spotCheckDraw)
	h.mux.HandleFunc("GET /spotchecks/{id}", h.spotCheckPage)
	h.mux.HandleFunc("POST /spotchecks/{id}/inspector", h.spotCheckAssign)
	h.mux.HandleFunc("POST /spotchecks/{id}/finding", h.spotCheckFinding)
}

// spotChecksView is the list page: the spot checks the person sees and, for the office,
// the draw form with what a refused draw sent.
type spotChecksView struct {
	Items  []voucher.SpotCheck
	Office bool
	Draw   drawInput
}

type drawInput struct{ Period, Seed, Share string }

// spotCheckView is one spot check's page: its sample by stratum and a row per case with
// the forms the person may use.
type spotCheckView struct {
	C          voucher.SpotCheck
	Rows       []spotRow
	Inspectors []voucher.Actor // whom the office may pick; none: it types the ID
	Href       string
}

type spotRow struct {
	voucher.SpotEntry
	InspectorName string
	Assign, Find  bool // the office may assign; the person is its inspector and may record the finding
}

func (h *Handler) spotChecksPage(w http.ResponseWriter, r *http.Request) {
	h.showSpotChecks(w, r, drawInput{}, nil)
}

func (h *Handler) showSpotChecks(w http.ResponseWriter, r *http.Request, in drawInput, err error) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	items, lerr := h.svc.SpotChecks(r.Context(), who)
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	h.render(w, r, who, "spotchecks", "抽查", spotChecksView{Items: items, Office: who.Role == voucher.RoleCoordinator, Draw: in}, err)
}

// spotCheckDraw is POST /spotchecks/: the office draws a period's sample.
func (h *Handler) spotCheckDraw(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	if err := h.parseForm(w, r, 0); err != nil {
		h.showSpotChecks(w, r, drawInput{}, err)
		return
	}
	in := drawInput{Period: strings.TrimSpace(r.PostFormValue("period")), Seed: strings.TrimSpace(r.PostFormValue("seed")),
		Share: strings.TrimSpace(r.PostFormValue("share"))}
	var share cxq.Rate
	if in.Share != "" {
		var err error
		if share, err = cxq.ParseRate(in.Share); err != nil {
			var p cxq.Problems
			p.AddErr("share", err)
			h.showSpotChecks(w, r, in, p.Err())
			return
		}
	}
	c, err := h.svc.DrawSpotCheck(r.Context(), who, voucher.DrawSpotCheckParams{Key: r.PostFormValue("key"), Period: in.Period,
		Seed: in.Seed, Share: share})
	if err != nil {
		h.showSpotChecks(w, r, in, err)
		return
	}
	h.done(w, r, "spotchecks/"+url.PathEscape(c.ID), "drawn")
}

func (h *Handler) spotCheckPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	h.showSpotCheck(w, r, who, nil)
}

func (h *Handler) showSpotCheck(w http.ResponseWriter, r *http.Request, who voucher.Actor, err error) {
	ctx := r.Context()
	c, gerr := h.svc.SpotCheck(ctx, who, r.PathValue("id"))
	if gerr != nil {
		h.failPage(w, r, gerr)
		return
	}
	v := spotCheckView{C: c, Href: h.href("spotchecks/" + url.PathEscape(c.ID))}
	office := who.Role == voucher.RoleCoordinator
	for _, e := range c.Entries {
		row := spotRow{SpotEntry: e, Assign: office && e.Finding == nil, Find: e.Finding == nil && e.Inspector == who.ID}
		if e.Inspector != "" {
			row.InspectorName = h.personName(ctx, e.Inspector)
		}
		v.Rows = append(v.Rows, row)
	}
	if office {
		list, lerr := h.inspectors(ctx)
		if lerr != nil {
			h.failPage(w, r, lerr)
			return
		}
		v.Inspectors = list
	}
	h.render(w, r, who, "spotcheck", "抽查 "+c.Period.Key, v, err)
}

// inspectors lists the people the office may pick as inspectors, when the host lists
// reviewers (Options.Reviewers): the professional bodies and the experts.
func (h *Handler) inspectors(ctx context.Context) ([]voucher.Actor, error) {
	if h.opts.Reviewers == nil {
		return nil, nil
	}
	var out []voucher.Actor
	for _, role := range []voucher.Role{voucher.RoleProfessional, voucher.RoleExpert} {
		list, err := h.opts.Reviewers(ctx, role)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}

// spotCheckAssign is POST /spotchecks/{id}/inspector.
func (h *Handler) spotCheckAssign(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	h.pageChange(w, r, func(key string, version int64) error {
		_, err := h.svc.AssignInspector(r.Context(), who, voucher.AssignInspectorParams{Key: key, ID: id,
			Version: version, Redemption: r.PostFormValue("redemption"), Inspector: strings.TrimSpace(r.PostFormValue("inspector"))})
		return err
	}, func(err error) { h.showSpotCheck(w, r, who, err) }, "spotchecks/"+url.PathEscape(id), "inspector")
}

// spotCheckFinding is POST /spotchecks/{id}/finding: the inspector's finding.
func (h *Handler) spotCheckFinding(w http.ResponseWriter, r *http.Request) {
	who, ok := h.pageActor(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	err := h.parseChange(w, r, 0)
	var clawback cxq.Money
	if err == nil {
		if s := strings.TrimSpace(r.PostFormValue("clawback")); s != "" {
			if clawback, err = cxq.ParseMoney(s); err != nil {
				var p cxq.Problems
				p.AddErr("clawback", err)
				err = p.Err()
			}
		}
	}
	if err == nil {
		version, _ := formVersion(r)
		_, err = h.svc.RecordFinding(r.Context(), who, voucher.FindingParams{Key: r.PostFormValue("key"), ID: id, Version: version,
			Redemption: r.PostFormValue("redemption"), Result: voucher.FindingResult(r.PostFormValue("result")),
			Text: strings.TrimSpace(r.PostFormValue("text")), Clawback: clawback})
	}
	if err != nil {
		h.showSpotCheck(w, r, who, err)
		return
	}
	h.done(w, r, "spotchecks/"+url.PathEscape(id), "finding")
}

// redemptionFindings are the findings on red its redeemer may see (none when they may
// not read its application, as a provider redeeming for the enterprise).
func (h *Handler) redemptionFindings(ctx context.Context, who voucher.Actor, red voucher.Redemption) []voucher.SpotFinding {
	all, err := h.svc.Findings(ctx, who, red.ApplicationID)
	if err != nil {
		return nil
	}
	var out []voucher.SpotFinding
	for _, f := range all {
		if f.RedemptionID == red.ID {
			out = append(out, f)
		}
	}
	return out
}
