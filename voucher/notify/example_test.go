package notify_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/notify"
)

// A worker delivers the outbox to the site inbox; a second pass sends nothing again.
func Example() {
	ctx := context.Background()
	st := memstore.New()
	now := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	_ = st.Update(ctx, func(tx voucher.Tx) error { // as the Service does in a change's transaction
		return tx.AppendNotice(ctx, voucher.Notice{ID: "n1", To: voucher.OrgAddress("E1"), Kind: voucher.NoticeApproved,
			Subject: "application/A1", Text: cxq.T("您的创新券申请已审核通过。", "Your voucher application was approved."),
			Created: now, Due: now, NextTry: now, State: voucher.NoticePending})
	})
	w, _ := notify.New(notify.Config{Store: st, Notifier: notify.Inbox{Store: st, Now: clock}, Now: clock})
	rep, _ := w.RunOnce(ctx)
	again, _ := w.RunOnce(ctx)
	fmt.Println("sent:", rep.Sent, "then:", again.Sent)

	_ = st.View(ctx, func(tx voucher.Tx) error {
		msgs, _, _ := tx.Messages(ctx, voucher.MessageFilter{To: []string{voucher.OrgAddress("E1")}})
		unread, _ := tx.UnreadMessages(ctx, []string{voucher.OrgAddress("E1")})
		fmt.Println(msgs[0].Text.ZH, "unread:", unread)
		return nil
	})
	// Output:
	// sent: 1 then: 0
	// 您的创新券申请已审核通过。 unread: 1
}
