package policy

import (
	"encoding/json"

	"github.com/cxqkit/cxq"
)

// Codes of the reasons a claim is refused or an order cannot get a voucher now.
const (
	CodeNotInEffect     = "not_in_effect"    // the policy does not apply at that time
	CodeNoVoucherBadge  = "no_voucher_badge" // the product lacks the 创新券 badge
	CodeNotCertified    = "not_certified"    // not a certified 科技型中小企业
	CodeCertExpired     = "certification_expired"
	CodeRevenueTooHigh  = "revenue_too_high" // params: year, max
	CodeRevenueUnknown  = "revenue_unknown"  // params: year
	CodeTooManyStaff    = "too_many_staff"   // params: max
	CodeCapitalTooHigh  = "capital_too_high" // params: max
	CodeBadCredit       = "bad_credit"
	CodeOrderUnconfirm  = "order_not_confirmed"
	CodeApplicationLive = "application_live" // the order already has a live application
	CodeQuotaExhausted  = "quota_exhausted"  // params: cap
	CodeOverQuota       = "over_quota"       // a requested amount above the remaining quota; params: remaining
	CodeFirstClaimCap   = "first_claim_cap"  // params: max
	CodePerClaimCap     = "per_claim_cap"    // params: max
	CodeOverRate        = "over_rate"        // a requested amount above rate × contract; params: max
	CodeReclaimUsage    = "reclaim_usage"    // more of the claims must be used first; params: used, claimed, share
	CodeClaimBanned     = "claim_banned"     // params: year, reason_zh, reason_en
	CodeRelatedParty    = "related_party"    // params: provider, kind
	CodeExcludedService = "excluded_service" // params: label_zh, label_en
	CodeExclusive       = "exclusive_policy" // params: policy
	CodeBelowMinimum    = "below_minimum"    // params: min
	CodeContractMissing = "contract_required"
	CodeRedeemDeadline  = "redemption_deadline" // params: deadline
	CodeNotPositive     = "not_positive"        // an amount must be above zero; params: amount
)

// Reason is one reason a claim is refused: a stable code, the parameters its message
// needs, and the message in Chinese and English (templates filled from Params).
type Reason struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params"`
	Msg    cxq.Text          `json:"-"`
}

// Text returns the message with its parameters filled in.
func (r Reason) Text() cxq.Text { return r.Msg.Fill(r.Params) }

// MarshalJSON writes {"code","params","message_zh","message_en"}.
func (r Reason) MarshalJSON() ([]byte, error) {
	t := r.Text()
	p := r.Params
	if p == nil {
		p = map[string]string{}
	}
	return json.Marshal(struct {
		Code      string            `json:"code"`
		Params    map[string]string `json:"params"`
		MessageZH string            `json:"message_zh"`
		MessageEN string            `json:"message_en"`
	}{r.Code, p, t.ZH, t.EN})
}

func reason(code string, params map[string]string, zh, en string) Reason {
	return Reason{Code: code, Params: params, Msg: cxq.T(zh, en)}
}

// RefusedError is a claim the policy refuses, for one reason. It matches the sentinel
// in Kind: cxq.ErrInvalid for an input the rules forbid, cxq.ErrConflict for a quota
// used up, cxq.ErrForbidden for an enterprise that may not claim now.
type RefusedError struct {
	Reason Reason
	Kind   error
}

// Error returns the English message.
func (e *RefusedError) Error() string { return "policy: refused: " + e.Reason.Text().EN }

// Is reports whether target is the error's kind.
func (e *RefusedError) Is(target error) bool { return target == e.Kind }

// MarshalJSON writes the reason.
func (e *RefusedError) MarshalJSON() ([]byte, error) { return json.Marshal(e.Reason) }

func refuse(kind error, r Reason) error { return &RefusedError{Reason: r, Kind: kind} }
