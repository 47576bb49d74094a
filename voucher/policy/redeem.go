package policy

import (
	"time"

	"github.com/cxqkit/cxq"
)

// RedemptionInput is a redemption to compute: the approved application amount, the
// invoices and contracts submitted, and what the quota still allows.
type RedemptionInput struct {
	At time.Time `json:"at"`
	// Approved is the approved application amount (申请创新券金额).
	Approved cxq.Money `json:"approved"`
	// Invoices are the amounts of the invoices, Contracts the effective amounts of the
	// contracts.
	Invoices  []cxq.Money `json:"invoices"`
	Contracts []cxq.Money `json:"contracts"`
	// Available is what the quota lets this redemption consume: the amount its
	// application reserved plus whatever of the cap is not reserved or consumed.
	Available cxq.Money `json:"available"`
	// Filed is when the contract was filed (备案); with the policy's RedeemMonths it
	// sets the redemption deadline. Zero: no deadline is checked.
	Filed      time.Time `json:"filed"`
	Enterprise Place     `json:"enterprise"`
	Provider   Place     `json:"provider"`
}

// RedemptionDeadline returns the last instant a redemption may be applied for, and false
// when the policy sets no deadline or the filing date is unknown.
func (p Policy) RedemptionDeadline(filed time.Time) (time.Time, bool) {
	if p.Usage.RedeemMonths == 0 || filed.IsZero() {
		return time.Time{}, false
	}
	return addMonths(filed, p.Usage.RedeemMonths), true
}

// RedemptionAmount computes 兑现创新券金额合计: never more than the approved application
// amount, than rate × the reconciled spend (the smaller of the invoice total and the
// contracts' effective total), or than the quota available, with the breakdown of every
// rule. A refusal is a *RefusedError.
func RedemptionAmount(p Policy, in RedemptionInput) (cxq.Money, Breakdown, error) {
	if err := knownRounding(p); err != nil {
		return cxq.Money{}, nil, err
	}
	if d, ok := p.RedemptionDeadline(in.Filed); ok && in.At.After(d) {
		return cxq.Money{}, nil, refuse(cxq.ErrForbidden, reason(CodeRedeemDeadline,
			map[string]string{"deadline": deadlineText(d)}))
	}
	if err := noNegative(in.Approved, in.Available); err != nil {
		return cxq.Money{}, nil, err
	}
	var inv, con cxq.Money
	for _, m := range in.Invoices {
		if err := noNegative(m); err != nil {
			return cxq.Money{}, nil, err
		}
		inv = inv.Add(m)
	}
	for _, m := range in.Contracts {
		if err := noNegative(m); err != nil {
			return cxq.Money{}, nil, err
		}
		con = con.Add(m)
	}
	spend := inv.Min(con)
	spendText := cxq.Text{
		ZH: "发票合计 " + inv.String() + " 元，合同有效金额合计 " + con.String() + " 元，按较小者 " + spend.String() + " 元计算",
		EN: "invoices total " + inv.String() + ", contracts' effective amounts " + con.String() + "; the smaller, " + spend.String() + ", counts",
	}
	if rs := p.PlaceReasons(in.Enterprise, in.Provider); len(rs) > 0 {
		return cxq.Money{}, nil, refuse(cxq.ErrInvalid, rs[0])
	}
	terms := p.TermsFor(in.Enterprise, in.Provider)
	amount, b := settle([]bound{
		rateBound(p, terms, spend, "核定支出", "the reconciled spend"),
		{rule: RuleApproved, limit: in.Approved, zh: "已批准申请金额", en: "approved application amount"},
		{rule: RuleQuota, limit: in.Available.ClampZero(), zh: "可用额度", en: "available quota"},
	}, 0)
	b = append(Breakdown{{Rule: RuleSpend, Limit: spend, Text: spendText}}, b...)
	return amount, b, nil
}
