package voucher

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// objectTries is how many times Object runs when a concurrent change of the same entry
// (another objection, the list's closing) made its transaction conflict.
const objectTries = 16

// Object lodges an objection against one entry of a published list, during its period:
// anyone may object, signed in or not (a's ID, when there is one, is kept with it). The
// entry's redemption counts the objection in the same transaction, so closing the list
// either sees it (the case is held) or has already closed (the objection is refused with
// CodeNoticeClosed) — never both lost. After the period, or to a closed list, the
// refusal is CodeNoticeClosed; an entry the list lacks is CodeNoticeEntry.
func (s *Service) Object(ctx context.Context, a Actor, in ObjectParams) (Objection, error) {
	var p cxq.Problems
	p.Add(cxq.CheckText("text", cxq.T("异议内容", "objection"), in.Text, cxq.TextRule{Required: true, Max: MaxObjectionLength}))
	p.Add(cxq.CheckText("name", cxq.T("姓名", "name"), in.Name, cxq.TextRule{Max: MaxName}))
	p.Add(cxq.CheckText("contact", cxq.T("联系方式", "contact"), in.Contact, cxq.TextRule{Max: MaxName}))
	if err := p.Err(); err != nil {
		return Objection{}, err
	}
	for try := 1; ; try++ {
		o, err := mutate(ctx, s, a, in.Key, "Object", in, func(tx Tx, now time.Time) (Objection, error) {
			return s.object(ctx, tx, a, in, now)
		})
		if !errors.Is(err, cxq.ErrConflict) || try == objectTries || ctx.Err() != nil {
			return o, err
		}
	}
}

// Lodged returns the receipt of an objection already lodged under in.Key with in's very
// contents (what Object would return again for it) and whether there is one; it changes
// nothing. A front end that refuses new objections past a rate limit asks it first, so a
// client repeating a call whose reply it lost still gets its receipt.
func (s *Service) Lodged(ctx context.Context, a Actor, in ObjectParams) (Objection, bool, error) {
	k, err := newKeyed(s, a, in.Key, "Object", in)
	if err != nil {
		return Objection{}, false, err
	}
	var o Objection
	found, err := k.stored(ctx, &o)
	if err != nil || !found {
		return Objection{}, false, err
	}
	return o, true, nil
}

func (s *Service) object(ctx context.Context, tx Tx, a Actor, in ObjectParams, now time.Time) (Objection, error) {
	pub, err := loadFiled[Publication](ctx, tx, KindPublication, in.Publication)
	if err != nil {
		return Objection{}, err
	}
	if !pub.Open(now) {
		return Objection{}, noticeClosed(pub.Until)
	}
	e, ok := pub.Entry(in.Entry)
	if !ok {
		return Objection{}, noticeEntry()
	}
	r, err := s.reds.load(ctx, tx, e.Case)
	if err != nil {
		return Objection{}, err
	}
	if r.Payout == nil || r.Payout.Publication != pub.ID || r.Payout.State != PayoutInNotice {
		return Objection{}, noticeClosed(pub.Until)
	}
	o := Objection{Filed: Filed{ID: s.ids.NewID(KindObjection)}, Publication: pub.ID, Entry: e.No, Case: r.ID,
		Text: in.Text, Name: in.Name, Contact: in.Contact, By: a.ID}
	note := auditNote("publication", pub.ID, "entry", strconv.Itoa(e.No))
	if err := storeFiled(ctx, s, tx, &o, a, now, "lodge", note); err != nil {
		return Objection{}, err
	}
	r.Payout.Objections++
	return o, save(ctx, s, tx, s.reds, &r, a, now, "notice.object", r.State(), auditNote("objection", o.ID, "entry", strconv.Itoa(e.No)))
}

