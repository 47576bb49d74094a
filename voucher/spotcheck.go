package voucher

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// KindSpotCheck is the doc kind (and audit stream kind) of a [SpotCheck].
const KindSpotCheck = "spotcheck"

// The states of a spot check.
const (
	SpotOpen   = "open"   // some drawn case has no finding yet
	SpotClosed = "closed" // every drawn case has its finding
)

// SpotCheck is one period's spot check (抽查) of a policy's redeemed cases: the seed and
// share it was drawn with, what it drew from each stratum, and per drawn case the
// inspector and the finding. There is one per policy and period, so a draw cannot be
// repeated until it gives a sample someone likes; anyone holding the seed and the
// period's redemptions can repeat it ([policy.DrawSample]).
type SpotCheck struct {
	Filed
	Policy     string            `json:"policy"` // the policy's ID
	Period     policy.SpotPeriod `json:"period"`
	Seed       string            `json:"seed"`
	Share      cxq.Rate          `json:"share"`
	By         policy.Strata     `json:"by,omitempty"`
	Population int               `json:"population"` // redemptions paid in the period
	Strata     []policy.Stratum  `json:"strata"`
	Entries    []SpotEntry       `json:"entries"`
}

// SpotEntry is one drawn case: a redemption paid in the period, the application it
// redeemed, the inspector assigned to it and the finding, once recorded.
type SpotEntry struct {
	RedemptionID  string    `json:"redemption_id"`
	ApplicationID string    `json:"application_id"`
	EnterpriseID  string    `json:"enterprise_id"`
	ProviderID    string    `json:"provider_id"`
	Product       string    `json:"product"`
	Stratum       string    `json:"stratum"`
	Paid          cxq.Money `json:"paid"` // the redemption's 实际兑现金额
	Inspector     string    `json:"inspector,omitempty"`
	Finding       *Finding  `json:"finding,omitempty"`
}

// FindingResult is what an inspection found.
type FindingResult string

// The results of an inspection.
const (
	FindingPassed FindingResult = "passed" // 抽查合格
	FindingFailed FindingResult = "failed" // 抽查不合格: what was paid may be clawed back
)

// Label returns the result in Chinese and English.
func (r FindingResult) Label() cxq.Text {
	if r == FindingFailed {
		return cxq.T("不合格", "failed")
	}
	return cxq.T("合格", "passed")
}

// Finding is an inspector's finding on a drawn case; Clawback is what it took back of
// what the redemption paid (zero for none).
type Finding struct {
	Result   FindingResult `json:"result"`
	Text     string        `json:"text"`
	Clawback cxq.Money     `json:"clawback"`
	By       string        `json:"by,omitempty"` // the inspector; left out of what the enterprise sees
	At       time.Time     `json:"at"`
}

func (c *SpotCheck) docKind() string    { return KindSpotCheck }
func (c *SpotCheck) docSubject() string { return c.Policy }
func (c *SpotCheck) docState() string {
	for _, e := range c.Entries {
		if e.Finding == nil {
			return SpotOpen
		}
	}
	return SpotClosed
}

// State returns SpotOpen or SpotClosed.
func (c SpotCheck) State() string { return c.docState() }

// Entry returns the drawn case of redemption id.
func (c *SpotCheck) Entry(redemptionID string) (*SpotEntry, bool) {
	i := slices.IndexFunc(c.Entries, func(e SpotEntry) bool { return e.RedemptionID == redemptionID })
	if i < 0 {
		return nil, false
	}
	return &c.Entries[i], true
}

// SpotCheckID returns the ID of the spot check of policyID in the period key.
func SpotCheckID(policyID, period string) string { return "SC-" + policyID + "-" + period }

// DrawSpotCheckParams draws the spot check of Policy ("" the programme's policy) for the
// period Period (e.g. "2026H1") from Seed, at Share (zero: the policy's minimum).
type DrawSpotCheckParams struct {
	Key    string   `json:"-"`
	Policy string   `json:"policy,omitempty"`
	Period string   `json:"period"`
	Seed   string   `json:"seed"`
	Share  cxq.Rate `json:"share,omitzero"`
}

// Codes of the refusals of a draw.
const (
	CodeNoSpotCheck  = "no_spot_check"       // the policy has no spot-check rule
	CodeShareTooLow  = "share_below_minimum" // params: min
	CodePeriodOpen   = "period_open"         // the period has not ended; params: until
	CodeAlreadyDrawn = "already_drawn"       // the period was drawn already
	maxSeedRunes     = 64
)

