package storetest

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/stats"
)

// NoticePolicy is WorldPolicy with a 7-day public notice (公示) before payout showing
// every public column.
func NoticePolicy() policy.Policy {
	p := WorldPolicy()
	p.Notice = policy.Notice{Days: 7, Columns: policy.PublicColumns()}
	return p
}

// RunPublicNotice checks the public notice on stores from open: a redemption that
// passes review is paid only when its list closes without objection; objections, also
// concurrent ones and one racing the close, are never lost; the ledger and the trail
// stay consistent.
func RunPublicNotice(t *testing.T, open Opener) {
	runWorlds(t, open, NoticePolicy(), []worldCase{
		{"PublishObjectClose", testPublishObjectClose, nil},
		{"DecideHeld", testDecideHeld, nil},
		{"ConcurrentPublish", testConcurrentPublish, nil},
		{"ConcurrentObjections", testConcurrentObjections, nil},
		{"ObjectionRacesClose", testObjectionRacesClose, nil},
	})
}

// reviewed returns n redemptions of E1 that passed review (9099.00 spent, 4000.00
// paid each), their payouts awaiting the notice.
func reviewed(t *testing.T, w *World, n int) []voucher.Redemption {
	out := make([]voucher.Redemption, n)
	for i := range out {
		app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
		out[i] = w.PassReview(app.ID, "9099.00", "4000.00")
		require.Equal(t, voucher.PayoutAwaiting, out[i].Payout.State)
	}
	return out
}

func ids(reds []voucher.Redemption) []string {
	out := make([]string, len(reds))
	for i, r := range reds {
		out[i] = r.ID
	}
	return out
}

func fieldCode(t *testing.T, err error, code string) {
	t.Helper()
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, code, ve.Errors[0].Code)
}