// Objections returns the objections lodged against the list publication, oldest first,
// with the objectors' names and contacts: for the programme office only.
func (s *Service) Objections(ctx context.Context, a Actor, publication string) ([]Objection, error) {
	if !isOffice(a) {
		return nil, s.deny(ctx, a, "objections", KindPublication, publication, "only the programme office reads objections", false)
	}
	return view(ctx, s, func(tx Tx) ([]Objection, error) {
		return listFiled[Objection](ctx, tx, DocFilter{Kind: KindObjection, Subject: publication})
	})
}

// CloseNotice closes a list whose period has ended (before: CodeNoticeOpen), in one
// transaction: every entry without objections is paid as a redemption passing review is
// paid without a notice (its application's reservation settles, once), every entry with
// any is held (Payout "objected") for the office's decision ([Service.DecideHeld]).
// Only the programme office closes; a closed list is refused (CodeNoticeClosed).
func (s *Service) CloseNotice(ctx context.Context, a Actor, in CloseNoticeParams) (Publication, error) {
	return mutate(ctx, s, a, in.Key, "CloseNotice", in, func(tx Tx, now time.Time) (Publication, error) {
		if !isOffice(a) {
			return Publication{}, s.deny(ctx, a, "close_notice", KindPublication, in.ID, "only the programme office closes a notice", false)
		}
		pub, err := loadFiled[Publication](ctx, tx, KindPublication, in.ID)
		if err != nil {
			return Publication{}, err
		}
		if err := checkVersion(KindPublication, pub.ID, in.Version, pub.Version); err != nil {
			return Publication{}, err
		}
		if pub.State != PublicationOpen {
			return Publication{}, noticeClosed(pub.Until)
		}
		if now.Before(pub.Until) {
			return Publication{}, noticeStillOpen(pub.Until)
		}
		for i := range pub.Entries {
			if err := s.closeEntry(ctx, tx, a, now, &pub, &pub.Entries[i]); err != nil {
				return Publication{}, err
			}
		}
		pub.State = PublicationClosed
		note := auditNote("paid", strconv.Itoa(pub.Paid), "held", strconv.Itoa(pub.Held), "hash", pub.Hash)
		return pub, storeFiled(ctx, s, tx, &pub, a, now, "close", note)
	})
}

// closeEntry pays or holds the redemption of entry e of pub.
func (s *Service) closeEntry(ctx context.Context, tx Tx, a Actor, now time.Time, pub *Publication, e *NoticeEntry) error {
	r, err := s.reds.load(ctx, tx, e.Case)
	if err != nil {
		return err
	}
	if r.Payout == nil || r.Payout.Publication != pub.ID || r.Payout.State != PayoutInNotice {
		return errors.New("voucher: redemption " + r.ID + " is not in notice on " + pub.ID)
	}
	e.Objections = r.Payout.Objections
	note := auditNote("publication", pub.ID, "entry", strconv.Itoa(e.No), "objections", strconv.Itoa(e.Objections))
	if e.Objections > 0 {
		e.Outcome, r.Payout.State = PayoutObjected, PayoutObjected
		pub.Held++
		return save(ctx, s, tx, s.reds, &r, a, now, "notice.hold", r.State(), note)
	}
	e.Outcome = PayoutPaid
	pub.Paid++
	return s.payHeld(ctx, tx, a, now, &r, "notice.pay", note)
}

// payHeld pays a redemption whose payout a notice held, as ReviewRedemption pays one at
// 评审通过 without a notice.
func (s *Service) payHeld(ctx context.Context, tx Tx, a Actor, now time.Time, r *Redemption, action, note string) error {
	split, err := s.settle(ctx, tx, a, *r, now)
	if err != nil {
		return err
	}
	r.Freed = split
	r.Payout.State = PayoutPaid
	return save(ctx, s, tx, s.reds, r, a, now, action, r.State(), note+" "+auditNote("paid", r.Actual.String()))
}

