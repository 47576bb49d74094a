package policy

import (
	"encoding/json"
	"time"

	"github.com/cxqkit/cxq"
)

// Ref names one version of a policy. Applications, vouchers and redemptions carry
// the ref they were issued under and are always judged under that version.
type Ref struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// String returns "id@version".
func (r Ref) String() string { return r.ID + "@" + r.Version }

// IsZero reports whether the ref names nothing.
func (r Ref) IsZero() bool { return r.ID == "" && r.Version == "" }

// Source is a document a policy is taken from.
type Source struct {
	Title cxq.Text `json:"title"`
	Ref   string   `json:"ref,omitempty"` // the document number, e.g. 冀科计〔2016〕22号
	URL   string   `json:"url,omitempty"`
}

// Place is where an enterprise or a provider is registered. A policy's [Policy.Area]
// says which places are local; Park and CentralSOE matter only to bonus rules.
type Place struct {
	Region     string `json:"region,omitempty"`   // 北京, 天津, 河北 …
	City       string `json:"city,omitempty"`     // 廊坊 …
	District   string `json:"district,omitempty"` // 昌平, 滨海新区 …
	Park       string `json:"park,omitempty"`     // 未来科学城 …
	CentralSOE bool   `json:"central_soe,omitempty"`
}

// Where selects enterprises or providers by whether they are in the policy's area.
type Where string

// The values of Where. The empty value matches every place.
const (
	Anywhere  Where = ""
	Local     Where = "local"     // inside the policy's area
	Elsewhere Where = "elsewhere" // outside it
)

// Tier is a rate and cap that apply when the enterprise and the provider are where the
// tier says. The first matching tier of a policy applies.
type Tier struct {
	Enterprise Where    `json:"enterprise,omitempty"`
	Provider   Where    `json:"provider,omitempty"`
	Rate       cxq.Rate `json:"rate"`
	// AnnualCap replaces the policy's annual cap when set.
	AnnualCap cxq.Money `json:"annual_cap"`
	Label     cxq.Text  `json:"label"`
}

// Bonus adds percentage points to the rate when the provider matches, e.g. Changping's
// +10 for central state-owned labs in 未来科学城.
type Bonus struct {
	Provider   Where    `json:"provider,omitempty"`
	Park       string   `json:"park,omitempty"`        // the provider's park must be this, when set
	CentralSOE bool     `json:"central_soe,omitempty"` // the provider must be a central SOE, when true
	Points     cxq.Rate `json:"points"`
	Label      cxq.Text `json:"label"`
}

// CapPeriod says what the overall cap counts over.
type CapPeriod string

// The cap periods.
const (
	PerYear  CapPeriod = "year"  // the calendar year in China Standard Time ([ClaimYear])
	PerCycle CapPeriod = "cycle" // a cycle of CycleMonths months from the first claim
)

// BanScope says which claim year an enterprise loses after breaking a usage rule.
type BanScope string

// The ban scopes. The empty value bans nothing.
const (
	NoBan    BanScope = ""
	SameYear BanScope = "same_year" // no new claim in the year the rule was broken
	NextYear BanScope = "next_year" // no claim in the following year
)

// UsageRules are the deadlines and penalties of using a voucher once it is issued.
// A zero field means the rule is absent.
type UsageRules struct {
	// FirstUseMonths: when nothing is used this many months after issue, the whole
	// voucher is revoked (hebei: 3) and FirstUseBan applies.
	FirstUseMonths int      `json:"first_use_months,omitempty"`
	FirstUseBan    BanScope `json:"first_use_ban,omitempty"`
	// ValidMonths: the voucher's validity; at its end the unused rest is revoked
	// (hebei: 6) and, if anything was left, UnusedBan applies.
	ValidMonths int      `json:"valid_months,omitempty"`
	UnusedBan   BanScope `json:"unused_ban,omitempty"`
	// LowUsageBelow: a use strictly below this share of the voucher at the end of its
	// validity brings LowUsageBan (langfang: 30%, next year).
	LowUsageBelow cxq.Rate `json:"low_usage_below"`
	LowUsageBan   BanScope `json:"low_usage_ban,omitempty"`
	// RedeemMonths: redemption must be applied for within this many months of the
	// contract's filing (hebei: 6).
	RedeemMonths int `json:"redeem_months,omitempty"`
	// ExtensionMonths, when set, lets the programme office extend a voucher's validity
	// once, by this many months, with a reason: every usage deadline moves by as much.
	ExtensionMonths int `json:"extension_months,omitempty"`
	// Return says what returning an issued voucher (退券) takes (see [ReturnOutcome]).
	Return ReturnRules `json:"return,omitzero"`
}

// Exclusion is a kind of service a policy does not pay for. A product is excluded when
// its category (top level, or "top/sub") is listed, or when the caller tags the service
// with the exclusion's Code (statutory testing has no category of its own).
type Exclusion struct {
	Code       string   `json:"code"` // e.g. "statutory_testing"
	Label      cxq.Text `json:"label"`
	Categories []string `json:"categories,omitempty"`
}

// Requirements are what an enterprise must be to claim. A zero field means no requirement.
type Requirements struct {
	// Certified: a 科技型中小企业 certification valid on the claim date.
	Certified bool `json:"certified,omitempty"`
	// CrowdSpaceTeam: a team registered in a city-level or higher 众创空间 qualifies
	// without the certification and the financial limits.
	CrowdSpaceTeam bool `json:"crowd_space_team,omitempty"`
	// MaxRevenue: revenue strictly below this in each of the RevenueYears years
	// before the claim year (default 1).
	MaxRevenue   cxq.Money `json:"max_revenue"`
	RevenueYears int       `json:"revenue_years,omitempty"`
	// MaxStaff: strictly fewer employees than this.
	MaxStaff int `json:"max_staff,omitempty"`
	// MaxCapital: registered capital at most this.
	MaxCapital cxq.Money `json:"max_capital"`
	// NoBadCredit: no record of bad credit.
	NoBadCredit bool `json:"no_bad_credit,omitempty"`
}

