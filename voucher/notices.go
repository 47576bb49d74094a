package voucher

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// DefaultReminderDays are the days before a deadline that reminders go out when
// Config.ReminderDays is nil.
var DefaultReminderDays = []int{30, 7, 1}

// MaxReminderDays is the most days before a deadline a reminder may go out.
const MaxReminderDays = 366

// checkReminderDays refuses offsets out of 1..MaxReminderDays or repeated.
func checkReminderDays(days []int) error {
	for i, d := range days {
		if d < 1 || d > MaxReminderDays {
			return fmt.Errorf("voucher: Config.ReminderDays[%d] = %d is not between 1 and %d: %w", i, d, MaxReminderDays, cxq.ErrInvalid)
		}
		if slices.Contains(days[:i], d) {
			return fmt.Errorf("voucher: Config.ReminderDays repeats %d: %w", d, cxq.ErrInvalid)
		}
	}
	return nil
}

// reminderDays returns the configured offsets, or the defaults for nil.
func reminderDays(days []int) []int {
	if days == nil {
		return DefaultReminderDays
	}
	return slices.Clone(days)
}

// kindLabel names a kind of record in a notice.
func kindLabel(kind string) cxq.Text {
	if kind == StreamRedemption {
		return cxq.T("创新券兑现申请", "voucher redemption")
	}
	return cxq.T("创新券申请", "voucher application")
}

// about is how a notice names its record: kind, ID and product, all the recipient's own.
func about(kind string, c *Record) cxq.Text {
	l := kindLabel(kind)
	return cxq.T(l.ZH+" "+c.ID+"（"+c.Product.Name+"）", l.EN+" "+c.ID+" ("+c.Product.Name+")")
}

// reminderPlan is what a save knows of the record's reminders before it writes the
// change: whether the record may hold reminders, an application's reminders due, and the
// subject's notices as they stand. They are read before the change's audit entry because
// on PostgreSQL that entry locks the trail's tail until the commit, and a read made after
// it would hold every other writer waiting for one more round trip. Nothing the save
// writes before it reconciles the reminders changes what was read: the change's own
// notices are never reminders.
type reminderPlan struct {
	subject string
	may     bool
	due     []reminder // an application's; a redemption's are worked out with its redeemers
	have    []Notice
}

// planReminders reads, before a save writes its change of rec, what its reminders need.
func (s *Service) planReminders(ctx context.Context, tx Tx, kind string, rec any) (reminderPlan, error) {
	var (
		plan reminderPlan
		err  error
	)
	switch r := rec.(type) {
	case *Application:
		plan.subject = StreamOf(kind, r.ID)
		plan.due, plan.may, err = s.applicationReminders(r)
	case *Redemption:
		plan.subject = StreamOf(kind, r.ID)
		var p policy.Policy
		p, err = s.policies.Get(r.Policy)
		plan.may = err == nil && p.Usage.RedeemMonths != 0
	}
	if err != nil || !plan.may {
		return plan, err
	}
	plan.have, err = tx.Notices(ctx, NoticeFilter{Subject: plan.subject})
	return plan, err
}