// DecideHeld is the programme office deciding a redemption objections held at the
// close of its list: Pay dismisses them and pays it; otherwise the objections are upheld
// (Opinion required): it is not paid, frees its invoices, and no longer occupies its
// voucher, whose reservation stays for another redemption or the deadline rules.
func (s *Service) DecideHeld(ctx context.Context, a Actor, in DecideHeldParams) (Redemption, error) {
	return mutate(ctx, s, a, in.Key, "DecideHeld", in, func(tx Tx, now time.Time) (Redemption, error) {
		if !isOffice(a) {
			return Redemption{}, s.deny(ctx, a, "decide_held", StreamRedemption, in.ID, "only the programme office decides", false)
		}
		r, err := s.reds.load(ctx, tx, in.ID)
		if err != nil {
			return Redemption{}, err
		}
		if err := checkVersion(StreamRedemption, r.ID, in.Version, r.Version); err != nil {
			return Redemption{}, err
		}
		if r.Payout == nil || r.Payout.State != PayoutObjected {
			return Redemption{}, noticeNotHeld()
		}
		r.Payout.Opinion = in.Opinion
		note := auditNote("publication", r.Payout.Publication, "opinion", in.Opinion)
		if in.Pay {
			if err := s.payHeld(ctx, tx, a, now, &r, "notice.dismiss", note); err != nil {
				return Redemption{}, err
			}
			return r, s.heldDecided(ctx, tx, &r, now)
		}
		var p cxq.Problems
		p.Add(cxq.CheckText("opinion", cxq.T("处理意见", "opinion"), in.Opinion, cxq.TextRule{Required: true, Max: MaxObjectionLength}))
		if err := p.Err(); err != nil {
			return Redemption{}, err
		}
		r.Payout.State, r.Freed = PayoutRefused, true
		if err := releaseInvoices(ctx, tx, r); err != nil {
			return Redemption{}, err
		}
		if err := save(ctx, s, tx, s.reds, &r, a, now, "notice.uphold", r.State(), note); err != nil {
			return Redemption{}, err
		}
		return r, s.heldDecided(ctx, tx, &r, now)
	})
}

// heldDecided tells the redemption's organisations how the office decided its payout
// held by an objection, with the office's opinion.
func (s *Service) heldDecided(ctx context.Context, tx Tx, r *Redemption, now time.Time) error {
	orgs, err := s.redeemers(ctx, &r.Record)
	if err != nil {
		return err
	}
	stream, what := StreamOf(StreamRedemption, r.ID), about(StreamRedemption, &r.Record)
	text := cxq.T("您的"+what.ZH+"公示异议经核实不成立，予以兑现 "+r.Actual.String()+" 元。",
		"Your "+what.EN+": the objection to its public notice was dismissed; "+r.Actual.String()+" yuan is paid.")
	if r.Payout.State == PayoutRefused {
		text = cxq.T("您的"+what.ZH+"公示异议成立，不予兑现。", "Your "+what.EN+": the objection to its public notice was upheld; nothing is paid.")
	}
	if op := r.Payout.Opinion; op != "" {
		text = cxq.T(text.ZH+"处理意见："+op, text.EN+" Opinion: "+op)
	}
	for _, to := range orgs {
		n := Notice{ID: noticeID(stream, strconv.FormatInt(r.AuditSeq, 10), to, "held"), To: to, Kind: NoticeStatus,
			Subject: stream, Code: string(r.Payout.State), Text: text, Created: now, Due: now, NextTry: now, State: NoticePending}
		if err := tx.AppendNotice(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

// noticeTrail lets the programme office read the trail of a list or an objection; to
// anyone else it answers as a missing record.
func (s *Service) noticeTrail(ctx context.Context, tx Tx, a Actor, kind, id string) error {
	_, err := tx.Doc(ctx, kind, id)
	if errors.Is(err, cxq.ErrNotFound) || (err == nil && !isOffice(a)) {
		return notFound(kind, id)
	}
	return err
}
