package voucher

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
)

// Codes of the refusals of an inspector's assignment and of a finding.
const (
	CodeNotDrawn           = "not_drawn"            // the redemption is not in the sample
	CodeUnknownInspector   = "unknown_inspector"    // no such person, or not one who inspects
	CodeConflictOfInterest = "conflict_of_interest" // params: why ("party": of the enterprise or provider; "reviewed": reviewed the case)
	CodeFindingRecorded    = "finding_recorded"     // the case has its finding already
	CodeFindingResult      = "finding_result"       // params: value
	CodeClawbackOnPass     = "clawback_on_pass"     // only a failed inspection claws back
	CodeClawbackAbovePaid  = "clawback_above_paid"  // params: max
	maxFindingRunes        = 1000
)

// AssignInspectorParams names Inspector for the drawn redemption Redemption of spot
// check ID.
type AssignInspectorParams struct {
	Key        string `json:"-"`
	ID         string `json:"id"`
	Version    int64  `json:"version,omitempty"`
	Redemption string `json:"redemption"`
	Inspector  string `json:"inspector"`
}

// FindingParams is the assigned inspector's finding on the drawn redemption Redemption
// of spot check ID: the result, what was found and what to claw back of what it paid.
// Version is the spot check's, as the inspector read it; zero lets the finding go in
// over changes made meanwhile to the sample's other cases.
type FindingParams struct {
	Key        string        `json:"-"`
	ID         string        `json:"id"`
	Version    int64         `json:"version,omitempty"`
	Redemption string        `json:"redemption"`
	Result     FindingResult `json:"result"`
	Text       string        `json:"text"`
	Clawback   cxq.Money     `json:"clawback"`
}

// inspects reports whether a person of role r may inspect: the professional bodies, the
// experts and the office's own staff.
func inspects(r Role) bool { return r == RoleProfessional || r == RoleExpert || r == RoleCoordinator }

// AssignInspector assigns (or, before its finding, reassigns) the inspector of a drawn
// case. Only the programme office assigns; the inspector must be a person of People who
// inspects (professional body, expert, office) and have no conflict of interest: not of
// the enterprise or the provider of the case, and no reviewer or assignee of its
// application or redemption (*cxq.ValidationError with [CodeConflictOfInterest]).
func (s *Service) AssignInspector(ctx context.Context, a Actor, in AssignInspectorParams) (SpotCheck, error) {
	return unpinned(in.Version, func() (SpotCheck, error) { return s.assignInspector(ctx, a, in) })
}

func (s *Service) assignInspector(ctx context.Context, a Actor, in AssignInspectorParams) (SpotCheck, error) {
	return mutate(ctx, s, a, in.Key, "AssignInspector", in, func(tx Tx, now time.Time) (SpotCheck, error) {
		if a.Role != RoleCoordinator || a.ID == "" {
			return SpotCheck{}, s.deny(ctx, a, "assign_inspector", KindSpotCheck, in.ID, "only the programme office assigns inspectors", false)
		}
		c, err := loadFiled[SpotCheck](ctx, tx, KindSpotCheck, in.ID)
		if err != nil {
			return SpotCheck{}, err
		}
		e, err := c.openEntry(in.Version, in.Redemption)
		if err != nil {
			return SpotCheck{}, err
		}
		if err := s.checkInspector(ctx, tx, e, in.Inspector); err != nil {
			return SpotCheck{}, err
		}
		e.Inspector = in.Inspector
		if err := storeFiled(ctx, s, tx, &c, a, now, "assign_inspector", auditNote("redemption", e.RedemptionID, "inspector", e.Inspector)); err != nil {
			return SpotCheck{}, err
		}
		return c, s.inspectorNotice(ctx, tx, &c, e, now)
	})
}

