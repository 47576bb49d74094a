package policy

import (
	"time"

	"github.com/cxqkit/cxq"
)

// Enterprise is an applicant (企业) as the rules see it: plain facts, supplied by the
// caller from its own records.
type Enterprise struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	USCC string `json:"uscc"` // 统一社会信用代码
	// Place is where it is registered; tiers compare it with the policy's area.
	Place Place `json:"place"`
	// Certified: certified as 科技型中小企业; CertifiedUntil is the last instant the
	// certification is valid (zero: no known end).
	Certified      bool      `json:"certified"`
	CertifiedUntil time.Time `json:"certified_until"`
	// Revenue is the annual revenue by year (营业收入).
	Revenue []YearAmount `json:"revenue,omitempty"`
	Staff   int          `json:"staff"`              // employees
	Capital cxq.Money    `json:"registered_capital"` // 注册资本
	// BadCredit: a record of bad credit (失信).
	BadCredit bool `json:"bad_credit,omitempty"`
	// Related lists organisations it is affiliated with (隶属, 共建, 产权纽带).
	Related []RelatedParty `json:"related,omitempty"`
	// CrowdSpaceTeam: a team registered in a city-level or higher 众创空间.
	CrowdSpaceTeam bool `json:"crowd_space_team,omitempty"`
	// Held lists the IDs of other programmes' policies whose vouchers the enterprise
	// holds now (e.g. "hebei"); a policy's Exclusive list refuses a claim by a holder.
	Held []string `json:"held,omitempty"`
	// Controller identifies its actual controller (实际控制人) as the programme office
	// knows them; a sanction on the controller (PartyController) restricts every
	// enterprise naming them. Empty: none known.
	Controller string `json:"controller,omitempty"`
}

// YearAmount is an amount for one year.
type YearAmount struct {
	Year   int       `json:"year"`
	Amount cxq.Money `json:"amount"`
}

// RelatedParty is an organisation an enterprise is affiliated with. Kind is free text
// such as 隶属, 共建, 产权纽带.
type RelatedParty struct {
	ID   string `json:"id,omitempty"` // a provider ID, when it is one
	Name string `json:"name,omitempty"`
	USCC string `json:"uscc,omitempty"`
	Kind string `json:"kind,omitempty"`
}

// CertifiedAt reports whether the certification is valid at t.
func (e Enterprise) CertifiedAt(t time.Time) bool {
	return e.Certified && (e.CertifiedUntil.IsZero() || !t.After(e.CertifiedUntil))
}

// RevenueIn returns the revenue of year and whether it is known.
func (e Enterprise) RevenueIn(year int) (cxq.Money, bool) {
	for _, r := range e.Revenue {
		if r.Year == year {
			return r.Amount, true
		}
	}
	return cxq.Money{}, false
}

// RelatedTo returns the affiliation with a provider known by id, USCC and name, if any.
// USCCs are compared after normalisation; names exactly.
func (e Enterprise) RelatedTo(id, uscc, name string) (RelatedParty, bool) {
	u := cxq.NormalizeID(uscc)
	for _, r := range e.Related {
		switch {
		case r.ID != "" && r.ID == id,
			r.USCC != "" && u != "" && cxq.NormalizeID(r.USCC) == u,
			r.Name != "" && r.Name == name:
			return r, true
		}
	}
	return RelatedParty{}, false
}