// Policy is one version of a voucher programme's rules, as data. Amount fields that are
// zero mean "no such limit". The zero Policy is not valid; build one from a preset or
// JSON and check it with [Policy.Validate].
type Policy struct {
	ID      string     `json:"id"`
	Version string     `json:"version"`
	Name    cxq.Text   `json:"name"`
	Sources []Source   `json:"sources,omitempty"`
	From    time.Time  `json:"from"`            // first instant the policy applies
	Until   *time.Time `json:"until,omitempty"` // first instant it no longer applies; nil = open
	Area    Place      `json:"area"`            // what "local" means for tiers and bonuses

	Rate    cxq.Rate `json:"rate"`              // the subsidy rate when no tier matches
	Tiers   []Tier   `json:"tiers,omitempty"`   // rates by where enterprise and provider are
	Bonuses []Bonus  `json:"bonuses,omitempty"` // added points; the sum stays ≤ 100%

	MinContract cxq.Money `json:"min_contract"` // estimated contract amount at least this
	MaxProject  cxq.Money `json:"max_project"`  // the subsidised part of a contract at most this
	PerClaimCap cxq.Money `json:"per_claim_cap"`
	// FirstClaimCap bounds the first claim of a year or cycle; a request above it is refused.
	FirstClaimCap cxq.Money `json:"first_claim_cap"`
	AnnualCap     cxq.Money `json:"annual_cap"` // per enterprise per period
	Period        CapPeriod `json:"period"`
	CycleMonths   int       `json:"cycle_months,omitempty"`
	// ReclaimAbove: a further claim in the period needs strictly more than this share of
	// what was claimed to be used (hebei, langfang: 50%). Zero: no such rule.
	ReclaimAbove cxq.Rate `json:"reclaim_above"`

	Usage UsageRules `json:"usage"`
	// CarryOver adds what a year's budget left unspent — each pool's rest to the next
	// year's pool of the same ID, the total's to the total — as it stands when the next
	// year's budget is set (see Budget.Carried).
	CarryOver bool         `json:"carry_over,omitempty"`
	Excluded  []Exclusion  `json:"excluded,omitempty"`
	NoRelated bool         `json:"no_related,omitempty"` // no affiliation with the provider
	Exclusive []string     `json:"exclusive,omitempty"`  // IDs of programmes a holder may not combine
	Requires  Requirements `json:"requires"`
	// ProviderRedeems: the provider, not the enterprise, starts, fills in and submits
	// the redemption of the enterprise's voucher (Binhai New Area 2024–2025, Hebei
	// in-province use); false: the enterprise redeems and the provider may not.
	ProviderRedeems bool `json:"provider_redeems,omitempty"`
	// SplitUse: a voucher may be redeemed in several redemptions, one live at a time;
	// each consumes what it redeemed and the rest stays reserved until it is used,
	// revoked or returned (hebei, langfang). False: the first redemption to pass review
	// settles the voucher and returns what it did not use.
	SplitUse bool `json:"split_use,omitempty"`
	// FilingCounts: a submitted redemption whose contract is filed (备案) counts as use
	// of its voucher, for the re-claim rule, from the filing date until it is decided
	// (hebei: the voucher amount of contracts filed against it). False: only what
	// redemptions that passed review paid counts.
	FilingCounts bool `json:"filing_counts,omitempty"`
	// EvaluationRequired: a redemption may be submitted only once the enterprise has
	// evaluated the service of its order (服务评价, by the programme's rubric); until then
	// the submission is refused with CodeEvaluationMissing. False: evaluating is
	// optional.
	EvaluationRequired bool `json:"evaluation_required,omitempty"`
	// Notice is the public notice (公示) approved redemptions are held in before payout;
	// the zero Notice pays at approval.
	Notice   Notice       `json:"notice,omitzero"`
	Rounding cxq.Rounding `json:"rounding"`
	// SpotCheck: the office draws and inspects a share of the redeemed cases every
	// period, and a failed inspection may claw back what was paid (抽查; langfang,
	// beijing-changping). Nil: the policy has no spot checks.
	SpotCheck *SpotCheckRule `json:"spot_check,omitempty"`
}

// Ref returns the policy's ID and version.
func (p Policy) Ref() Ref { return Ref{ID: p.ID, Version: p.Version} }

// InEffect reports whether the policy applies at t.
func (p Policy) InEffect(t time.Time) bool {
	if t.Before(p.From) {
		return false
	}
	return p.Until == nil || t.Before(*p.Until)
}

// Parse reads a policy from JSON and validates it. An absent rounding means
// [cxq.RoundDown] and an absent period [PerYear].
func Parse(b []byte) (Policy, error) {
	var p Policy
	if err := json.Unmarshal(b, &p); err != nil {
		return Policy{}, cxq.NewFieldError("", cxq.CodeFormat, map[string]string{"reason": err.Error()},
			cxq.T("政策文件格式不正确：{reason}", "policy file is malformed: {reason}"))
	}
	if p.Rounding == "" {
		p.Rounding = cxq.RoundDown
	}
	if p.Period == "" {
		p.Period = PerYear
	}
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	return p, nil
}