func testPublishObjectClose(t *testing.T, w *World) {
	reds := reviewed(t, w, 2)
	q := w.Quota(2025)
	require.Equal(t, "9099.00", q.Reserved.String(), "nothing is paid before the notice")
	require.True(t, q.Consumed.IsZero())
	awaiting, err := w.Svc.AwaitingNotice(bg, w.Office)
	require.NoError(t, err)
	require.Equal(t, ids(reds), ids(awaiting))

	_, err = w.Svc.Publish(bg, w.Enterprise, voucher.PublishParams{Key: w.Key(), Redemptions: ids(reds)})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	key := w.Key()
	pub, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: key, Redemptions: ids(reds)})
	require.NoError(t, err)
	again, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: key, Redemptions: ids(reds)})
	require.NoError(t, err)
	require.Equal(t, pub.ID, again.ID, "one key, one list")
	require.Equal(t, pub.From.AddDate(0, 0, 7), pub.Until)
	require.Equal(t, pub.ListHash(), pub.Hash)
	require.Equal(t, voucher.NoticeEntry{No: 1, Case: reds[0].ID, Enterprise: "企业E1", Product: "气相色谱仪", Provider: "天津大学",
		Amount: cxq.MustMoney("4000.00")}, pub.Entries[0])
	_, err = w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: w.Key(), Redemptions: ids(reds[:1])})
	fieldCode(t, err, voucher.CodeNotNoticeable)

	trail, err := w.Svc.Audit(bg, w.Office, voucher.KindPublication, pub.ID)
	require.NoError(t, err)
	require.Equal(t, "publish", trail[0].Action)
	require.Contains(t, trail[0].Note, "hash="+pub.Hash, "the trail keeps the printed hash")

	public, err := w.Svc.Publication(bg, voucher.Actor{}, pub.ID)
	require.NoError(t, err)
	require.Empty(t, public.Entries[0].Case, "the public does not see case IDs")
	require.Equal(t, pub.Hash, public.ListHash(), "anyone can recompute the hash from what is shown")

	objection := voucher.ObjectParams{Key: w.Key(), Publication: pub.ID, Entry: 2,
		Text: "该企业与服务机构存在关联关系。", Name: "王五", Contact: "13900000000"}
	o, err := w.Svc.Object(bg, voucher.Actor{}, objection)
	require.NoError(t, err)
	require.Equal(t, reds[1].ID, o.Case)
	retried, err := w.Svc.Object(bg, voucher.Actor{}, objection)
	require.NoError(t, err)
	require.Equal(t, o.ID, retried.ID, "a retried objection is the same one")
	_, err = w.Svc.Object(bg, voucher.Actor{}, voucher.ObjectParams{Key: w.Key(), Publication: pub.ID, Entry: 3, Text: "x"})
	fieldCode(t, err, voucher.CodeNoticeEntry)
	_, err = w.Svc.Objections(bg, w.Enterprise, pub.ID)
	require.ErrorIs(t, err, cxq.ErrForbidden, "objectors' contacts are the office's only")
	objs, err := w.Svc.Objections(bg, w.Office, pub.ID)
	require.NoError(t, err)
	require.Len(t, objs, 1)
	require.Equal(t, "13900000000", objs[0].Contact)

	_, err = w.Svc.CloseNotice(bg, w.Office, voucher.CloseNoticeParams{Key: w.Key(), ID: pub.ID})
	fieldCode(t, err, voucher.CodeNoticeOpen)
	var closed voucher.Publication
	w.After(pub.Until, func() {
		closing := voucher.CloseNoticeParams{Key: w.Key(), ID: pub.ID}
		closed, err = w.Svc.CloseNotice(bg, w.Office, closing)
		require.NoError(t, err)
		again, err := w.Svc.CloseNotice(bg, w.Office, closing)
		require.NoError(t, err)
		require.Equal(t, closed.Version, again.Version, "a retried close is the same one")
		_, err = w.Svc.Object(bg, voucher.Actor{}, voucher.ObjectParams{Key: w.Key(), Publication: pub.ID, Entry: 1, Text: "迟到的异议"})
		fieldCode(t, err, voucher.CodeNoticeClosed)
		_, err = w.Svc.CloseNotice(bg, w.Office, voucher.CloseNoticeParams{Key: w.Key(), ID: pub.ID})
		fieldCode(t, err, voucher.CodeNoticeClosed)
	})
	require.Equal(t, voucher.PublicationClosed, closed.State)
	require.Equal(t, 1, closed.Paid)
	require.Equal(t, 1, closed.Held)
	require.Equal(t, 1, closed.Entries[1].Objections, "the retried objection counted once")
	require.Equal(t, []string{voucher.PayoutPaid, voucher.PayoutObjected}, []string{closed.Entries[0].Outcome, closed.Entries[1].Outcome})
	require.Equal(t, pub.Hash, closed.ListHash(), "closing leaves the list's hash")
	q = w.Quota(2025)
	require.Equal(t, "4000.00", q.Consumed.String(), "only the entry nobody objected to is paid")
	require.Equal(t, "4549.50", q.Reserved.String(), "the objected one still holds its voucher")
	checkNoticeStats(t, w)
}

// checkNoticeStats: of the two redemptions that passed review only the paid one counts
// as redeemed, and the figures still add up.
func checkNoticeStats(t *testing.T, w *World) {
	rep, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{})
	require.NoError(t, err)
	require.NoError(t, rep.Check())
	byStatus, _ := rep.Table(stats.Redemptions, stats.ByStatus)
	require.Equal(t, "8000.00", byStatus.Total.Granted.String(), "both passed review")
	require.Equal(t, "4000.00", byStatus.Total.Redeemed.String(), "only the paid one counts as redeemed")
}

