package voucher

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The public notice (公示). Under a policy with notice days (policy.Notice), a redemption
// that passes review (评审通过) is not paid at once: its payout waits (Payout
// "awaiting_notice") until the programme office publishes it on a list (Publish), anyone
// may object to an entry during the period (Object), and closing the list after the
// period (CloseNotice) pays every entry nobody objected to and holds the others for the
// office (DecideHeld). The shipped redemption workflow ends at 评审通过 with no way back,
// so a held case does not re-enter a review stage: it stays 评审通过, unpaid, until the
// office dismisses the objections (paid) or upholds them (not paid, the voucher free
// again) — each decision in the trail with its opinion.

// isOffice reports whether a is a signed-in member of the programme office.
func isOffice(a Actor) bool { return a.Role == RoleCoordinator && a.ID != "" }

// holdForNotice keeps the payout of r, which just passed review, for its policy's public
// notice; it reports false under a policy without one (r is paid now, as before).
func (s *Service) holdForNotice(r *Redemption) (bool, error) {
	p, err := s.policies.Get(r.Policy)
	if err != nil || !p.Notice.Held() {
		return false, err
	}
	r.Payout = &Payout{State: PayoutAwaiting}
	return true, nil
}

// noticeEnd is the end of a notice period of days from from: the same clock time days
// calendar days later in China Standard Time.
func noticeEnd(from time.Time, days int) time.Time {
	return from.In(cxq.China()).AddDate(0, 0, days).UTC()
}

// Publish publishes redemptions awaiting their public notice, all under one policy
// version, as one list (公示名单) from now until now plus the policy's notice days, with
// the policy's public columns only, its hash written in the list and in the trail. Each
// redemption's payout is then "in_notice" on the list. Only the programme office
// publishes; a redemption already on a list, paid, or under a policy without a notice
// is refused (CodeNotNoticeable), as is a list mixing policies (CodeNoticeMixed).
func (s *Service) Publish(ctx context.Context, a Actor, in PublishParams) (Publication, error) {
	return mutate(ctx, s, a, in.Key, "Publish", in, func(tx Tx, now time.Time) (Publication, error) {
		if !isOffice(a) {
			return Publication{}, s.deny(ctx, a, "publish", KindPublication, "", "only the programme office publishes", false)
		}
		reds, p, err := s.noticeable(ctx, tx, in.Redemptions)
		if err != nil {
			return Publication{}, err
		}
		pub := Publication{Filed: Filed{ID: s.ids.NewID(KindPublication)}, Policy: p.Ref(), From: now,
			Until: noticeEnd(now, p.Notice.Days), Columns: p.Notice.Columns, State: PublicationOpen}
		for i, r := range reds {
			e, err := s.noticeEntry(ctx, p.Notice, i+1, r)
			if err != nil {
				return Publication{}, err
			}
			pub.Entries = append(pub.Entries, e)
		}
		pub.Hash = pub.ListHash()
		note := auditNote("hash", pub.Hash, "entries", strconv.Itoa(len(pub.Entries)), "until", pub.Until.Format(time.RFC3339))
		if err := storeFiled(ctx, s, tx, &pub, a, now, "publish", note); err != nil {
			return Publication{}, err
		}
		for i := range reds {
			r := &reds[i]
			r.Payout.State, r.Payout.Publication, r.Payout.Entry = PayoutInNotice, pub.ID, i+1
			note := auditNote("publication", pub.ID, "entry", strconv.Itoa(i+1), "hash", pub.Hash)
			if err := save(ctx, s, tx, s.reds, r, a, now, "notice.publish", r.State(), note); err != nil {
				return Publication{}, err
			}
		}
		return pub, nil
	})
}

