package policy

import (
	"strconv"

	"github.com/cxqkit/cxq"
)

// Codes of returning a voucher (退券): the reasons a voucher cannot be returned, and what
// a return means for the enterprise's later claims.
const (
	CodeReturnNotIssued = "return_not_issued" // the application has not passed its last review
	CodeReturnEnded     = "return_ended"      // the voucher already ended (returned, revoked); params: ended (the cause's code)
	CodeReturnUsed      = "return_used"       // part of it is paid or a redemption is under way; params: used
	CodeReturnPending   = "return_pending"    // a return of it awaits the programme office
	CodeReturnTooLate   = "return_too_late"   // a usage deadline passed: the rules revoke it; params: deadline
	CodeReturnNoBan     = "return_no_ban"     // the return costs no claim year
	CodeReturnBan       = "return_ban"        // the return costs a claim year; params: year
	CodeVoucherReturned = "voucher_returned"  // the reason of a ban a return brings; params: amount
)

// ReturnRules say what returning an issued, unused voucher (退券) takes.
type ReturnRules struct {
	// Review: a return takes effect only once the programme office approves it; false
	// (the default): at once, when the enterprise confirms it.
	Review bool `json:"review,omitempty"`
	// Ban is the claim year a return costs. NoBan (the default): a voucher returned
	// unused before any of its usage deadlines passes does not count as unused, so it
	// escapes the bans those rules bring at expiry (hebei's same-year ban, langfang's
	// next-year ban for low usage) — giving back early what will not be used is what the
	// rules ask for. SameYear or NextYear: a return costs that claim year, like a voucher
	// left unused. A return after a deadline passed is refused ([CodeReturnTooLate]):
	// the usage rules then apply as at expiry.
	Ban BanScope `json:"ban,omitempty"`
}

// ReturnCase is an issued voucher its enterprise asks to return, as the rules see it.
// Use.At is the moment of the request; Use.Used what its redemptions paid.
type ReturnCase struct {
	Use       VoucherUse
	Issued    bool      // its application passed its last review (复审通过)
	Held      cxq.Money // what it still holds on the quota
	Ended     string    // why it ended outside review, if it did
	Redeeming bool      // a redemption of it is under way
	Pending   bool      // a return of it already awaits the programme office
}

// ReturnEffect is what a return does: Released goes back to the quota and the budget
// pool; Ban, when set, is the claim year it costs; Effect explains the return's effect
// on later claims to the enterprise (CodeReturnNoBan or CodeReturnBan).
type ReturnEffect struct {
	Released cxq.Money `json:"released"`
	Review   bool      `json:"review"` // it takes effect once the office approves it
	Ban      *Ban      `json:"ban,omitempty"`
	Effect   Reason    `json:"effect"`
}

// ReturnOutcome judges a return of c under p: every reason it cannot be returned (none
// means it can), and what the return does.
func ReturnOutcome(p Policy, c ReturnCase) (ReturnEffect, []Reason) {
	var out []Reason
	switch {
	case !c.Issued:
		out = append(out, reason(CodeReturnNotIssued, nil))
	case c.Ended != "" || c.Held.Sign() <= 0:
		out = append(out, reason(CodeReturnEnded, map[string]string{"ended": c.Ended}))
	}
	if c.Use.Used.Sign() > 0 || c.Redeeming {
		out = append(out, reason(CodeReturnUsed, map[string]string{"used": c.Use.Used.String()}))
	}
	if c.Pending {
		out = append(out, reason(CodeReturnPending, nil))
	}
	if c.Issued {
		for _, d := range p.UsageDeadlines(c.Use.Issued) {
			if !c.Use.At.Before(d.At) {
				out = append(out, reason(CodeReturnTooLate, map[string]string{"deadline": ChinaTime(d.At).Format("2006-01-02")}))
				break
			}
		}
	}
	e := ReturnEffect{Released: c.Held, Review: p.Usage.Return.Review, Effect: reason(CodeReturnNoBan, nil)}
	if b := banFor(p.Usage.Return.Ban, c.Use.At, reason(CodeVoucherReturned, map[string]string{"amount": c.Held.String()})); b != nil {
		e.Ban = b
		e.Effect = reason(CodeReturnBan, map[string]string{"year": strconv.Itoa(b.Year)})
	}
	return e, out
}

// returnWords are the messages of returning a voucher.
func returnWords(code string) (cxq.Text, bool) {
	switch code {
	case CodeReturnNotIssued:
		return cxq.T("创新券申请尚未复审通过，不能退券",
			"the application has not passed its last review: there is no voucher to return"), true
	case CodeReturnEnded:
		return cxq.T("创新券已退回或已收回，不能退券",
			"the voucher was already returned or revoked"), true
	case CodeReturnUsed:
		return cxq.T("创新券已使用（已兑现 {used} 元）或正在兑现，不能退券",
			"the voucher is in use (paid {used}, or a redemption is under way) and cannot be returned"), true
	case CodeReturnPending:
		return cxq.T("已有退券申请待审核",
			"a return of this voucher already awaits the programme office"), true
	case CodeReturnTooLate:
		return cxq.T("已过使用期限 {deadline}，创新券按规定收回，不能退券",
			"the usage deadline {deadline} has passed: the rules revoke the voucher, it cannot be returned"), true
	case CodeReturnNoBan:
		return cxq.T("在使用期限前退券不计为未使用，不影响今后申请创新券",
			"a voucher returned before its deadlines does not count as unused: later claims are not affected"), true
	case CodeReturnBan:
		return cxq.T("退券后 {year} 年不得申请创新券",
			"after the return, no voucher may be claimed in {year}"), true
	case CodeVoucherReturned:
		return cxq.T("退回创新券 {amount} 元", "a voucher of {amount} was returned"), true
	}
	return cxq.Text{}, false
}