func testDecideHeld(t *testing.T, w *World) {
	reds := reviewed(t, w, 2)
	pub, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: w.Key(), Redemptions: ids(reds)})
	require.NoError(t, err)
	for _, no := range []int{1, 2} {
		_, err := w.Svc.Object(bg, voucher.Actor{}, voucher.ObjectParams{Key: w.Key(), Publication: pub.ID, Entry: no, Text: "金额与合同不符。"})
		require.NoError(t, err)
	}
	_, err = w.Svc.DecideHeld(bg, w.Office, voucher.DecideHeldParams{Key: w.Key(), ID: reds[0].ID, Pay: true})
	fieldCode(t, err, voucher.CodeNoticeNotHeld)
	w.After(pub.Until, func() {
		_, err = w.Svc.CloseNotice(bg, w.Office, voucher.CloseNoticeParams{Key: w.Key(), ID: pub.ID})
		require.NoError(t, err)
	})
	require.True(t, w.Quota(2025).Consumed.IsZero())
	held, err := w.Svc.HeldPayouts(bg, w.Office)
	require.NoError(t, err)
	require.Equal(t, ids(reds), ids(held))

	_, err = w.Svc.DecideHeld(bg, w.District, voucher.DecideHeldParams{Key: w.Key(), ID: reds[0].ID, Pay: true})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	r, err := w.Svc.DecideHeld(bg, w.Office, voucher.DecideHeldParams{Key: w.Key(), ID: reds[0].ID, Pay: true, Opinion: "经核实异议不成立。"})
	require.NoError(t, err)
	require.Equal(t, voucher.PayoutPaid, r.Payout.State)
	require.Equal(t, "4000.00", w.Quota(2025).Consumed.String())

	_, err = w.Svc.DecideHeld(bg, w.Office, voucher.DecideHeldParams{Key: w.Key(), ID: reds[1].ID})
	fieldCode(t, err, cxq.CodeRequired)
	r, err = w.Svc.DecideHeld(bg, w.Office, voucher.DecideHeldParams{Key: w.Key(), ID: reds[1].ID, Opinion: "异议成立，不予兑现。"})
	require.NoError(t, err)
	require.Equal(t, voucher.PayoutRefused, r.Payout.State)
	held, err = w.Svc.HeldPayouts(bg, w.Office)
	require.NoError(t, err)
	require.Empty(t, held, "both decided")
	require.False(t, r.Live(), "a refused payout frees its voucher")
	require.Equal(t, "4000.00", w.Quota(2025).Consumed.String(), "the upheld objection pays nothing")
	next, err := w.Svc.StartRedemption(bg, w.Redeemer, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: r.ApplicationID})
	require.NoError(t, err, "the voucher may be redeemed again")
	next, err = w.Svc.AddInvoice(bg, w.Redeemer, voucher.AddInvoiceParams{Key: w.Key(), ID: next.ID, Version: next.Version,
		Invoice: r.Form.Invoices[0]})
	require.NoError(t, err, "an unpaid redemption's invoices are free again")
	_, err = w.Svc.AddInvoice(bg, w.Redeemer, voucher.AddInvoiceParams{Key: w.Key(), ID: next.ID, Version: next.Version,
		Invoice: reds[0].Form.Invoices[0]})
	fieldCode(t, err, voucher.CodeDuplicateInvoice)
	for i, want := range []string{"经核实异议不成立。", "异议成立，不予兑现。"} {
		told := heldNotices(t, w, reds[i].ID)
		require.Len(t, told, 1, "the enterprise is told how its held payout was decided")
		require.Contains(t, told[0].Text.ZH, want)
	}
}

// heldNotices are the notices telling the decision on redemption id's held payout.
func heldNotices(t *testing.T, w *World, id string) []voucher.Notice {
	t.Helper()
	var out []voucher.Notice
	require.NoError(t, w.Store.View(bg, func(tx voucher.Tx) error {
		ns, err := tx.Notices(bg, voucher.NoticeFilter{Subject: voucher.StreamOf(voucher.StreamRedemption, id)})
		for _, n := range ns {
			if n.Code == string(voucher.PayoutPaid) || n.Code == string(voucher.PayoutRefused) {
				out = append(out, n)
			}
		}
		return err
	}))
	return out
}

