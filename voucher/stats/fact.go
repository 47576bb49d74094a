package stats

import (
	"slices"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// Kind is the kind of record a [Fact] describes.
type Kind string

// The kinds of record the figures count.
const (
	Applications Kind = "applications" // 科技创新券申请
	Redemptions  Kind = "redemptions"  // 创新券兑现
)

// Valid reports whether k is one of the declared kinds.
func (k Kind) Valid() bool { return k == Applications || k == Redemptions }

// Fact is one application or redemption as the figures read it, flattened from the
// record by the caller (voucher.Service.Statistics) so that this package needs no
// store and no voucher type.
type Fact struct {
	Kind         Kind   `json:"kind"`
	ID           string `json:"id"`
	OrderID      string `json:"order_id"`
	EnterpriseID string `json:"enterprise_id"`
	ProductName  string `json:"product_name"`
	ProviderID   string `json:"provider_id"`
	ProviderName string `json:"provider_name"`
	// Status is the record's standing: its review state, or for an application whose
	// voucher ended or is ending outside review the caller's standing for it
	// (voucher.Application.Standing: returned, expired, returning).
	Status review.State `json:"status"`
	// District is the district snapshotted at submission; "" for a draft.
	District string `json:"district"`
	// PolicyID is the policy the record is judged under (its voucher type); "" for a
	// draft, which has none yet.
	PolicyID string `json:"policy_id"`
	// Created is when the record was made; Submitted its first submission (zero for a
	// draft); Approved when it reached 复审通过 / 评审通过 (zero if it has not).
	Created   time.Time `json:"created"`
	Submitted time.Time `json:"submitted"`
	Approved  time.Time `json:"approved"`
	// Amounts are the record's money. Claimed is what was asked: an application's
	// Amount (申请创新券金额), a redemption's Total (兑现创新券金额合计). Granted is what
	// an approval still commits: for an approved application, what its voucher holds and
	// was paid (its Amount less what a return, an expiry, a lower redemption or a
	// clawback released to the quota, which a later claim may be granted again); an
	// approved redemption's Actual; zero otherwise. Redeemed is what was paid out and
	// kept: an application's Paid, a paid redemption's Actual (实际兑现金额), each less
	// what a spot check clawed back.
	Amounts
	// EnterpriseRegion and ProviderRegion are the parties' regions (北京, 天津, 河北, …),
	// "" when unknown.
	EnterpriseRegion string `json:"enterprise_region"`
	ProviderRegion   string `json:"provider_region"`
	// Refusals are the returns and rejections in the record's review history, and the
	// policy reasons recorded when the deadline rules ended it.
	Refusals []Refusal `json:"refusals,omitempty"`
}

// Amounts are what a record claimed, was granted and redeemed (see [Fact]); a [Row] or
// a [BudgetRow] sums them over its records.
type Amounts struct {
	Claimed  cxq.Money `json:"claimed"`
	Granted  cxq.Money `json:"granted"`
	Redeemed cxq.Money `json:"redeemed"`
}

// Plus returns a and b added amount by amount.
func (a Amounts) Plus(b Amounts) Amounts {
	return Amounts{Claimed: a.Claimed.Add(b.Claimed), Granted: a.Granted.Add(b.Granted), Redeemed: a.Redeemed.Add(b.Redeemed)}
}

// Equal reports whether a and b hold the same amounts.
func (a Amounts) Equal(b Amounts) bool {
	return a.Claimed.Equal(b.Claimed) && a.Granted.Equal(b.Granted) && a.Redeemed.Equal(b.Redeemed)
}

// Refusal is one return, rejection or policy ending of a record.
type Refusal struct {
	// Code is the review action (return, reject, vote_reject, object), "returned" for
	// a voucher the enterprise gave back (退券) or, for an ending by the deadline rules,
	// the policy reason code (e.g. "unused_expired").
	Code string `json:"code"`
	// Stage is the review state the action was taken in, or "expired" for a policy
	// ending.
	Stage review.State `json:"stage"`
	Time  time.Time    `json:"time"`
}

// Key returns "code@stage", the key the refusal table counts by.
func (r Refusal) Key() string { return r.Code + "@" + string(r.Stage) }

// StageExpired is the Stage of a refusal recorded by the deadline rules.
const StageExpired review.State = "expired"

// FromHistory returns the submission, the final approval and the refusals found in a
// review case's history: the first submit, the first entry into review.Approved, and
// every entry into review.Returned or review.Rejected.
func FromHistory(h []review.AuditEntry) (submitted, approved time.Time, refusals []Refusal) {
	for _, e := range h {
		switch {
		case e.Action == review.Submit && submitted.IsZero():
			submitted = e.Time
		case e.To == review.Approved && approved.IsZero():
			approved = e.Time
		case e.To == review.Returned || e.To == review.Rejected:
			refusals = append(refusals, Refusal{Code: string(e.Action), Stage: e.From, Time: e.Time})
		}
	}
	return submitted, approved, refusals
}

// Month returns the calendar month the fact counts in, as YYYY-MM in China Standard
// Time: the month of its first submission, or of its creation for a draft.
func (f Fact) Month() string {
	t := f.Submitted
	if t.IsZero() {
		t = f.Created
	}
	return t.In(cxq.China()).Format("2006-01")
}

// Flow returns "enterprise region→provider region", with "未知" for an unknown region.
func (f Fact) Flow() string {
	return regionName(f.EnterpriseRegion) + "→" + regionName(f.ProviderRegion)
}

func regionName(r string) string {
	if r == "" {
		return Unknown
	}
	return r
}

// Unknown labels an empty region, district or policy.
const Unknown = "未知"

// Dim is what a table groups records by.
type Dim string

// The dimensions of the figures.
const (
	ByStatus   Dim = "status"
	ByDistrict Dim = "district"
	ByMonth    Dim = "month"
	ByPolicy   Dim = "policy"
	ByProvider Dim = "provider"
	ByFlow     Dim = "flow"
	ByRefusal  Dim = "refusal"
	// ByDuration selects the records with a time to approval (the ones the median and
	// p90 are taken over); its key is ignored.
	ByDuration Dim = "duration"
	// ByAll selects every record of the kind; its key is ignored.
	ByAll Dim = "all"
)

// Valid reports whether d is one of the declared dimensions.
func (d Dim) Valid() bool {
	switch d {
	case ByStatus, ByDistrict, ByMonth, ByPolicy, ByProvider, ByFlow, ByRefusal, ByDuration, ByAll:
		return true
	}
	return false
}

// key returns the key f counts under in d; refusals, which may be many, are matched by
// [Drill.Match].
func (f Fact) key(d Dim) string {
	switch d {
	case ByStatus:
		return string(f.Status)
	case ByDistrict:
		return f.District
	case ByMonth:
		return f.Month()
	case ByPolicy:
		return f.PolicyID
	case ByProvider:
		return f.ProviderID
	case ByFlow:
		return f.Flow()
	}
	return ""
}

// Drill names the records behind one figure: those of Kind whose value in Dim is Key.
// Every [Row] carries the Drill that lists its records.
type Drill struct {
	Kind Kind   `json:"kind"`
	Dim  Dim    `json:"dim"`
	Key  string `json:"key"`
}

// Match reports whether f is one of the records behind d.
func (d Drill) Match(f Fact) bool {
	if f.Kind != d.Kind {
		return false
	}
	switch d.Dim {
	case ByAll:
		return true
	case ByDuration:
		return !f.Submitted.IsZero() && !f.Approved.IsZero()
	case ByRefusal:
		if d.Key == "" { // the table's total: every record refused at all
			return len(f.Refusals) > 0
		}
		return slices.ContainsFunc(f.Refusals, func(r Refusal) bool { return r.Key() == d.Key })
	}
	return f.key(d.Dim) == d.Key
}

// Select returns the facts behind d, in the order given.
func Select(facts []Fact, d Drill) []Fact {
	var out []Fact
	for _, f := range facts {
		if d.Match(f) {
			out = append(out, f)
		}
	}
	return out
}
