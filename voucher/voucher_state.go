package voucher

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// Codes of the changes a voucher's state refuses (*[VoucherStateError]).
const (
	CodeVoucherNotIssued = "voucher_not_issued" // the application is not approved (复审通过)
	CodeVoucherReturned  = "voucher_returned"   // the voucher was returned (已退券)
	CodeVoucherExpired   = "voucher_expired"    // the usage rules revoked it at a deadline
	CodeVoucherReturning = "voucher_returning"  // a return awaits the office
	CodeVoucherUsedUp    = "voucher_used_up"    // nothing of it is left to redeem
	CodeRedemptionOpen   = "redemption_open"    // another redemption of it is under way
)

// VoucherStateError is a change the state of the voucher of an application does not
// allow, for a reason refreshing the page cannot change: opening a redemption of a voucher
// returned, expired, being returned, used up, not yet issued, or with another redemption
// under way. It matches cxq.ErrConflict; Code says which, and Text says it to a person.
type VoucherStateError struct {
	Application string
	Code        string
}

func (e *VoucherStateError) Error() string {
	return fmt.Sprintf("voucher: application %s: %s", e.Application, e.Text().EN)
}

// Is matches cxq.ErrConflict.
func (e *VoucherStateError) Is(target error) bool { return target == cxq.ErrConflict }

// Text returns the refusal in Chinese and English.
func (e *VoucherStateError) Text() cxq.Text {
	switch e.Code {
	case CodeVoucherNotIssued:
		return cxq.T("创新券申请尚未复审通过，不能申请兑现", "the voucher application is not approved yet; it cannot be redeemed")
	case CodeVoucherReturned:
		return cxq.T("创新券已退券，不能申请兑现", "the voucher was returned; it cannot be redeemed")
	case CodeVoucherExpired:
		return cxq.T("创新券已失效（期满收回），不能申请兑现", "the voucher was revoked at its deadline; it cannot be redeemed")
	case CodeVoucherReturning:
		return cxq.T("该创新券的退券申请待审核，不能申请兑现", "a return of the voucher awaits the office; it cannot be redeemed")
	case CodeVoucherUsedUp:
		return cxq.T("创新券已全部兑现，没有可兑现的余额", "the voucher is redeemed in full; nothing of it is left to redeem")
	case CodeRedemptionOpen:
		return cxq.T("该创新券已有进行中的兑现申请，请在该申请中继续", "the voucher has a redemption under way; continue with that one")
	}
	return cxq.T(e.Code, e.Code)
}

// redeemable says why a redemption of app may not be opened now, if it may not.
func redeemable(ctx context.Context, tx Tx, app Application) error {
	refuse := func(code string) error { return &VoucherStateError{Application: app.ID, Code: code} }
	switch {
	case app.Ended == EndedReturned:
		return refuse(CodeVoucherReturned)
	case app.Ended != "":
		return refuse(CodeVoucherExpired)
	case app.Returning != "":
		return refuse(CodeVoucherReturning)
	case app.State() != review.Approved:
		return refuse(CodeVoucherNotIssued)
	case app.Reserved.Sign() <= 0:
		return refuse(CodeVoucherUsedUp)
	}
	reds, _, err := tx.Redemptions().List(ctx, ListFilter{ApplicationID: app.ID})
	if err != nil {
		return err
	}
	for _, r := range reds {
		if r.Live() && r.ApplicationID == app.ID {
			return refuse(CodeRedemptionOpen)
		}
	}
	return nil
}