// openEntry returns, at the expected version, the drawn case of redemptionID, which
// must have no finding yet.
func (c *SpotCheck) openEntry(version int64, redemptionID string) (*SpotEntry, error) {
	if err := checkVersion(KindSpotCheck, c.ID, version, c.Version); err != nil {
		return nil, err
	}
	e, ok := c.Entry(redemptionID)
	if !ok {
		return nil, spotErr("redemption", CodeNotDrawn, nil, cxq.T("该兑现申请不在抽查样本中", "the redemption is not in the sample"))
	}
	if e.Finding != nil {
		return nil, spotErr("redemption", CodeFindingRecorded, nil, cxq.T("该案件已有抽查结论", "the case has its finding already"))
	}
	return e, nil
}

// checkInspector refuses an inspector unknown, not one who inspects, or with a conflict
// of interest in case e.
func (s *Service) checkInspector(ctx context.Context, tx Tx, e *SpotEntry, id string) error {
	p, err := s.people.Person(ctx, id)
	switch {
	case errors.Is(err, cxq.ErrNotFound) || (err == nil && !inspects(p.Role)):
		return spotErr("inspector", CodeUnknownInspector, nil, cxq.T("没有可承担抽查的人员", "no such inspector"))
	case err != nil:
		return err
	case p.Org != "" && (p.Org == e.EnterpriseID || p.Org == e.ProviderID):
		return conflictOfInterest("party")
	}
	app, err := tx.Applications().Get(ctx, e.ApplicationID)
	if err != nil {
		return err
	}
	red, err := tx.Redemptions().Get(ctx, e.RedemptionID)
	if err != nil {
		return err
	}
	for _, r := range []*Record{&app.Record, &red.Record} {
		if r.involves(id) {
			return conflictOfInterest("reviewed")
		}
	}
	return nil
}

// involves reports whether person id acted on the record's review or is assigned to it.
func (r *Record) involves(id string) bool {
	for _, e := range r.Case.History {
		if e.Actor == id {
			return true
		}
	}
	for _, who := range r.Assignments {
		if who == id {
			return true
		}
	}
	return false
}

func conflictOfInterest(why string) error {
	return spotErr("inspector", CodeConflictOfInterest, map[string]string{"why": why},
		cxq.T("抽查人员与该案件存在利害关系（参与过其审核，或属于企业、服务机构）",
			"the inspector has a conflict of interest (reviewed the case, or belongs to the enterprise or the provider)"))
}

// RecordFinding records the assigned inspector's finding on a drawn case, once. A failed
// one with a clawback takes that amount (at most what the redemption paid, and what the
// application still counts as paid) back out of the application's quota and budget pool
// in the same transaction (a negative, audited movement: Application.Reclaimed), exactly
// once however many findings race; the enterprise is told the result, its reason and the
// amount. Anyone but the assigned inspector: the office gets a *DeniedError, others a
// not-found. Without an expected version, a concurrent change to another case of the
// sample does not refuse it (see [FindingParams]).
func (s *Service) RecordFinding(ctx context.Context, a Actor, in FindingParams) (SpotCheck, error) {
	return unpinned(in.Version, func() (SpotCheck, error) { return s.recordFinding(ctx, a, in) })
}

func (s *Service) recordFinding(ctx context.Context, a Actor, in FindingParams) (SpotCheck, error) {
	return mutate(ctx, s, a, in.Key, "RecordFinding", in, func(tx Tx, now time.Time) (SpotCheck, error) {
		c, err := loadFiled[SpotCheck](ctx, tx, KindSpotCheck, in.ID)
		if err != nil {
			return SpotCheck{}, err
		}
		if e, ok := c.Entry(in.Redemption); !ok || a.ID == "" || e.Inspector != a.ID || !inspects(a.Role) {
			return SpotCheck{}, s.deny(ctx, a, "record_finding", KindSpotCheck, in.ID, "not the case's inspector", a.Role != RoleCoordinator)
		}
		e, err := c.openEntry(in.Version, in.Redemption)
		if err != nil {
			return SpotCheck{}, err
		}
		if err := in.check(e.Paid); err != nil {
			return SpotCheck{}, err
		}
		if in.Clawback.Sign() > 0 {
			if err := s.clawBack(ctx, tx, a, now, &c, e, in.Clawback); err != nil {
				return SpotCheck{}, err
			}
		}
		e.Finding = &Finding{Result: in.Result, Text: in.Text, Clawback: in.Clawback, By: a.ID, At: now}
		if err := storeFiled(ctx, s, tx, &c, a, now, "finding", auditNote("redemption", e.RedemptionID,
			"result", string(in.Result), "clawback", in.Clawback.String())); err != nil {
			return SpotCheck{}, err
		}
		return c.visibleTo(a), s.findingNotice(ctx, tx, &c, e, now)
	})
}

