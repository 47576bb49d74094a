package voucher

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Codes of the deadlines reminders are sent for beyond the usage deadlines of
// voucher/policy (policy.CodeFirstUseMissed, policy.CodeUnusedExpired).
const (
	// DeadlineRedeem is the last day to apply for redemption, counted from the filing of
	// the contract (policy.UsageRules.RedeemMonths).
	DeadlineRedeem = "redeem_deadline"
)

// reminder is a reminder a record should have: the deadline it announces, how many days
// ahead, and to whom.
type reminder struct {
	code string
	at   time.Time // the deadline
	days int
	to   string
	text cxq.Text
}

// due is when the reminder goes out.
func (r reminder) due() time.Time { return r.at.Add(-time.Duration(r.days) * 24 * time.Hour).UTC() }

// applicationReminders are the reminders an application should have now: before each
// usage deadline of its policy that still matters (first use while nothing is used,
// the end of validity while something is reserved), and whether the application may
// hold reminders at all (approved under a policy with usage deadlines).
func (s *Service) applicationReminders(app *Application) ([]reminder, bool, error) {
	if _, ok := app.Approved(); !ok {
		return nil, false, nil
	}
	p, err := s.policies.Get(app.Policy)
	if err != nil {
		return nil, false, err
	}
	issued, _ := app.validFrom(p)
	deadlines := p.UsageDeadlines(issued)
	if len(deadlines) == 0 {
		return nil, false, nil
	}
	if app.Ended != "" || app.Reserved.Sign() <= 0 {
		return nil, true, nil
	}
	what := about(StreamApplication, &app.Record)
	var out []reminder
	for _, d := range deadlines {
		if d.Code == policy.CodeFirstUseMissed && !app.Paid.IsZero() {
			continue
		}
		out = append(out, s.remindersOf(d.Code, d.At, []string{OrgAddress(app.EnterpriseID)}, cxq.T(what.ZH+"："+d.Text.ZH, what.EN+": "+d.Text.EN))...)
	}
	return out, true, nil
}

// remindApplication brings the application's reminders up to date; ApplyDeadlines
// runs it for every voucher it leaves in force, so that one approved before reminders
// were configured (or under other ReminderDays) gets them too.
func (s *Service) remindApplication(ctx context.Context, tx Tx, app *Application, now time.Time) error {
	adds, updates, err := s.applicationReminderChanges(ctx, tx, app, now)
	if err != nil {
		return err
	}
	return applyReminderChanges(ctx, tx, adds, updates)
}

// remindersDue reports, reading only, whether remindApplication would change the outbox.
func (s *Service) remindersDue(ctx context.Context, tx Tx, app *Application, now time.Time) (bool, error) {
	adds, updates, err := s.applicationReminderChanges(ctx, tx, app, now)
	return len(adds)+len(updates) > 0, err
}

// applicationReminderChanges are the outbox changes (reminderChanges) that bring the
// application's reminders up to date; none when it may hold none.
func (s *Service) applicationReminderChanges(ctx context.Context, tx Tx, app *Application, now time.Time) (adds, updates []Notice, err error) {
	due, may, err := s.applicationReminders(app)
	if err != nil || !may {
		return nil, nil, err
	}
	subject := StreamOf(StreamApplication, app.ID)
	have, err := tx.Notices(ctx, NoticeFilter{Subject: subject})
	if err != nil {
		return nil, nil, err
	}
	adds, updates = reminderChanges(subject, have, due, now)
	return adds, updates, nil
}

