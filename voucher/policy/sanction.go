package policy

import (
	"time"

	"github.com/cxqkit/cxq"
)

// CodeSanctioned is the reason a sanctioned party's claim is refused; params: party_zh,
// party_en, kind_zh, kind_en, from, until_zh, until_en, basis.
const CodeSanctioned = "sanctioned"

// PartyKind is who a sanction restricts.
type PartyKind string

// The parties a sanction may restrict.
const (
	PartyEnterprise PartyKind = "enterprise" // 企业: its orders, applications and redemptions
	PartyProvider   PartyKind = "provider"   // 服务机构: orders for its products, their redemptions
	PartyController PartyKind = "controller" // 实际控制人: every enterprise it controls (Enterprise.Controller)
)

// Valid reports whether k is a known party kind.
func (k PartyKind) Valid() bool {
	return k == PartyEnterprise || k == PartyProvider || k == PartyController
}

// Label names the party kind in Chinese and English.
func (k PartyKind) Label() cxq.Text {
	switch k {
	case PartyEnterprise:
		return cxq.T("企业", "enterprise")
	case PartyProvider:
		return cxq.T("服务机构", "provider")
	case PartyController:
		return cxq.T("实际控制人", "actual controller")
	}
	return cxq.T(string(k), string(k))
}

// SanctionKind is what a sanction does.
type SanctionKind string

// The kinds of sanction.
const (
	Freeze    SanctionKind = "freeze"    // 冻结: no claims for a stated period
	Blacklist SanctionKind = "blacklist" // 黑名单: no claims, for a period or until lifted
)

// Valid reports whether k is a known sanction kind.
func (k SanctionKind) Valid() bool { return k == Freeze || k == Blacklist }

// Label names the sanction kind in Chinese and English.
func (k SanctionKind) Label() cxq.Text {
	switch k {
	case Freeze:
		return cxq.T("冻结", "frozen")
	case Blacklist:
		return cxq.T("列入黑名单", "blacklisted")
	}
	return cxq.T(string(k), string(k))
}

// Sanction is the terms of a restriction the programme office puts on a party: the rule
// of when it is in force and the reason a refused claim gives lives here, and only here.
type Sanction struct {
	Party   PartyKind    `json:"party"`
	PartyID string       `json:"party_id"`
	Kind    SanctionKind `json:"kind"`
	// From is the first instant it applies; Until the first instant it no longer does
	// (zero: until lifted, for a blacklist only).
	From  time.Time `json:"from"`
	Until time.Time `json:"until,omitzero"`
	Basis string    `json:"basis"` // 依据: the rule or decision it rests on
	// Lifted is when the office lifted it (zero: not lifted); it no longer applies from then.
	Lifted time.Time `json:"lifted,omitzero"`
}

// InForce reports whether the sanction restricts its party at t: From ≤ t, before
// Until (if any) and before it was lifted (if it was).
func (s Sanction) InForce(t time.Time) bool {
	return !t.Before(s.From) && (s.Until.IsZero() || t.Before(s.Until)) && (s.Lifted.IsZero() || t.Before(s.Lifted))
}

// Reason is the reason a claim of the sanctioned party gives: who, what, the period
// (its last day, or 长期 when open-ended) and the basis.
func (s Sanction) Reason() Reason {
	party, kind := s.Party.Label(), s.Kind.Label()
	until := cxq.T("长期", "until lifted")
	if !s.Until.IsZero() {
		d := ChinaTime(s.Until.Add(-time.Nanosecond)).Format("2006-01-02")
		until = cxq.T(d, d)
	}
	return reason(CodeSanctioned, map[string]string{"party_zh": party.ZH, "party_en": party.EN, "kind_zh": kind.ZH,
		"kind_en": kind.EN, "from": ChinaTime(s.From).Format("2006-01-02"), "until_zh": until.ZH, "until_en": until.EN,
		"basis": s.Basis})
}

// Sanctioned returns the reasons of every sanction of ss in force at t, in their order.
func Sanctioned(ss []Sanction, t time.Time) []Reason {
	var out []Reason
	for _, s := range ss {
		if s.InForce(t) {
			out = append(out, s.Reason())
		}
	}
	return out
}

// sanctionWords are the messages of sanctions.
func sanctionWords(code string) (cxq.Text, bool) {
	if code != CodeSanctioned {
		return cxq.Text{}, false
	}
	return cxq.T("{party_zh}已被{kind_zh}（{from} 至 {until_zh}，依据：{basis}），不得申报或兑现创新券",
		"the {party_en} is {kind_en} ({from} to {until_en}, under {basis}) and may not claim or redeem vouchers"), true
}
