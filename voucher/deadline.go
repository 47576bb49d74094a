package voucher

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Expiry is one application the deadline rules ended.
type Expiry struct {
	ApplicationID string          `json:"application_id"`
	Released      cxq.Money       `json:"released"` // reserved quota returned to the pool
	Reasons       []policy.Reason `json:"reasons"`
	Ban           *policy.Ban     `json:"ban,omitempty"`
}

// DeadlineReport is what one run of the deadline rules did.
type DeadlineReport struct {
	AsOf    time.Time `json:"as_of"`
	Checked int       `json:"checked"`
	Expired []Expiry  `json:"expired"`
}

// ApplyDeadlines applies the usage rules of each approved, unredeemed application's
// policy as of asOf (see UsageOutcome): an expired voucher's reservation is released
// (exactly once: the application then holds none), the reasons are recorded on the
// application and in its audit trail, and a ban, when the rules impose one, is recorded
// on the enterprise's quota for the banned year, and the enterprise is told in a notice.
// The reminders of every voucher left in force are brought up to date (Config.ReminderDays).
// Applications with a redemption under way, or a return (退券) awaiting the office, are
// left alone. Only the programme office
// runs it; running it again applies nothing twice.
func (s *Service) ApplyDeadlines(ctx context.Context, a Actor, asOf time.Time) (DeadlineReport, error) {
	rep := DeadlineReport{AsOf: asOf, Expired: []Expiry{}}
	if a.Role != RoleCoordinator || a.ID == "" {
		return rep, s.deny(ctx, a, "apply_deadlines", "", "", "only the programme office runs deadlines", false)
	}
	now := s.clock()
	due, err := view(ctx, s, func(tx Tx) ([]string, error) {
		apps, _, err := tx.Applications().List(ctx, ListFilter{Statuses: []State{review.Approved}, Oldest: true})
		if err != nil {
			return nil, err
		}
		var due []string
		for _, app := range apps {
			if app.Reserved.Sign() <= 0 || app.Ended != "" {
				continue
			}
			rep.Checked++
			ok, err := s.deadlineDue(ctx, tx, app, asOf, now)
			if err != nil {
				return nil, err
			}
			if ok {
				due = append(due, app.ID)
			}
		}
		return due, nil
	})
	if err != nil {
		return rep, err
	}
	// Only a voucher the rules change takes a write transaction (each decided again in it).
	for _, id := range due {
		exp, err := mutate(ctx, s, a, "", "ApplyDeadline", nil, func(tx Tx, now time.Time) (*Expiry, error) {
			return s.expire(ctx, tx, a, id, asOf, now)
		})
		if err != nil {
			return rep, err
		}
		if exp != nil {
			rep.Expired = append(rep.Expired, *exp)
		}
	}
	return rep, nil
}

// usageOutcome is the outcome of app's usage rules as of asOf; skip is true when the
// rules leave app alone: not approved, holding no reservation, ended, being returned, or
// with a redemption under way.
func (s *Service) usageOutcome(ctx context.Context, tx Tx, app Application, asOf time.Time) (o policy.Outcome, skip bool, err error) {
	if _, ok := app.Approved(); !ok || app.Reserved.Sign() <= 0 || app.Ended != "" || app.Returning != "" {
		return o, true, nil
	}
	reds, _, err := tx.Redemptions().List(ctx, ListFilter{ApplicationID: app.ID})
	if err != nil {
		return o, true, err
	}
	if slices.ContainsFunc(reds, func(r Redemption) bool { return r.Live() }) {
		return o, true, nil
	}
	p, err := s.policies.Get(app.Policy)
	if err != nil {
		return o, true, err
	}
	issued, _ := app.validFrom(p)
	return policy.UsageOutcome(p, policy.VoucherUse{Issued: issued, Amount: app.Amount, Used: app.Paid, At: asOf}), false, nil
}

// deadlineDue reports, reading only, whether expire would change app: end it, or bring
// its reminders up to date.
func (s *Service) deadlineDue(ctx context.Context, tx Tx, app Application, asOf, now time.Time) (bool, error) {
	o, skip, err := s.usageOutcome(ctx, tx, app, asOf)
	switch {
	case err != nil || skip:
		return false, err
	case o.Expired || !o.Revoked.IsZero():
		return true, nil
	}
	return s.remindersDue(ctx, tx, &app, now)
}

