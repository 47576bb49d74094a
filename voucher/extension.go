package voucher

import (
	"context"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Extension records the one-time extension of a voucher's validity
// (policy.UsageRules.ExtensionMonths): by whom, when and why.
type Extension struct {
	Months int       `json:"months"`
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// Codes of the refusals of an extension.
const (
	CodeNoExtension      = "no_extension"     // the policy allows none, or the voucher has no deadlines to extend
	CodeAlreadyExtended  = "already_extended" // a voucher is extended once
	CodeNotExtendable    = "not_extendable"   // not an approved voucher still in force
	CodeExtensionReason  = "extension_reason" // the reason is required
	maxExtensionReasonLn = 500
)

// ExtendParams extends the validity of the voucher of application ID, once, with a reason.
type ExtendParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Reason  string `json:"reason"`
}

// validFrom returns when the voucher's usage deadlines count from under p: its approval,
// moved by the extension when it was extended; false before approval.
func (app Application) validFrom(p policy.Policy) (time.Time, bool) {
	issued, ok := app.Approved()
	if ok && app.Extension != nil {
		issued = p.Extended(issued)
	}
	return issued, ok
}

// ExtendVoucher is the programme office extending an approved voucher's validity once, by
// the policy's ExtensionMonths, with a reason: every usage deadline (and its reminders)
// moves by as much. Refusals are field errors with the codes above.
func (s *Service) ExtendVoucher(ctx context.Context, a Actor, in ExtendParams) (Application, error) {
	if a.Role != RoleCoordinator || a.ID == "" {
		return Application{}, s.deny(ctx, a, "extend_voucher", StreamApplication, in.ID, "only the programme office extends vouchers", false)
	}
	return mutate(ctx, s, a, in.Key, "ExtendVoucher", in, func(tx Tx, now time.Time) (Application, error) {
		if fe := cxq.CheckText("reason", cxq.T("延期理由", "reason"), in.Reason, cxq.TextRule{Required: true, Max: maxExtensionReasonLn}); fe != nil {
			return Application{}, fe
		}
		app, err := s.apps.load(ctx, tx, in.ID)
		if err != nil {
			return Application{}, err
		}
		if err := checkVersion(StreamApplication, app.ID, in.Version, app.Version); err != nil {
			return Application{}, err
		}
		p, err := s.policies.Get(app.Policy)
		if err != nil {
			return Application{}, err
		}
		if err := extendable(app, p); err != nil {
			return Application{}, err
		}
		app.Extension = &Extension{Months: p.Usage.ExtensionMonths, Reason: in.Reason, By: a.ID, At: now}
		if err := save(ctx, s, tx, s.apps, &app, a, now, "extend", app.State(),
			auditNote("months", strconv.Itoa(p.Usage.ExtensionMonths), "reason", in.Reason)); err != nil {
			return Application{}, err
		}
		return app, s.remindApplication(ctx, tx, &app, now)
	})
}

// extendable says why app's voucher may not be extended under p, if it may not.
func extendable(app Application, p policy.Policy) error {
	_, approved := app.Approved()
	switch {
	case p.Usage.ExtensionMonths <= 0 || len(p.UsageDeadlines(time.Time{})) == 0:
		return cxq.NewFieldError("id", CodeNoExtension, nil, cxq.T("该政策不允许创新券延期", "the policy allows no extension"))
	case app.Extension != nil:
		return cxq.NewFieldError("id", CodeAlreadyExtended, nil, cxq.T("该创新券已延期过一次", "the voucher was extended once already"))
	case !approved || app.Ended != "" || app.Reserved.Sign() <= 0:
		return cxq.NewFieldError("id", CodeNotExtendable, nil, cxq.T("只有仍有效的创新券可以延期", "only a voucher still in force may be extended"))
	}
	return nil
}
