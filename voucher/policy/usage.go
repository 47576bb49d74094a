package policy

import (
	"time"

	"github.com/cxqkit/cxq"
)

// Codes of the usage events.
const (
	CodeFirstUseMissed = "first_use_missed" // nothing used by the first-use deadline: all revoked
	CodeUnusedExpired  = "unused_at_expiry" // the unused rest is revoked at the end of validity
	CodeLowUsage       = "low_usage"        // usage below the policy's share at expiry; params: used, share
)

// VoucherUse is an issued voucher as its usage rules see it, checked at At.
type VoucherUse struct {
	Issued time.Time `json:"issued"`
	Amount cxq.Money `json:"amount"` // face value
	Used   cxq.Money `json:"used"`
	At     time.Time `json:"at"`
}

// Deadline is a usage deadline, known from the moment a voucher is issued so that it can
// be shown ahead of time. It passes at the instant At (a whole number of months after the
// issue, to the minute), so Text names the day and the minute, in China Standard Time:
// "有效期至 2026-09-03" alone would read as valid through that day.
type Deadline struct {
	Code string    `json:"code"` // CodeFirstUseMissed or CodeUnusedExpired: what happens when it passes
	At   time.Time `json:"at"`
	Text cxq.Text  `json:"text"`
}

// Outcome is what the usage rules decide for a voucher at a moment. Revoked is the amount
// taken back now (returned to the pool); Reasons say why; Ban, when set, is the claim
// year the enterprise loses. Next is the next deadline still ahead, if any.
type Outcome struct {
	Revoked cxq.Money `json:"revoked"`
	Expired bool      `json:"expired"`
	Reasons []Reason  `json:"reasons,omitempty"`
	Ban     *Ban      `json:"ban,omitempty"`
	Next    *Deadline `json:"next,omitempty"`
}

// Extended returns when the usage deadlines of a voucher issued at issued count from once
// its validity was extended (Usage.ExtensionMonths later): every deadline moves by the
// extension.
func (p Policy) Extended(issued time.Time) time.Time {
	return addMonths(issued, p.Usage.ExtensionMonths)
}

// UsageDeadlines returns the policy's deadlines for a voucher issued at issued, in order.
func (p Policy) UsageDeadlines(issued time.Time) []Deadline {
	var out []Deadline
	if n := p.Usage.FirstUseMonths; n > 0 {
		at := addMonths(issued, n)
		d := deadlineText(at)
		out = append(out, Deadline{Code: CodeFirstUseMissed, At: at,
			Text: cxq.T(d+" 前未使用的，创新券全额收回", "unless used by "+d+", the whole voucher is revoked")})
	}
	if n := p.Usage.ValidMonths; n > 0 {
		at := addMonths(issued, n)
		d := deadlineText(at)
		out = append(out, Deadline{Code: CodeUnusedExpired, At: at,
			Text: cxq.T("有效期至 "+d+"，届时未使用部分收回", "valid until "+d+"; what is unused then is revoked")})
	}
	return out
}

// UsageOutcome applies the policy's usage rules to a voucher at u.At.
func UsageOutcome(p Policy, u VoucherUse) Outcome {
	var o Outcome
	for _, d := range p.UsageDeadlines(u.Issued) {
		if u.At.Before(d.At) {
			if o.Next == nil && o.Revoked.IsZero() && !o.Expired {
				dd := d
				o.Next = &dd
			}
			continue
		}
		switch d.Code {
		case CodeFirstUseMissed:
			if !u.Used.IsZero() {
				continue
			}
			r := reason(CodeFirstUseMissed, map[string]string{"deadline": deadlineText(d.At)})
			o.Revoked, o.Expired = u.Amount, true
			o.Reasons = append(o.Reasons, r)
			o.Ban = banFor(p.Usage.FirstUseBan, d.At, r)
			return o
		case CodeUnusedExpired:
			o.Expired = true
			rest := u.Amount.Sub(u.Used).ClampZero()
			if !rest.IsZero() {
				o.Revoked = rest
				r := reason(CodeUnusedExpired, map[string]string{"rest": rest.String()})
				o.Reasons = append(o.Reasons, r)
				if b := banFor(p.Usage.UnusedBan, d.At, r); b != nil {
					o.Ban = b
				}
			}
			// used < amount × share exactly when used < amount × share rounded up to the fen.
			if !p.Usage.LowUsageBelow.IsZero() && u.Used.LessThan(u.Amount.MulRate(p.Usage.LowUsageBelow, cxq.RoundUp)) {
				r := reason(CodeLowUsage, map[string]string{"used": u.Used.String(), "amount": u.Amount.String(), "share": p.Usage.LowUsageBelow.Percent()})
				o.Reasons = append(o.Reasons, r)
				if b := banFor(p.Usage.LowUsageBan, d.At, r); b != nil {
					o.Ban = b
				}
			}
		}
	}
	return o
}

// banFor returns the ban a rule broken at t brings, or nil for NoBan.
func banFor(scope BanScope, t time.Time, r Reason) *Ban {
	year := ClaimYear(t)
	switch scope {
	case SameYear:
	case NextYear:
		year++
	default:
		return nil
	}
	return &Ban{Year: year, Code: r.Code, Reason: r.Text()}
}

// deadlineText prints a deadline's instant as people read it: day and minute in China
// Standard Time (2026-09-03 09:09).
func deadlineText(at time.Time) string { return ChinaTime(at).Format("2006-01-02 15:04") }
