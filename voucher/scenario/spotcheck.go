package scenario

import (
	"context"
	"errors"
	"slices"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// Sample is the programme office drawing the spot check (抽查) of a period of the
// policy's rule ("2026H1") from Seed, at Share ("" the policy's minimum; "20%", "0.25").
type Sample struct {
	Period string `json:"period"`
	Seed   string `json:"seed"`
	Share  string `json:"share,omitempty"`
}

// Finding is an inspector's finding on the spot-checked redemption of the enterprise's
// Claim-th claim (1-based): Result "passed" or "failed", Text, and Clawback the amount
// to take back. The office first assigns the inspector: Inspector "" is a person who
// reviewed nothing; "reviewer" is the professional reviewer of the case, whom a conflict
// of interest bars.
type Finding struct {
	Claim     int    `json:"claim"`
	Result    string `json:"result"`
	Text      string `json:"text,omitempty"`
	Clawback  string `json:"clawback,omitempty"`
	Inspector string `json:"inspector,omitempty"`
}

// checkSpot checks a sample or finding step's own fields.
func (s Step) checkSpot() error {
	if sm := s.Sample; sm != nil {
		if sm.Period == "" {
			return bad(".sample.period", "required, e.g. \"2026H1\"")
		}
		if sm.Share != "" {
			if _, err := cxq.ParseRate(sm.Share); err != nil {
				return &fieldErr{".sample.share", err}
			}
		}
	}
	if f := s.Finding; f != nil {
		switch {
		case f.Claim < 1:
			return bad(".finding.claim", "the 1-based index of the enterprise's claim")
		case f.Inspector != "" && f.Inspector != "reviewer":
			return bad(".finding.inspector", "\"\" or \"reviewer\"")
		}
		if _, err := optMoney(f.Clawback); err != nil {
			return &fieldErr{".finding.clawback", err}
		}
	}
	return nil
}

// sample draws the spot check and reports the claims drawn, numbered across the file.
func (w *world) sample(ctx context.Context, s Step) outcome {
	var share cxq.Rate // zero: the policy's minimum
	if s.Sample.Share != "" {
		share, _ = cxq.ParseRate(s.Sample.Share)
	}
	c, err := w.svc.DrawSpotCheck(ctx, office, voucher.DrawSpotCheckParams{Key: w.key(), Period: s.Sample.Period,
		Seed: s.Sample.Seed, Share: share})
	if err != nil {
		return refusal(err)
	}
	drawn := []int{}
	for i, cl := range w.claims {
		if slices.ContainsFunc(c.Entries, func(e voucher.SpotEntry) bool { return e.ApplicationID == cl.app }) {
			drawn = append(drawn, i+1)
		}
	}
	return outcome{drawn: drawn}
}

// finding assigns the inspector to the latest spot check's case of the claim and records
// the finding; it reports what the application has had clawed back in all.
func (w *world) finding(ctx context.Context, s Step) outcome {
	f := s.Finding
	cl, err := w.nthClaim(s.Enterprise, f.Claim)
	if err != nil {
		return outcome{err: err}
	}
	checks, err := w.svc.SpotChecks(ctx, office)
	if err != nil {
		return outcome{err: err}
	}
	var sc voucher.SpotCheck
	var entry voucher.SpotEntry
	for _, c := range checks {
		for _, e := range c.Entries {
			if e.ApplicationID == cl.app {
				sc, entry = c, e
			}
		}
	}
	if sc.ID == "" {
		return outcome{err: errors.New("scenario: the claim was not drawn in any spot check")}
	}
	who := inspector
	if f.Inspector == "reviewer" {
		who = professional
	}
	if _, err := w.svc.AssignInspector(ctx, office, voucher.AssignInspectorParams{Key: w.key(), ID: sc.ID,
		Redemption: entry.RedemptionID, Inspector: who.ID}); err != nil {
		return refusal(err)
	}
	clawback, _ := optMoney(f.Clawback)
	if _, err := w.svc.RecordFinding(ctx, who, voucher.FindingParams{Key: w.key(), ID: sc.ID, Redemption: entry.RedemptionID,
		Result: voucher.FindingResult(f.Result), Text: f.Text, Clawback: clawback}); err != nil {
		return refusal(err)
	}
	app, err := w.svc.Application(ctx, enterpriseActor(s.Enterprise), cl.app)
	if err != nil {
		return outcome{err: err}
	}
	return outcome{amount: &app.Reclaimed}
}