// noticeable reads the redemptions ids, each awaiting its notice, all under one policy
// version, and returns them with that policy.
func (s *Service) noticeable(ctx context.Context, tx Tx, ids []string) ([]Redemption, policy.Policy, error) {
	if len(ids) == 0 || len(ids) > MaxNoticeEntries {
		return nil, policy.Policy{}, noticeNoEntries()
	}
	reds := make([]Redemption, 0, len(ids))
	for i, id := range ids {
		field := "redemptions[" + strconv.Itoa(i) + "]"
		if slices.Index(ids, id) < i {
			return nil, policy.Policy{}, notNoticeable(field)
		}
		r, err := s.reds.load(ctx, tx, id)
		if err != nil {
			return nil, policy.Policy{}, err
		}
		if r.State() != review.Approved || r.Payout == nil || r.Payout.State != PayoutAwaiting {
			return nil, policy.Policy{}, notNoticeable(field)
		}
		if len(reds) > 0 && r.Policy != reds[0].Policy {
			return nil, policy.Policy{}, noticeMixed(field)
		}
		reds = append(reds, r)
	}
	p, err := s.policies.Get(reds[0].Policy)
	return reds, p, err
}

// noticeEntry is entry no of a list publishing r: only the notice's public columns.
func (s *Service) noticeEntry(ctx context.Context, n policy.Notice, no int, r Redemption) (NoticeEntry, error) {
	e := NoticeEntry{No: no, Case: r.ID}
	if n.Shows(policy.ColumnEnterprise) {
		ent, err := s.ents.Enterprise(ctx, r.EnterpriseID)
		if err != nil {
			return e, err
		}
		e.Enterprise = ent.Name
	}
	if n.Shows(policy.ColumnProduct) {
		e.Product = r.Product.Name
	}
	if n.Shows(policy.ColumnProvider) {
		e.Provider = r.Product.ProviderName
	}
	if n.Shows(policy.ColumnAmount) {
		e.Amount = r.Actual
	}
	return e, nil
}

// Publication returns the list id. Anyone may read a list; only the programme office
// sees which redemption each entry is.
func (s *Service) Publication(ctx context.Context, a Actor, id string) (Publication, error) {
	return view(ctx, s, func(tx Tx) (Publication, error) {
		pub, err := loadFiled[Publication](ctx, tx, KindPublication, id)
		if err != nil || isOffice(a) {
			return pub, err
		}
		return pub.Public(), nil
	})
}

// Publications returns the lists in state (PublicationOpen, PublicationClosed; "" every
// one), newest first, as [Service.Publication] shows them to a.
func (s *Service) Publications(ctx context.Context, a Actor, state string) ([]Publication, error) {
	return view(ctx, s, func(tx Tx) ([]Publication, error) {
		list, err := listFiled[Publication](ctx, tx, DocFilter{Kind: KindPublication, State: state})
		if err != nil {
			return nil, err
		}
		slices.Reverse(list)
		if !isOffice(a) {
			for i := range list {
				list[i] = list[i].Public()
			}
		}
		return list, nil
	})
}

// AwaitingNotice returns the redemptions that passed review and await publication,
// longest waiting first: what the office chooses a list from. Only the office asks.
func (s *Service) AwaitingNotice(ctx context.Context, a Actor) ([]Redemption, error) {
	return s.payoutsIn(ctx, a, PayoutAwaiting)
}

// HeldPayouts returns the redemptions objections held at the close of their list,
// awaiting the office's decision ([Service.DecideHeld]). Only the office asks.
func (s *Service) HeldPayouts(ctx context.Context, a Actor) ([]Redemption, error) {
	return s.payoutsIn(ctx, a, PayoutObjected)
}

// payoutsIn returns the redemptions at 评审通过 whose payout is in state, longest
// waiting first.
func (s *Service) payoutsIn(ctx context.Context, a Actor, state string) ([]Redemption, error) {
	if !isOffice(a) {
		return nil, s.deny(ctx, a, "payouts", KindPublication, "", "only the programme office publishes", false)
	}
	return view(ctx, s, func(tx Tx) ([]Redemption, error) {
		reds, _, err := tx.Redemptions().List(ctx, ListFilter{Statuses: []State{review.Approved}, Oldest: true})
		if err != nil {
			return nil, err
		}
		return slices.DeleteFunc(reds, func(r Redemption) bool { return r.Payout == nil || r.Payout.State != state }), nil
	})
}