// unpinned runs a change of a spot check again, up to twice, when it was made without an
// expected version and lost the compare-and-set to a concurrent change: a sample is one
// record, so inspectors recording findings on different cases at once would otherwise
// refuse each other. A second finding on the same case then sees the first and is
// refused as such ([CodeFindingRecorded]); a change made with a version is refused as
// stale, as ever.
func unpinned(version int64, change func() (SpotCheck, error)) (SpotCheck, error) {
	for try := 0; ; try++ {
		c, err := change()
		if err == nil || version != 0 || try == 2 || !errors.Is(err, cxq.ErrConflict) {
			return c, err
		}
	}
}

// check refuses a finding that is not passed or failed, a failed one without its text,
// a clawback on a pass, a negative one or one above what the case paid.
func (in FindingParams) check(paid cxq.Money) error {
	var ps cxq.Problems
	if in.Result != FindingPassed && in.Result != FindingFailed {
		ps.Add(cxq.NewFieldError("result", CodeFindingResult, map[string]string{"value": cxq.Clip(string(in.Result), 20)},
			cxq.T("抽查结论须为合格或不合格", "the result must be passed or failed")))
	}
	ps.Add(cxq.CheckText("text", cxq.T("抽查意见", "finding"), in.Text, cxq.TextRule{Required: in.Result == FindingFailed, Max: maxFindingRunes}))
	switch {
	case in.Clawback.IsNegative():
		ps.Add(cxq.NewFieldError("clawback", CodeClawbackAbovePaid, map[string]string{"max": paid.String()},
			cxq.T("收回金额须在 0 至 {max} 元之间", "the clawback must be between 0 and {max}")))
	case in.Clawback.Sign() > 0 && in.Result != FindingFailed:
		ps.Add(cxq.NewFieldError("clawback", CodeClawbackOnPass, nil,
			cxq.T("抽查合格时不收回资金", "only a failed inspection claws back")))
	}
	return ps.Err()
}

// clawBack takes amount back of what case e's application was paid.
func (s *Service) clawBack(ctx context.Context, tx Tx, a Actor, now time.Time, c *SpotCheck, e *SpotEntry, amount cxq.Money) error {
	app, err := s.apps.load(ctx, tx, e.ApplicationID)
	if err != nil {
		return err
	}
	if limit := e.Paid.Min(app.Paid); amount.GreaterThan(limit) {
		return spotErr("clawback", CodeClawbackAbovePaid, map[string]string{"max": limit.String()},
			cxq.T("收回金额须在 0 至 {max} 元之间", "the clawback must be between 0 and {max}"))
	}
	red, err := s.reds.load(ctx, tx, e.RedemptionID)
	if err != nil {
		return err
	}
	if err := s.reclaimPaid(ctx, tx, a, now, &app, amount, "spotcheck "+c.ID+" "+e.RedemptionID); err != nil {
		return err
	}
	note := auditNote("amount", amount.String(), "spotcheck", c.ID, "redemption", e.RedemptionID)
	if err := save(ctx, s, tx, s.apps, &app, a, now, "clawback", app.State(), note); err != nil {
		return err
	}
	red.Reclaimed = red.Reclaimed.Add(amount)
	return save(ctx, s, tx, s.reds, &red, a, now, "clawback", red.State(), note)
}

// visibleTo returns the spot check as a sees it: whole for the office, with only their
// own cases for an inspector.
func (c SpotCheck) visibleTo(a Actor) SpotCheck {
	if a.Role == RoleCoordinator {
		return c
	}
	c.Entries = slices.DeleteFunc(slices.Clone(c.Entries), func(e SpotEntry) bool { return e.Inspector != a.ID || a.ID == "" })
	c.Strata = nil
	return c
}
