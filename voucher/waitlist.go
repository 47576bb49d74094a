package voucher

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// StreamWaitlist is the kind of waiting lists and their audit streams: "waitlist/2026".
const StreamWaitlist = "waitlist"

// WaitingList is the year's waiting list (候补名单) of a budget that keeps one: the claims
// its pools could not hold, in order of arrival. A claim leaves it when it is admitted,
// when its enterprise or the office takes it off, and is passed over once its
// application no longer waits (submitted another way, withdrawn).
type WaitingList struct {
	Filed
	Year    int         `json:"year"`
	Entries []WaitEntry `json:"entries"`
}

func (l *WaitingList) docKind() string    { return StreamWaitlist }
func (l *WaitingList) docSubject() string { return "" }
func (l *WaitingList) docState() string   { return "open" }

// WaitEntry is one claim on a waiting list: the amount it waits for on each of its pools.
type WaitEntry struct {
	ApplicationID string    `json:"application_id"`
	EnterpriseID  string    `json:"enterprise_id"`
	Amount        cxq.Money `json:"amount"`
	Pools         []string  `json:"pools"`
	Since         time.Time `json:"since"`
}

// WaitParams names the application joining or leaving the waiting list.
type WaitParams struct {
	Key string `json:"-"`
	ID  string `json:"id"`
}

// Codes of the waiting list's refusals.
const (
	CodeNoWaitingList = "no_waiting_list" // the year's budget keeps none
	CodePoolHasRoom   = "pool_has_room"   // the pools hold the claim now: submit it
	CodeNotWaiting    = "not_waiting"     // the application is not on the list
)

// waitingAhead reads the year's waiting list and returns it, the claim's position on it
// (0 when not on it) and, by pool, what the claims still waiting ahead of it wait for.
func (s *Service) waitingAhead(ctx context.Context, tx Tx, year int, appID string) (*WaitingList, int, map[string]cxq.Money, error) {
	l, err := loadFiled[WaitingList](ctx, tx, StreamWaitlist, strconv.Itoa(year))
	if errors.Is(err, cxq.ErrNotFound) {
		return &WaitingList{Filed: Filed{ID: strconv.Itoa(year)}, Year: year}, 0, nil, nil
	}
	if err != nil {
		return nil, 0, nil, err
	}
	before, on, err := s.waitingBefore(ctx, tx, &l, appID)
	if err != nil {
		return nil, 0, nil, err
	}
	ahead := map[string]cxq.Money{}
	for _, e := range before {
		for _, p := range e.Pools {
			ahead[p] = ahead[p].Add(e.Amount)
		}
	}
	if !on {
		return &l, 0, ahead, nil
	}
	return &l, len(before) + 1, ahead, nil
}

// waitChunk is how many applications' states waitingBefore reads in one list.
const waitChunk = 200

// waitingBefore returns, in order, the entries of l ahead of appID whose applications
// still wait (in draft or returned for revision: not submitted another way, withdrawn
// or gone), and whether appID is on l at all (when it is not, every waiting entry).
// The applications are read together, waitChunk at a time, not one by one.
func (s *Service) waitingBefore(ctx context.Context, tx Tx, l *WaitingList, appID string) ([]WaitEntry, bool, error) {
	before := l.Entries
	at := slices.IndexFunc(l.Entries, func(e WaitEntry) bool { return e.ApplicationID == appID })
	if at >= 0 {
		before = l.Entries[:at]
	}
	waiting := map[string]bool{}
	for chunk := range slices.Chunk(before, waitChunk) {
		ids := make([]string, len(chunk))
		for i, e := range chunk {
			ids[i] = e.ApplicationID
		}
		apps, _, err := tx.Applications().List(ctx, ListFilter{IDs: ids, Statuses: []State{review.Draft, review.Returned}})
		if err != nil {
			return nil, false, err
		}
		for _, app := range apps {
			waiting[app.ID] = true
		}
	}
	var out []WaitEntry
	for _, e := range before {
		if waiting[e.ApplicationID] {
			out = append(out, e)
		}
	}
	return out, at >= 0, nil
}

// admitted takes an admitted claim off the waiting list it was on.
func (s *Service) admitted(ctx context.Context, tx Tx, a Actor, now time.Time, plan *poolPlan, appID string) error {
	if plan.list == nil || plan.pos == 0 {
		return nil
	}
	return s.takeOff(ctx, tx, a, now, plan.list, appID, "admit")
}