// DrawSpotCheck draws the spot check of a policy's period, once the period has ended:
// every redemption under the policy that passed review (评审通过) with something paid, in
// the period, is the population; [policy.DrawSample] takes at least the share (never
// below the policy's minimum) of each stratum. Only the programme office draws, once per
// policy and period ([CodeAlreadyDrawn]); the draw is audited with its seed.
func (s *Service) DrawSpotCheck(ctx context.Context, a Actor, in DrawSpotCheckParams) (SpotCheck, error) {
	return mutate(ctx, s, a, in.Key, "DrawSpotCheck", in, func(tx Tx, now time.Time) (SpotCheck, error) {
		if a.Role != RoleCoordinator || a.ID == "" {
			return SpotCheck{}, s.deny(ctx, a, "draw_spot_check", KindSpotCheck, "", "only the programme office draws spot checks", false)
		}
		c, err := s.spotCheckPlan(in, now)
		if err != nil {
			return SpotCheck{}, err
		}
		switch _, err := tx.Doc(ctx, KindSpotCheck, c.ID); {
		case err == nil:
			return SpotCheck{}, spotErr("period", CodeAlreadyDrawn, nil, cxq.T("该期间已抽查", "this period has been drawn already"))
		case !errors.Is(err, cxq.ErrNotFound):
			return SpotCheck{}, err
		}
		pop, err := s.spotPopulation(ctx, tx, c)
		if err != nil {
			return SpotCheck{}, err
		}
		c.draw(pop)
		return c, storeFiled(ctx, s, tx, &c, a, now, "draw", auditNote("period", c.Period.Key, "seed", c.Seed,
			"share", c.Share.String(), "population", strconv.Itoa(c.Population), "drawn", strconv.Itoa(len(c.Entries))))
	})
}

// spotCheckPlan checks a draw's input against the policy's rule and returns the spot
// check it would create, without its sample.
func (s *Service) spotCheckPlan(in DrawSpotCheckParams, now time.Time) (SpotCheck, error) {
	id := in.Policy
	if id == "" {
		id = s.programme
	}
	p, err := s.policies.Latest(id)
	if err != nil || p.SpotCheck == nil {
		return SpotCheck{}, spotErr("policy", CodeNoSpotCheck, nil, cxq.T("该政策没有抽查规定", "the policy has no spot checks"))
	}
	var ps cxq.Problems
	ps.Add(cxq.CheckText("seed", cxq.T("随机种子", "seed"), in.Seed, cxq.TextRule{Required: true, Max: maxSeedRunes}))
	rule := *p.SpotCheck
	share := in.Share
	if share.IsZero() {
		share = rule.MinShare
	}
	if share.Cmp(rule.MinShare) < 0 || share.Cmp(cxq.Percent(100)) > 0 {
		ps.Add(cxq.NewFieldError("share", CodeShareTooLow, map[string]string{"min": rule.MinShare.Percent()},
			cxq.T("抽查比例须不低于 {min}、不超过 100%", "the share must be at least {min} and at most 100%")))
	}
	period, err := rule.Period(in.Period)
	if err != nil {
		ps.AddErr("period", err)
	} else if now.Before(period.Until) {
		ps.Add(cxq.NewFieldError("period", CodePeriodOpen, map[string]string{"until": policy.ChinaTime(period.Until).Format(time.DateOnly)},
			cxq.T("抽查期间尚未结束（{until} 结束）", "the period has not ended (it ends {until})")))
	}
	if err := ps.Err(); err != nil {
		return SpotCheck{}, err
	}
	return SpotCheck{Filed: Filed{ID: SpotCheckID(p.ID, period.Key)}, Policy: p.ID, Period: period, Seed: in.Seed,
		Share: share, By: rule.By}, nil
}

// spotPopulation returns the redemptions under c's policy that passed review with
// something paid within c's period.
func (s *Service) spotPopulation(ctx context.Context, tx Tx, c SpotCheck) ([]Redemption, error) {
	reds, _, err := tx.Redemptions().List(ctx, ListFilter{Statuses: []State{review.Approved}, Oldest: true})
	if err != nil {
		return nil, err
	}
	var out []Redemption
	for _, r := range reds {
		at, ok := r.Approved()
		if ok && r.Policy.ID == c.Policy && r.Actual.Sign() > 0 && c.Period.Contains(at) {
			out = append(out, r)
		}
	}
	return out, nil
}

// draw fills in c's sample from the population.
func (c *SpotCheck) draw(pop []Redemption) {
	cases := make([]policy.SampleCase, len(pop))
	byID := map[string]Redemption{}
	for i, r := range pop {
		cases[i] = policy.SampleCase{ID: r.ID, Stratum: c.By.Stratum(r.District(), r.Product.ProviderID)}
		byID[r.ID] = r
	}
	c.Population = len(pop)
	c.Strata = policy.DrawSample(cases, c.Seed, c.Share)
	c.Entries = []SpotEntry{}
	for _, st := range c.Strata {
		for _, id := range st.Drawn {
			r := byID[id]
			c.Entries = append(c.Entries, SpotEntry{RedemptionID: r.ID, ApplicationID: r.ApplicationID, EnterpriseID: r.EnterpriseID,
				ProviderID: r.Product.ProviderID, Product: r.Product.Name, Stratum: st.Name, Paid: r.Actual})
		}
	}
}

func spotErr(field, code string, params map[string]string, msg cxq.Text) error {
	var p cxq.Problems
	p.Add(cxq.NewFieldError(field, code, params, msg))
	return p.Err()
}
