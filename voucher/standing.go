package voucher

import (
	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/stats"
)

// An application whose voucher ends, or is ending, outside its review keeps the review
// state it ended in (复审通过), so its history stays true; what the enterprise, the
// lists, the printed forms, the verification page and the figures show is its standing
// instead: one of these, or its review state while it is none of them. They are named
// apart from every review state (review.Returned is 退回修改, not 退券), and [New]
// refuses an application workflow with a state of one of these names.
const (
	// StandingReturning is an approved voucher whose return (退券) awaits the office.
	StandingReturning review.State = "voucher_returning"
	// StandingReturned is a voucher returned by the enterprise (EndedReturned).
	StandingReturned review.State = "voucher_returned"
	// StandingExpired is a voucher the usage rules revoked at its deadline.
	StandingExpired review.State = "voucher_expired"
)

// Standing is where the application stands for everyone who reads it: its review state,
// or [StandingReturned], [StandingExpired] or [StandingReturning] once its voucher ended
// or is ending outside review.
func (app Application) Standing() review.State {
	switch {
	case app.Ended == EndedReturned:
		return StandingReturned
	case app.Ended != "":
		return StandingExpired
	case app.Returning != "":
		return StandingReturning
	}
	return app.State()
}

// StandingText is the status text of a standing outside review (已退券, 退券待审核,
// 已失效（期满收回）), zero for a review state, which its workflow names.
func StandingText(st review.State) cxq.Text {
	switch st {
	case StandingReturning:
		return cxq.T("退券待审核", "Return awaiting the office")
	case StandingReturned:
		return cxq.T("已退券", "Voucher returned")
	case StandingExpired:
		return cxq.T("已失效（期满收回）", "Revoked at its deadline")
	}
	return cxq.Text{}
}

// ApplicationStatus is the status text the enterprise sees for an application: its
// review status (复审通过), or 已退券, 退券待审核 or 已失效（期满收回） once its voucher
// ended or is ending outside review (see [Application.Standing]).
func (s *Service) ApplicationStatus(app Application) cxq.Text {
	return s.StandingStatus(app.Standing())
}

// ApplicationStandings lists every standing an application may have, in the order a
// 状态 filter offers them: its workflow's states, then [StandingReturning],
// [StandingReturned] and [StandingExpired]. [Query.Status] takes any of them.
func (s *Service) ApplicationStandings() []State {
	return append(s.appFlow.States(), StandingReturning, StandingReturned, StandingExpired)
}

// StandingStatus is the status text of an application standing at st (one of
// [Service.ApplicationStandings]).
func (s *Service) StandingStatus(st State) cxq.Text { return s.status(stats.Applications, st) }

// RedemptionStatus is the status text the enterprise sees for a redemption, e.g.
// 市级形式审查受理 or 评审通过.
func (s *Service) RedemptionStatus(r Redemption) cxq.Text {
	return s.status(stats.Redemptions, r.State())
}

// FactStatus is the status text of the record behind a figure, as the lists print it.
func (s *Service) FactStatus(f stats.Fact) cxq.Text { return s.status(f.Kind, f.Status) }

// status names a standing of a record of kind k.
func (s *Service) status(k stats.Kind, st review.State) cxq.Text {
	if k == stats.Applications {
		if t := StandingText(st); t.ZH != "" {
			return t
		}
		return s.appFlow.Status(st)
	}
	return s.redFlow.Status(st)
}