// testConcurrentPublish: lists published at once with one redemption in common — the
// redemption lands on exactly one list.
func testConcurrentPublish(t *testing.T, w *World) {
	reds := reviewed(t, w, 3)
	lists := [][]string{{reds[0].ID, reds[1].ID}, {reds[1].ID, reds[2].ID}, {reds[1].ID}}
	errs := parallel(len(lists), func(i int) error {
		_, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: w.Key(), Redemptions: lists[i]})
		return err
	})
	require.Equal(t, 1, tallyRaced(t, errs, ""), "one list takes the shared redemption")
	pubs, err := w.Svc.Publications(bg, w.Office, voucher.PublicationOpen)
	require.NoError(t, err)
	require.Len(t, pubs, 1)
	r, err := w.Svc.Redemption(bg, w.Office, reds[1].ID)
	require.NoError(t, err)
	require.Equal(t, pubs[0].ID, r.Payout.Publication)
}

// Objectors is how many objections testConcurrentObjections lodges at once.
var Objectors = 8

func testConcurrentObjections(t *testing.T, w *World) {
	reds := reviewed(t, w, 2)
	pub, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: w.Key(), Redemptions: ids(reds)})
	require.NoError(t, err)
	errs := parallel(Objectors, func(i int) error {
		_, err := w.Svc.Object(bg, voucher.Actor{}, voucher.ObjectParams{Key: w.Key(), Publication: pub.ID, Entry: 1 + i%2,
			Text: "异议" + strings.Repeat("。", i+1)})
		return err
	})
	for _, err := range errs {
		require.NoError(t, err, "every objection is taken")
	}
	objs, err := w.Svc.Objections(bg, w.Office, pub.ID)
	require.NoError(t, err)
	require.Len(t, objs, Objectors)
	for _, r := range reds {
		r, err := w.Svc.Redemption(bg, w.Office, r.ID)
		require.NoError(t, err)
		require.Equal(t, Objectors/2, r.Payout.Objections)
	}
}

// NoticeRaceRounds is how many rounds testObjectionRacesClose runs.
var NoticeRaceRounds = 6

// testObjectionRacesClose: an objection through a second Service whose clock is still in
// the period races the close through the first, whose clock is past it. Either the
// objection is in and the entry held, or it is refused and the entry paid — never an
// objection taken and the entry paid, never both refused.
func testObjectionRacesClose(t *testing.T, w *World) {
	late := NewWorldConfigured(t, w.Store, w.Policy, func(c *voucher.Config) { c.IDs = &voucher.Sequence{Prefix: "late"} })
	in := 0
	defer func() { t.Logf("objections in before the close: %d of %d", in, NoticeRaceRounds) }()
	for range NoticeRaceRounds {
		r := reviewed(t, w, 1)[0]
		pub, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: w.Key(), Redemptions: []string{r.ID}})
		require.NoError(t, err)
		late.Clock.Set(pub.Until.Add(-time.Hour))
		var objErr, closeErr error
		var closed voucher.Publication
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, objErr = late.Svc.Object(bg, voucher.Actor{}, voucher.ObjectParams{Key: w.Key(), Publication: pub.ID, Entry: 1, Text: "最后一刻的异议"})
		}()
		w.After(pub.Until, func() {
			defer wg.Done()
			for try := 0; try < 16; try++ { // the office retries a close that conflicted
				closed, closeErr = w.Svc.CloseNotice(bg, w.Office, voucher.CloseNoticeParams{Key: w.Key(), ID: pub.ID})
				if !errors.Is(closeErr, cxq.ErrConflict) {
					break
				}
			}
		})
		wg.Wait()
		require.NoError(t, closeErr)
		got, err := w.Svc.Redemption(bg, w.Office, r.ID)
		require.NoError(t, err)
		if objErr == nil {
			in++
			require.Equal(t, voucher.PayoutObjected, got.Payout.State, "a taken objection holds the entry")
			require.Equal(t, 1, closed.Held)
		} else {
			fieldCode(t, objErr, voucher.CodeNoticeClosed)
			require.Equal(t, voucher.PayoutPaid, got.Payout.State)
			require.Equal(t, 1, closed.Paid)
		}
		checkLedger(t, w.Store)
	}
}
