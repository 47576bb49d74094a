package memstore

import (
	"context"
	"slices"
	"time"

	"github.com/cxqkit/cxq/voucher"
)

// outbox holds the notices and the site inboxes. Its maps are made on the first write.
// bySubject lists the IDs of each subject's notices (a notice whose subject changed is
// listed under both), so that a record's reminders are found without a scan of every
// notice.
type outbox struct {
	notices   map[string]voucher.Notice
	messages  map[string]voucher.Message
	bySubject map[string][]string
}

// index lists notice id under subject, undoably.
func (t *tx) index(subject, id string) {
	b := &t.s.box
	if b.bySubject == nil {
		b.bySubject = map[string][]string{}
	}
	setUndo(t, b.bySubject, subject)
	// Appended in place: the undo restores the shorter list, and readers copy it.
	b.bySubject[subject] = append(b.bySubject[subject], id)
}

func (t *tx) AppendNotice(_ context.Context, n voucher.Notice) error {
	if err := t.writable(); err != nil {
		return err
	}
	b := &t.s.box
	if b.notices == nil {
		b.notices = map[string]voucher.Notice{}
	}
	if _, ok := b.notices[n.ID]; ok {
		return conflict("notice %q exists", n.ID)
	}
	setUndo(t, b.notices, n.ID)
	b.notices[n.ID] = n
	t.index(n.Subject, n.ID)
	return nil
}

func (t *tx) Notice(_ context.Context, id string) (voucher.Notice, error) {
	n, ok := t.s.box.notices[id]
	if !ok {
		return n, notFound("notice", id)
	}
	return n, nil
}

func (t *tx) UpdateNotice(_ context.Context, n voucher.Notice) error {
	if err := t.writable(); err != nil {
		return err
	}
	b := &t.s.box
	old, ok := b.notices[n.ID]
	if !ok {
		return notFound("notice", n.ID)
	}
	setUndo(t, b.notices, n.ID)
	b.notices[n.ID] = n
	if n.Subject != old.Subject {
		t.index(n.Subject, n.ID)
	}
	return nil
}

func (t *tx) Notices(_ context.Context, f voucher.NoticeFilter) ([]voucher.Notice, error) {
	var out []voucher.Notice
	if f.Subject != "" {
		ids := slices.Clone(t.s.box.bySubject[f.Subject])
		slices.Sort(ids)
		ids = slices.Compact(ids)
		out = make([]voucher.Notice, 0, len(ids))
		for _, id := range ids {
			if n := t.s.box.notices[id]; f.Matches(n) {
				out = append(out, n)
			}
		}
		sortKeys(out, voucher.NoticeLess)
		return page(out, 0, f.Limit), nil
	}
	for _, n := range t.s.box.notices {
		if f.Matches(n) {
			out = append(out, n)
		}
	}
	sortKeys(out, voucher.NoticeLess)
	return page(out, 0, f.Limit), nil
}

func (t *tx) DeliverMessage(_ context.Context, m voucher.Message) (bool, error) {
	if err := t.writable(); err != nil {
		return false, err
	}
	b := &t.s.box
	if b.messages == nil {
		b.messages = map[string]voucher.Message{}
	}
	if _, ok := b.messages[m.ID]; ok {
		return false, nil
	}
	setUndo(t, b.messages, m.ID)
	b.messages[m.ID] = m
	return true, nil
}

func (t *tx) Messages(_ context.Context, f voucher.MessageFilter) ([]voucher.Message, int, error) {
	var out []voucher.Message
	for _, m := range t.s.box.messages {
		if f.Matches(m) {
			out = append(out, m)
		}
	}
	sortKeys(out, voucher.MessageLess)
	return page(out, f.Offset, f.Limit), len(out), nil
}

func (t *tx) UnreadMessages(_ context.Context, to []string) (int, error) {
	n := 0
	for _, m := range t.s.box.messages {
		if m.Unread() && slices.Contains(to, m.To) {
			n++
		}
	}
	return n, nil
}

func (t *tx) ReadMessage(_ context.Context, to []string, id string, at time.Time) error {
	if err := t.writable(); err != nil {
		return err
	}
	b := &t.s.box
	m, ok := b.messages[id]
	if !ok || !slices.Contains(to, m.To) {
		return notFound("message", id)
	}
	if m.Unread() {
		setUndo(t, b.messages, id)
		m.Read = at
		b.messages[id] = m
	}
	return nil
}
