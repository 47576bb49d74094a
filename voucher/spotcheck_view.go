package voucher

import (
	"context"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// SpotCheck returns spot check id as the actor sees it: the office whole, an inspector
// with the cases assigned to them; anyone else (and an inspector with none) gets an
// answer exactly like a missing one.
func (s *Service) SpotCheck(ctx context.Context, a Actor, id string) (SpotCheck, error) {
	return view(ctx, s, func(tx Tx) (SpotCheck, error) {
		c, err := loadFiled[SpotCheck](ctx, tx, KindSpotCheck, id)
		if err != nil {
			return SpotCheck{}, err
		}
		if v, ok := c.seenBy(a); ok {
			return v, nil
		}
		return SpotCheck{}, s.deny(ctx, a, "read_spotcheck", KindSpotCheck, id, "outside the actor's scope", true)
	})
}

// SpotChecks lists the spot checks the actor sees (see [Service.SpotCheck]), oldest
// first.
func (s *Service) SpotChecks(ctx context.Context, a Actor) ([]SpotCheck, error) {
	return view(ctx, s, func(tx Tx) ([]SpotCheck, error) {
		all, err := listFiled[SpotCheck](ctx, tx, DocFilter{Kind: KindSpotCheck})
		if err != nil {
			return nil, err
		}
		out := []SpotCheck{}
		for _, c := range all {
			if v, ok := c.seenBy(a); ok {
				out = append(out, v)
			}
		}
		return out, nil
	})
}

// seenBy returns c as a sees it and whether a sees it at all.
func (c SpotCheck) seenBy(a Actor) (SpotCheck, bool) {
	switch {
	case a.ID == "":
		return SpotCheck{}, false
	case a.Role == RoleCoordinator:
		return c, true
	case inspects(a.Role):
		v := c.visibleTo(a)
		return v, len(v.Entries) > 0
	}
	return SpotCheck{}, false
}

// SpotFinding is a finding on one of an application's redemptions, as the enterprise
// sees it: which spot check and period, which redemption, and the finding without the
// inspector's name.
type SpotFinding struct {
	SpotCheck    string  `json:"spot_check"`
	Period       string  `json:"period"`
	RedemptionID string  `json:"redemption_id"`
	Finding      Finding `json:"finding"`
}

// Findings returns the spot-check findings on the redemptions of an application the actor
// may see (the enterprise its own; see the package's authorization rules), oldest spot
// check first; an application out of sight answers like a missing one.
func (s *Service) Findings(ctx context.Context, a Actor, applicationID string) ([]SpotFinding, error) {
	return view(ctx, s, func(tx Tx) ([]SpotFinding, error) {
		if _, err := read(ctx, s, tx, s.apps, a, applicationID); err != nil {
			return nil, err
		}
		all, err := listFiled[SpotCheck](ctx, tx, DocFilter{Kind: KindSpotCheck})
		if err != nil {
			return nil, err
		}
		out := []SpotFinding{}
		for _, c := range all {
			for _, e := range c.Entries {
				if e.ApplicationID != applicationID || e.Finding == nil {
					continue
				}
				f := *e.Finding
				if a.Role != RoleCoordinator {
					f.By = ""
				}
				out = append(out, SpotFinding{SpotCheck: c.ID, Period: c.Period.Key, RedemptionID: e.RedemptionID, Finding: f})
			}
		}
		return out, nil
	})
}

// inspectorNotice tells an inspector a case awaits their inspection.
func (s *Service) inspectorNotice(ctx context.Context, tx Tx, c *SpotCheck, e *SpotEntry, now time.Time) error {
	stream, to := StreamOf(KindSpotCheck, c.ID), PersonAddress(e.Inspector)
	return tx.AppendNotice(ctx, Notice{ID: noticeID(stream, strconv.FormatInt(c.AuditSeq, 10), to), To: to, Kind: NoticeAssigned,
		Subject: stream, Created: now, Due: now, NextTry: now, State: NoticePending,
		Text: cxq.T("抽查 "+c.Period.Key+"：创新券兑现申请 "+e.RedemptionID+"（"+e.Product+"）待您抽查。",
			"Spot check "+c.Period.Key+": voucher redemption "+e.RedemptionID+" ("+e.Product+") awaits your inspection.")})
}

// findingNotice tells the enterprise the finding on its case: the result, the reason and
// what was clawed back.
func (s *Service) findingNotice(ctx context.Context, tx Tx, c *SpotCheck, e *SpotEntry, now time.Time) error {
	f := e.Finding
	stream, to := StreamOf(StreamApplication, e.ApplicationID), OrgAddress(e.EnterpriseID)
	res := f.Result.Label()
	zh := "您的创新券兑现申请 " + e.RedemptionID + "（" + e.Product + "）经 " + c.Period.Key + " 抽查" + res.ZH + "。"
	en := "Your voucher redemption " + e.RedemptionID + " (" + e.Product + ") " + res.EN + " the spot check of " + c.Period.Key + "."
	if f.Text != "" {
		zh, en = zh+"抽查意见："+f.Text, en+" Finding: "+f.Text
	}
	code := "spot_check_" + string(f.Result)
	if f.Clawback.Sign() > 0 {
		code = "clawback"
		zh, en = zh+"。收回已兑现资金 "+f.Clawback.String()+" 元。", en+" "+f.Clawback.String()+" yuan of what was paid is clawed back."
	}
	return tx.AppendNotice(ctx, Notice{ID: noticeID(stream, c.ID, e.RedemptionID, to, "finding"), To: to, Kind: NoticeSpotCheck,
		Subject: stream, Code: code, Created: now, Due: now, NextTry: now, State: NoticePending, Text: cxq.T(zh, en)})
}
