package policy

import (
	"strings"

	"github.com/cxqkit/cxq"
)

// The rules a breakdown step names.
const (
	RuleRate          = "rate"          // rate × base amount
	RuleProjectCap    = "project_cap"   // the subsidised part of a contract is capped
	RulePerClaimCap   = "per_claim_cap" // a single claim is capped
	RuleFirstClaimCap = "first_claim_cap"
	RuleQuota         = "quota"     // the remaining annual or cycle quota
	RuleRequested     = "requested" // the amount the enterprise asked for
	RuleApproved      = "approved"  // the approved application amount (redemption)
	RuleSpend         = "spend"     // the reconciled spend: min(invoices, contracts)
	RuleOwnShare      = "own_share" // what the enterprise pays itself (information only)
)

// Step is one rule applied while computing an amount. Limit is the bound the rule sets
// (for the rate: the computed amount); Binding marks the rule that decided the result.
// Text explains the step in Chinese and English.
type Step struct {
	Rule    string    `json:"rule"`
	Limit   cxq.Money `json:"limit"`
	Binding bool      `json:"binding"`
	Text    cxq.Text  `json:"text"`
}

// Breakdown is the ordered list of steps behind an amount, so a portal can show why.
type Breakdown []Step

// Binding returns the step that decided the amount, and false when none did (an empty
// breakdown).
func (b Breakdown) Binding() (Step, bool) {
	for _, s := range b {
		if s.Binding {
			return s, true
		}
	}
	return Step{}, false
}

// Text joins the steps' texts: Chinese with "；", English with "; ".
func (b Breakdown) Text() cxq.Text {
	zh := make([]string, 0, len(b))
	en := make([]string, 0, len(b))
	for _, s := range b {
		zh = append(zh, s.Text.ZH)
		en = append(en, s.Text.EN)
	}
	return cxq.Text{ZH: strings.Join(zh, "；"), EN: strings.Join(en, "; ")}
}

// bound is one candidate limit of an amount. A bound with fixed text (the rate)
// keeps it; the others are described as caps once the binding one is known.
type bound struct {
	rule   string
	limit  cxq.Money
	zh, en string    // the cap's name, e.g. 年度剩余额度 / remaining annual quota
	fixed  *cxq.Text // the whole text, for rate and requested steps
}

// settle picks the smallest bound (the first one on a tie) as the amount, marks it
// binding and renders every step in order. extra is room for steps the caller appends.
func settle(bounds []bound, extra int) (cxq.Money, Breakdown) {
	best := 0
	for i := 1; i < len(bounds); i++ {
		if bounds[i].limit.LessThan(bounds[best].limit) {
			best = i
		}
	}
	b := make(Breakdown, len(bounds), len(bounds)+extra)
	for i, bd := range bounds {
		b[i] = bd.step(i == best)
	}
	return bounds[best].limit, b
}

// step renders the bound: "未超过… X 元" when it did not bind, "受… X 元限制" when it did.
func (bd bound) step(binding bool) Step {
	s := Step{Rule: bd.rule, Limit: bd.limit, Binding: binding}
	switch {
	case bd.fixed != nil:
		s.Text = *bd.fixed
	case binding:
		s.Text = cxq.Text{ZH: yuanText("受"+bd.zh+" ", bd.limit, " 元限制"), EN: yuanText("limited by the "+bd.en+" ", bd.limit, "")}
	default:
		s.Text = cxq.Text{ZH: yuanText("未超过"+bd.zh+" ", bd.limit, " 元"), EN: yuanText("not above the "+bd.en+" ", bd.limit, "")}
	}
	return s
}

// yuanText returns pre + m + post with a single allocation.
func yuanText(pre string, m cxq.Money, post string) string {
	var buf [128]byte
	b := append(buf[:0], pre...)
	b = m.AppendString(b)
	return string(append(b, post...))
}