// noticesFor writes, in the transaction of a save, the notices the change causes and
// brings the record's reminders up to date with its deadlines (plan, read before the
// change was written).
func (s *Service) noticesFor(ctx context.Context, tx Tx, kind string, rec any, from State, now time.Time, plan reminderPlan) error {
	var (
		news []Notice
		due  = plan.due
		err  error
	)
	switch r := rec.(type) {
	case *Application:
		news = s.changeNotices(kind, &r.Record, []string{OrgAddress(r.EnterpriseID)}, from, now, r.Amount)
	case *Redemption:
		var orgs []string
		if orgs, err = s.redeemers(ctx, &r.Record); err != nil {
			return err
		}
		news = s.changeNotices(kind, &r.Record, orgs, from, now, r.Actual)
		due, _, err = s.redemptionReminders(r, orgs)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	for _, n := range news {
		if err := tx.AppendNotice(ctx, n); err != nil {
			return err
		}
	}
	if !plan.may {
		return nil
	}
	return reconcileReminders(ctx, tx, plan.subject, plan.have, due, now)
}

// redeemers are the organisations told of a redemption: the enterprise and, under
// provider redemption (policy.Policy.Redeemer), the provider who fills it in.
func (s *Service) redeemers(ctx context.Context, c *Record) ([]string, error) {
	out := []string{OrgAddress(c.EnterpriseID)}
	p, err := s.policies.Get(c.Policy)
	if err != nil || !p.ProviderRedeems {
		return out, err
	}
	_, pv, err := s.catalog.Product(ctx, c.Product.ID)
	if err != nil {
		return nil, err
	}
	if p.Redeemer(policy.ProviderPlace(pv)) == policy.RedeemerProvider {
		out = append(out, OrgAddress(c.Product.ProviderID))
	}
	return out, nil
}

// changeNotices are the notices of a change of c from the state from: to the
// organisations orgs when its status changed, to the reviewer of the stage it now
// awaits. amount is the application's amount, or the redemption's actual amount.
func (s *Service) changeNotices(kind string, c *Record, orgs []string, from State, now time.Time, amount cxq.Money) []Notice {
	stream, seq := StreamOf(kind, c.ID), strconv.FormatInt(c.AuditSeq, 10)
	mk := func(to string, k NoticeKind, text cxq.Text) Notice {
		return Notice{ID: noticeID(stream, seq, to), To: to, Kind: k, Subject: stream, Text: text,
			Created: now, Due: now, NextTry: now, State: NoticePending}
	}
	st := c.State()
	if st == from {
		return nil
	}
	text := s.changeText(kind, c, amount)
	var out []Notice
	for _, org := range orgs {
		out = append(out, mk(org, text.kind, text.text))
	}
	if c.Assignee() != "" {
		out = append(out, s.assignedNotice(kind, c, PersonAddress(c.Assignee()), mk))
	}
	if stage, ok := s.flowOf(kind).Stage(st); ok && stage.Role == RoleDistrict && c.District() != "" {
		out = append(out, s.assignedNotice(kind, c, DistrictAddress(c.District()), mk))
	}
	return out
}

// assignedNotice tells the reviewers of the record's current stage (the assigned
// person's inbox, or the district's) that it awaits them.
func (s *Service) assignedNotice(kind string, c *Record, to string, mk func(to string, k NoticeKind, text cxq.Text) Notice) Notice {
	status, what := s.flowOf(kind).Status(c.State()), about(kind, c)
	return mk(to, NoticeAssigned, cxq.T(what.ZH+"待您审核（"+status.ZH+"）。",
		what.EN+" awaits your review ("+status.EN+")."))
}

// assigned tells the reviewer just assigned to the record's current stage that it
// awaits them (an assignment to a later stage is told when the record gets there).
func (s *Service) assigned(ctx context.Context, tx Tx, kind string, c *Record, now time.Time) error {
	stream := StreamOf(kind, c.ID)
	mk := func(to string, k NoticeKind, text cxq.Text) Notice {
		return Notice{ID: noticeID(stream, strconv.FormatInt(c.AuditSeq, 10), to), To: to, Kind: k, Subject: stream, Text: text,
			Created: now, Due: now, NextTry: now, State: NoticePending}
	}
	return tx.AppendNotice(ctx, s.assignedNotice(kind, c, PersonAddress(c.Assignee()), mk))
}

// said is what a notice says and of what kind.
type said struct {
	kind NoticeKind
	text cxq.Text
}

// changeText is what a change of status says to the record's organisations.
func (s *Service) changeText(kind string, c *Record, amount cxq.Money) said {
	st, what := c.State(), about(kind, c)
	switch {
	case st == review.Returned:
		op := lastOpinion(c)
		return said{NoticeReturned, cxq.T("您的"+what.ZH+"已退回修改。审核意见："+op,
			"Your "+what.EN+" was returned for revision. Opinion: "+op)}
	case st == review.Approved && kind == StreamApplication:
		return said{NoticeApproved, cxq.T("您的"+what.ZH+"已审核通过，创新券金额 "+amount.String()+" 元。",
			"Your "+what.EN+" was approved: a voucher of "+amount.String()+" yuan is issued.")}
	case st == review.Approved && kind == StreamRedemption:
		return said{NoticePaid, cxq.T("您的"+what.ZH+"评审通过，实际兑现金额 "+amount.String()+" 元。",
			"Your "+what.EN+" passed review: "+amount.String()+" yuan will be paid.")}
	}
	status := s.flowOf(kind).Status(st)
	return said{NoticeStatus, cxq.T("您的"+what.ZH+"状态变更为："+status.ZH+"。", "Your "+what.EN+" is now: "+status.EN+".")}
}

func (s *Service) flowOf(kind string) *review.Workflow {
	if kind == StreamRedemption {
		return s.redFlow
	}
	return s.appFlow
}

// lastOpinion is the opinion of the case's last transition.
func lastOpinion(c *Record) string {
	if n := len(c.Case.History); n > 0 {
		return c.Case.History[n-1].Opinion
	}
	return ""
}

// expiryNotice tells the enterprise that the deadline rules revoked released of its
// voucher, and why; the application's last audit entry is the expiry's.
func (s *Service) expiryNotice(ctx context.Context, tx Tx, app *Application, released cxq.Money, reasons []policy.Reason, now time.Time) error {
	stream, to := StreamOf(StreamApplication, app.ID), OrgAddress(app.EnterpriseID)
	what := about(StreamApplication, &app.Record)
	code := ""
	if len(reasons) > 0 {
		code = reasons[0].Code
	}
	zhs, en := make([]string, len(reasons)), ""
	for i, r := range reasons {
		t := r.Text()
		zhs[i], en = t.ZH, en+" "+t.EN+"."
	}
	zh := strings.Join(zhs, "；")
	if zh != "" {
		zh += "。"
	}
	return tx.AppendNotice(ctx, Notice{ID: noticeID(stream, strconv.FormatInt(app.AuditSeq, 10), to, "expired"), To: to,
		Kind: NoticeExpired, Subject: stream, Code: code, Created: now, Due: now, NextTry: now, State: NoticePending,
		Text: cxq.T("您的"+what.ZH+"对应的创新券已收回 "+released.String()+" 元："+zh,
			"Your "+what.EN+": "+released.String()+" yuan of the voucher was revoked."+en)})
}