// redemptionReminders are the reminders a redemption should have now: while it is a
// draft or returned and its contract is filed, before the last day to apply for
// redemption under a policy with policy.UsageRules.RedeemMonths; and whether it may hold
// reminders at all.
func (s *Service) redemptionReminders(r *Redemption, to []string) ([]reminder, bool, error) {
	p, err := s.policies.Get(r.Policy)
	if err != nil {
		return nil, false, err
	}
	if p.Usage.RedeemMonths == 0 {
		return nil, false, nil
	}
	at, ok := p.RedemptionDeadline(r.Form.Filed())
	if !ok || !r.Editable() {
		return nil, true, nil
	}
	d := policy.ChinaTime(at).Format("2006-01-02 15:04")
	months := strconv.Itoa(p.Usage.RedeemMonths)
	what := about(StreamRedemption, &r.Record)
	text := cxq.T(what.ZH+"：合同备案后 "+months+" 个月内须申请兑现，请于 "+d+" 前提交",
		what.EN+": redemption must be applied for within "+months+" months of the contract's filing; submit it before "+d)
	return s.remindersOf(DeadlineRedeem, at, to, text), true, nil
}

// remindersOf is one reminder per configured offset before the deadline at, to each
// address.
func (s *Service) remindersOf(code string, at time.Time, to []string, text cxq.Text) []reminder {
	out := make([]reminder, 0, len(s.reminders)*len(to))
	for _, addr := range to {
		for _, days := range s.reminders {
			left := strconv.Itoa(days)
			out = append(out, reminder{code: code, at: at, days: days, to: addr,
				text: cxq.T("【到期提醒】"+text.ZH+"（还有 "+left+" 天）。", "Reminder: "+text.EN+" ("+left+" days left).")})
		}
	}
	return out
}

// syncReminders makes the record's reminders in the outbox those of want (see
// reminderChanges).
func (s *Service) syncReminders(ctx context.Context, tx Tx, subject string, want []reminder, now time.Time) error {
	have, err := tx.Notices(ctx, NoticeFilter{Subject: subject})
	if err != nil {
		return err
	}
	return reconcileReminders(ctx, tx, subject, have, want, now)
}

// reconcileReminders is syncReminders on have, the subject's notices as the transaction
// read them.
func reconcileReminders(ctx context.Context, tx Tx, subject string, have []Notice, want []reminder, now time.Time) error {
	adds, updates := reminderChanges(subject, have, want, now)
	return applyReminderChanges(ctx, tx, adds, updates)
}

// applyReminderChanges writes the changes reminderChanges gave.
func applyReminderChanges(ctx context.Context, tx Tx, adds, updates []Notice) error {
	for _, n := range adds {
		if err := tx.AppendNotice(ctx, n); err != nil {
			return err
		}
	}
	for _, n := range updates {
		if err := tx.UpdateNotice(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// reminderChanges returns the notices to add and to update so that the reminders among
// have (the subject's notices) become those of want: a pending one no longer wanted is
// cancelled (its reason went away, or its deadline moved), a wanted one not yet due is
// added (or, cancelled before, pending again), and a sent one is left as it is. A
// reminder's ID names its deadline and offset, so a moved deadline gets new reminders.
func reminderChanges(subject string, have []Notice, want []reminder, now time.Time) (adds, updates []Notice) {
	byID := map[string]Notice{}
	for _, n := range have {
		if n.Kind == NoticeReminder {
			byID[n.ID] = n
		}
	}
	wanted := map[string]bool{}
	for _, r := range want {
		id := noticeID(subject, "remind", r.code, r.at.UTC().Format(time.RFC3339), strconv.Itoa(r.days), r.to)
		wanted[id] = true
		n, ok := byID[id]
		switch {
		case r.due().Before(now) && (!ok || n.State == NoticeCancelled):
		case !ok:
			adds = append(adds, Notice{ID: id, To: r.to, Kind: NoticeReminder, Subject: subject, Code: r.code, Days: r.days,
				Text: r.text, Created: now, Due: r.due(), NextTry: r.due(), State: NoticePending})
		case n.State == NoticeCancelled:
			n.State, n.NextTry = NoticePending, r.due()
			updates = append(updates, n)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		if n := byID[id]; n.State == NoticePending && !wanted[id] {
			n.State = NoticeCancelled
			updates = append(updates, n)
		}
	}
	return adds, updates
}