// expire applies the usage rules to one application in a transaction.
func (s *Service) expire(ctx context.Context, tx Tx, a Actor, id string, asOf, now time.Time) (*Expiry, error) {
	app, err := s.apps.load(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	o, skip, err := s.usageOutcome(ctx, tx, app, asOf)
	if err != nil || skip {
		return nil, err
	}
	if !o.Expired && o.Revoked.IsZero() {
		return nil, s.remindApplication(ctx, tx, &app, now)
	}
	released := app.Reserved
	if err := s.settleHeld(ctx, tx, a, now, &app, released, cxq.Money{}, "expire "+app.ID); err != nil {
		return nil, err
	}
	codes := make([]string, len(o.Reasons))
	for i, r := range o.Reasons {
		codes[i] = r.Code
	}
	if o.Ban != nil {
		if err := s.recordBan(ctx, tx, a, now, &app, *o.Ban); err != nil {
			return nil, err
		}
	}
	app.Ended = strings.Join(codes, ",")
	ban := ""
	if o.Ban != nil {
		ban = o.Ban.Code + "@" + strconv.Itoa(o.Ban.Year)
	}
	note := auditNote("released", released.String(), "reasons", app.Ended, "ban", ban, "as_of", asOf.UTC().Format(time.RFC3339))
	if err := save(ctx, s, tx, s.apps, &app, a, now, "expire", app.State(), note); err != nil {
		return nil, err
	}
	if err := s.expiryNotice(ctx, tx, &app, released, o.Reasons, now); err != nil {
		return nil, err
	}
	return &Expiry{ApplicationID: app.ID, Released: released, Reasons: o.Reasons, Ban: o.Ban}, nil
}

// recordBan records ban on the enterprise's quota of the banned year, audited.
func (s *Service) recordBan(ctx context.Context, tx Tx, a Actor, now time.Time, app *Application, ban policy.Ban) error {
	q, err := tx.BanQuota(ctx, QuotaKey{EnterpriseID: app.EnterpriseID, PolicyID: app.Quota.PolicyID, Period: ban.Year}, ban)
	if err != nil {
		return err
	}
	return s.moved(ctx, tx, a, now, "quota.ban", q, auditNote("ban", ban.Code, "application", app.ID))
}

// Deadlines returns the usage deadlines of an approved application the actor may see,
// known from the moment it was approved so they can be shown ahead of time; none before
// approval or under a policy without usage rules.
func (s *Service) Deadlines(ctx context.Context, a Actor, applicationID string) ([]policy.Deadline, error) {
	return view(ctx, s, func(tx Tx) ([]policy.Deadline, error) {
		app, err := read(ctx, s, tx, s.apps, a, applicationID)
		if err != nil {
			return nil, err
		}
		return s.VoucherDeadlines(app)
	})
}

// RedemptionDeadlines returns the usage deadlines of the application redemption id
// redeems, to whoever may see the redemption (its reviewers too, who may not see the
// application itself): what the redemption's page shows of the voucher's time.
func (s *Service) RedemptionDeadlines(ctx context.Context, a Actor, id string) ([]policy.Deadline, error) {
	return view(ctx, s, func(tx Tx) ([]policy.Deadline, error) {
		red, err := read(ctx, s, tx, s.reds, a, id)
		if err != nil {
			return nil, err
		}
		app, err := s.apps.load(ctx, tx, red.ApplicationID)
		if err != nil {
			return nil, err
		}
		return s.VoucherDeadlines(app)
	})
}

// VoucherDeadlines returns the usage deadlines of an application already read (none
// before it is approved), without reading the store again: what a list shows per row.
func (s *Service) VoucherDeadlines(app Application) ([]policy.Deadline, error) {
	if _, ok := app.Approved(); !ok {
		return nil, nil
	}
	p, err := s.policies.Get(app.Policy)
	if err != nil {
		return nil, err
	}
	issued, _ := app.validFrom(p)
	return p.UsageDeadlines(issued), nil
}
