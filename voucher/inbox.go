package voucher

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
)

// MessageQuery selects a page of the actor's inbox.
type MessageQuery struct {
	Unread  bool `json:"unread,omitempty"`   // only unread messages
	Page    int  `json:"page,omitempty"`     // from 1; defaults to 1
	PerPage int  `json:"per_page,omitempty"` // defaults to DefaultPerPage, at most MaxPerPage
}

// Inbox is one page of an actor's site messages (站内消息), newest first, with the count
// of unread ones.
type Inbox struct {
	Page[Message]
	Unread int `json:"unread"`
}

// ReadMessageParams is the input of [Service.ReadMessage].
type ReadMessageParams struct {
	Key string `json:"-"` // the idempotency key
	ID  string `json:"id"`
}

// Messages returns a page of the messages delivered to the actor's inboxes (see
// [Actor.Addresses]): their own and, for an enterprise or a provider, their
// organisation's.
func (s *Service) Messages(ctx context.Context, a Actor, q MessageQuery) (Inbox, error) {
	page, per := Query{Page: q.Page, PerPage: q.PerPage}.bounds()
	to := a.Addresses()
	if len(to) == 0 {
		return Inbox{Page: newPage[Message](nil, 0, page, per)}, nil
	}
	return view(ctx, s, func(tx Tx) (Inbox, error) {
		items, total, err := tx.Messages(ctx, MessageFilter{To: to, Unread: q.Unread, Offset: (page - 1) * per, Limit: per})
		if err != nil {
			return Inbox{}, err
		}
		unread, err := tx.UnreadMessages(ctx, to)
		return Inbox{Page: newPage(items, total, page, per), Unread: unread}, err
	})
}

// UnreadMessages counts the actor's unread messages.
func (s *Service) UnreadMessages(ctx context.Context, a Actor) (int, error) {
	to := a.Addresses()
	if len(to) == 0 {
		return 0, nil
	}
	return view(ctx, s, func(tx Tx) (int, error) { return tx.UnreadMessages(ctx, to) })
}

// ReadMessage marks one of the actor's messages read (已读); reading it again changes
// nothing. A message of another inbox answers cxq.ErrNotFound, like a missing one. Marks
// of reading are not audited: a message is not a record of the programme.
func (s *Service) ReadMessage(ctx context.Context, a Actor, in ReadMessageParams) error {
	to := a.Addresses()
	_, err := mutate(ctx, s, a, in.Key, "ReadMessage", in, func(tx Tx, now time.Time) (bool, error) {
		if len(to) == 0 || in.ID == "" {
			return false, fmt.Errorf("voucher: message %q: %w", in.ID, cxq.ErrNotFound)
		}
		return true, tx.ReadMessage(ctx, to, in.ID, now)
	})
	return err
}
