package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// Notifier delivers one notice to its recipient (voucher.Notice.To, an org or a person
// address). The [Worker] delivers each notice at least once: after a failure, and after
// a crash between a delivery and its mark, it hands the same notice again, so a Notifier
// that must not repeat itself (the [Inbox]) keys what it does by the notice's ID. An
// error means "not delivered, try again later".
type Notifier interface {
	Notify(ctx context.Context, n voucher.Notice) error
}

// NotifierFunc makes a function a Notifier.
type NotifierFunc func(ctx context.Context, n voucher.Notice) error

// Notify calls f.
func (f NotifierFunc) Notify(ctx context.Context, n voucher.Notice) error { return f(ctx, n) }

// Inbox is the built-in Notifier: it puts each notice in its recipient's site inbox
// (站内消息) in Store, where [voucher.Service.Messages] shows it. A notice delivered again
// is not shown twice: the inbox keeps one message per notice ID.
type Inbox struct {
	Store voucher.Store
	// Now stamps the delivery. Defaults to time.Now.
	Now func() time.Time
}

// Notify stores the notice's message.
func (b Inbox) Notify(ctx context.Context, n voucher.Notice) error {
	now := time.Now
	if b.Now != nil {
		now = b.Now
	}
	at := now()
	return b.Store.Update(ctx, func(tx voucher.Tx) error {
		_, err := tx.DeliverMessage(ctx, voucher.MessageOf(n, at))
		return err
	})
}

// All delivers every notice through each Notifier in turn and fails if any fails (every
// one is tried); the worker then tries them all again, so each should be idempotent or
// tolerate a repeat (an SMS may then arrive twice; the inbox never shows two).
func All(ns ...Notifier) Notifier {
	return NotifierFunc(func(ctx context.Context, n voucher.Notice) error {
		var errs []error
		for _, x := range ns {
			if err := x.Notify(ctx, n); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	})
}

// Contact is where a recipient is reached outside the site, and in which language.
type Contact struct {
	Phone string   // mobile number for SMS; "" for none
	Email string   // "" for none
	Lang  cxq.Lang // defaults to Chinese
}

// Directory finds the contact of an address (voucher.OrgAddress, voucher.PersonAddress);
// the embedder keeps it. An error matching cxq.ErrNotFound means the recipient has no
// contact: the adapters then skip the notice rather than retry it.
type Directory interface {
	Contact(ctx context.Context, address string) (Contact, error)
}

// SMS is the adapter for a text-message gateway: the embedder supplies the directory and
// the sending. Recipients without a phone are skipped.
type SMS struct {
	Directory Directory
	// Send sends text to phone through the gateway.
	Send func(ctx context.Context, phone, text string) error
}

// Notify sends the notice's text in the recipient's language.
func (s SMS) Notify(ctx context.Context, n voucher.Notice) error {
	c, ok, err := contact(ctx, s.Directory, n.To)
	if err != nil || !ok || c.Phone == "" {
		return err
	}
	return s.Send(ctx, c.Phone, n.Text.In(c.Lang))
}

// Email is the adapter for a mail relay: the embedder supplies the directory and the
// sending. Recipients without an address are skipped.
type Email struct {
	Directory Directory
	// Send sends a message with subject and body to the address.
	Send func(ctx context.Context, address, subject, body string) error
}

// Notify mails the notice's text in the recipient's language.
func (e Email) Notify(ctx context.Context, n voucher.Notice) error {
	c, ok, err := contact(ctx, e.Directory, n.To)
	if err != nil || !ok || c.Email == "" {
		return err
	}
	return e.Send(ctx, c.Email, Subject(n).In(c.Lang), n.Text.In(c.Lang))
}

// contact looks up an address; false without error when it has none.
func contact(ctx context.Context, d Directory, address string) (Contact, bool, error) {
	if d == nil {
		return Contact{}, false, fmt.Errorf("notify: no Directory: %w", cxq.ErrInvalid)
	}
	c, err := d.Contact(ctx, address)
	if errors.Is(err, cxq.ErrNotFound) {
		return c, false, nil
	}
	return c, err == nil, err
}

// Subject is a short title for a notice of its kind, e.g. for a mail's subject line.
func Subject(n voucher.Notice) cxq.Text {
	switch n.Kind {
	case voucher.NoticeReturned:
		return cxq.T("退回修改", "Returned for revision")
	case voucher.NoticeApproved:
		return cxq.T("审核通过", "Approved")
	case voucher.NoticePaid:
		return cxq.T("兑现评审通过", "Redemption approved")
	case voucher.NoticeExpired:
		return cxq.T("创新券收回", "Voucher revoked")
	case voucher.NoticeAssigned:
		return cxq.T("待审核", "Awaiting your review")
	case voucher.NoticeReminder:
		return cxq.T("到期提醒", "Deadline reminder")
	case voucher.NoticeSpotCheck:
		return cxq.T("抽查结论", "Spot check finding")
	}
	return cxq.T("状态变更", "Status changed")
}
