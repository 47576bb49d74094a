package scenario

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq/voucher"
)

// NoticeWait is the Redeem.Notice that stops at 评审通过 with the payout awaiting its
// public notice.
const NoticeWait = "wait"

// Publish is the programme office publishing redemptions awaiting their public notice
// as one list: Redemptions numbers them (1-based) in the order they passed review in
// the file.
type Publish struct {
	Redemptions []int `json:"redemptions"`
}

// Object is someone objecting to entry Entry (1-based) of the file's Publication-th
// list (numbered by the file's publish steps; a redeem step's own list has no number).
type Object struct {
	Publication int    `json:"publication"`
	Entry       int    `json:"entry"`
	Text        string `json:"text,omitempty"` // defaults to a fixed objection
}

// CloseNotice is the programme office closing the file's Publication-th list; its
// outcome is the entries held for objections (Expect.Held).
type CloseNotice struct {
	Publication int `json:"publication"`
}

// checkNotice checks the notice fields of a step.
func (s Step) checkNotice() error {
	switch {
	case s.Redeem != nil && s.Redeem.Notice != "" && s.Redeem.Notice != NoticeWait:
		return bad(".redeem.notice", `"wait" or absent`)
	case s.Publish != nil && len(s.Publish.Redemptions) == 0:
		return bad(".publish.redemptions", "the 1-based numbers of redemptions that passed review")
	case s.Object != nil && (s.Object.Publication < 1 || s.Object.Entry < 1):
		return bad(".object", "publication and entry are 1-based numbers")
	case s.CloseNotice != nil && s.CloseNotice.Publication < 1:
		return bad(".close_notice.publication", "the 1-based number of a publish step's list")
	}
	return nil
}

// notice runs a publish, object or close_notice step.
func (w *world) notice(ctx context.Context, s Step) outcome {
	switch {
	case s.Publish != nil:
		ids := make([]string, len(s.Publish.Redemptions))
		for i, n := range s.Publish.Redemptions {
			if n < 1 || n > len(w.reds) {
				return outcome{err: fmt.Errorf("scenario: no redemption %d passed review yet", n)}
			}
			ids[i] = w.reds[n-1]
		}
		pub, err := w.svc.Publish(ctx, office, voucher.PublishParams{Key: w.key(), Redemptions: ids})
		if err != nil {
			return refusal(err)
		}
		w.pubs = append(w.pubs, pub.ID)
		return outcome{}
	case s.Object != nil:
		id, err := w.pub(s.Object.Publication)
		if err != nil {
			return outcome{err: err}
		}
		text := s.Object.Text
		if text == "" {
			text = "该企业与服务机构存在关联关系。"
		}
		// Anyone objects: the actor is nobody signed in.
		_, err = w.svc.Object(ctx, voucher.Actor{}, voucher.ObjectParams{Key: w.key(), Publication: id, Entry: s.Object.Entry, Text: text})
		return refusal(err)
	}
	id, err := w.pub(s.CloseNotice.Publication)
	if err != nil {
		return outcome{err: err}
	}
	pub, err := w.svc.CloseNotice(ctx, office, voucher.CloseNoticeParams{Key: w.key(), ID: id})
	if err != nil {
		return refusal(err)
	}
	held := []int{}
	for _, e := range pub.Entries {
		if e.Outcome == voucher.PayoutObjected {
			held = append(held, e.No)
		}
	}
	return outcome{held: held}
}

// pub returns the ID of the file's n-th list.
func (w *world) pub(n int) (string, error) {
	if n > len(w.pubs) {
		return "", fmt.Errorf("scenario: no list %d was published yet", n)
	}
	return w.pubs[n-1], nil
}

// noticeAlone publishes redemption id alone and closes its notice at the period's end,
// nobody objecting, then sets the clock back to at: a redeem step's default under a
// policy with a public notice, so that its amount is what was paid.
func (w *world) noticeAlone(ctx context.Context, id string, at time.Time) error {
	pub, err := w.svc.Publish(ctx, office, voucher.PublishParams{Key: w.key(), Redemptions: []string{id}})
	if err != nil {
		return err
	}
	w.clock.Set(pub.Until)
	defer w.clock.Set(at)
	_, err = w.svc.CloseNotice(ctx, office, voucher.CloseNoticeParams{Key: w.key(), ID: pub.ID})
	return err
}