func (s *Service) takeOff(ctx context.Context, tx Tx, a Actor, now time.Time, l *WaitingList, appID, action string) error {
	i := slices.IndexFunc(l.Entries, func(e WaitEntry) bool { return e.ApplicationID == appID })
	if i < 0 {
		return cxq.NewFieldError("id", CodeNotWaiting, nil, cxq.T("该申请不在候补名单上", "the application is not on the waiting list"))
	}
	l.Entries = slices.Delete(l.Entries, i, i+1)
	return storeFiled(ctx, s, tx, l, a, now, action, auditNote("application", appID))
}

// JoinWaitingList puts the enterprise's application, which its year's pools cannot hold
// now, on the budget's waiting list and returns its position; an application already on
// it answers its position. Refused (field errors) when the budget keeps no list or the
// pools hold the claim now; the claim must be admissible like a submission.
func (s *Service) JoinWaitingList(ctx context.Context, a Actor, in WaitParams) (int, error) {
	return mutate(ctx, s, a, in.Key, "JoinWaitingList", in, func(tx Tx, now time.Time) (int, error) {
		app, err := own(ctx, s, tx, s.apps, a, in.ID, "join_waiting_list")
		if err != nil {
			return 0, err
		}
		if !app.Editable() {
			return 0, cxq.NewFieldError("id", CodeNotWaiting, nil, cxq.T("只有未提交的申请可以候补", "only an application not yet submitted may wait"))
		}
		c, err := s.gatherClaim(ctx, tx, app, now)
		if err != nil {
			return 0, err
		}
		if err := c.admissible(app.Form, now); err != nil {
			return 0, err
		}
		amount, _, err := c.applicationAmount(app.Form, now)
		if err != nil {
			return 0, err
		}
		plan, err := s.planPools(ctx, tx, &app, c, amount, now)
		switch {
		case err != nil:
			return 0, err
		case plan == nil || !plan.budget.WaitingList:
			return 0, cxq.NewFieldError("id", CodeNoWaitingList, nil, cxq.T("本年度预算不设候补名单", "this year's budget keeps no waiting list"))
		case plan.pos > 0:
			return plan.pos, nil
		case plan.refusal(amount) == nil:
			return 0, cxq.NewFieldError("id", CodePoolHasRoom, nil, cxq.T("资金池余额充足，请直接提交申请", "the pools hold the claim now: submit it"))
		}
		e := WaitEntry{ApplicationID: app.ID, EnterpriseID: app.EnterpriseID, Amount: amount, Since: now}
		for _, sh := range plan.shares {
			e.Pools = append(e.Pools, sh.Pool)
		}
		l := plan.list
		l.Entries = append(l.Entries, e)
		pos, _, err := s.positionIn(ctx, tx, l, app.ID)
		if err != nil {
			return 0, err
		}
		return pos, storeFiled(ctx, s, tx, l, a, now, "join", auditNote("application", app.ID, "amount", amount.String()))
	})
}

// positionIn returns the 1-based position of appID among the entries that still wait.
func (s *Service) positionIn(ctx context.Context, tx Tx, l *WaitingList, appID string) (int, bool, error) {
	before, on, err := s.waitingBefore(ctx, tx, l, appID)
	if err != nil || !on {
		return 0, false, err
	}
	return len(before) + 1, true, nil
}

// LeaveWaitingList takes the application off this year's waiting list: its enterprise
// or the programme office may.
func (s *Service) LeaveWaitingList(ctx context.Context, a Actor, in WaitParams) (WaitingList, error) {
	return mutate(ctx, s, a, in.Key, "LeaveWaitingList", in, func(tx Tx, now time.Time) (WaitingList, error) {
		if a.Role != RoleCoordinator {
			if _, err := own(ctx, s, tx, s.apps, a, in.ID, "leave_waiting_list"); err != nil {
				return WaitingList{}, err
			}
		}
		l, err := loadFiled[WaitingList](ctx, tx, StreamWaitlist, strconv.Itoa(policy.ClaimYear(now)))
		if err != nil && !errors.Is(err, cxq.ErrNotFound) {
			return WaitingList{}, err
		}
		return l, s.takeOff(ctx, tx, a, now, &l, in.ID, "leave")
	})
}

// WaitingPosition returns the application's position on this year's waiting list, 0
// when it is not on it, to whoever may see the application.
func (s *Service) WaitingPosition(ctx context.Context, a Actor, appID string) (int, error) {
	return view(ctx, s, func(tx Tx) (int, error) {
		if _, err := read(ctx, s, tx, s.apps, a, appID); err != nil {
			return 0, err
		}
		l, err := loadFiled[WaitingList](ctx, tx, StreamWaitlist, strconv.Itoa(policy.ClaimYear(s.clock())))
		if errors.Is(err, cxq.ErrNotFound) {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		pos, _, err := s.positionIn(ctx, tx, &l, appID)
		return pos, err
	})
}
