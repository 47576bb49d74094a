package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// RunDelivery checks the provider's confirmation with a reason, the delivery and the
// enterprise's evaluation through a voucher.Service on stores from open: the rules of
// each, concurrent evaluations of which exactly one wins, idempotency keys, the policy
// that requires the evaluation before a redemption and the provider's rating.
func RunDelivery(t *testing.T, open Opener) {
	runWorlds(t, open, WorldPolicy(), []worldCase{
		{"DeclineNeedsReason", testDeclineReason, nil},
		{"DeliveryAndEvaluation", testDeliveryEvaluation, nil},
		{"ConcurrentEvaluationsOneWins", testEvaluationRace, nil},
		{"ConcurrentDeliveriesOneWins", testDeliveryRace, nil},
		{"EvaluationRequiredBeforeRedemption", testEvaluationRequired, requireEvaluation},
		{"ProviderRating", testProviderRating, nil},
	})
}

// requireEvaluation makes a policy require the evaluation before a redemption.
func requireEvaluation(p *policy.Policy) { p.EvaluationRequired = true }

// Placed places an order for product by ent, not yet confirmed.
func (w *World) Placed(ent voucher.Actor, product string) voucher.Order {
	w.T.Helper()
	o, err := w.Svc.PlaceOrder(bg, ent, voucher.PlaceOrder{Key: w.Key(), ProductID: product,
		Client: voucher.Party{Name: "企业" + ent.Org, Contact: "张三", Phone: "13812345678"}})
	require.NoError(w.T, err)
	return o
}

// Delivered records the delivery of a confirmed order by the World's provider, with one
// result file.
func (w *World) Delivered(orderID string) voucher.Order {
	w.T.Helper()
	o, err := w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: orderID,
		Date: Start, Content: "完成气相色谱检测，出具检测报告。",
		Files: []voucher.AttachmentRef{w.Ref(w.Provider, voucher.SlotServiceProof, "report.pdf")}})
	require.NoError(w.T, err)
	return o
}

// Scores gives every item of the Service's rubric its max, less off points in all,
// taken from the first items down to zero.
func (w *World) Scores(off int) map[string]int {
	out := map[string]int{}
	for _, it := range w.Svc.Rubric().Items {
		take := min(off, it.Max)
		out[it.Code], off = it.Max-take, off-take
	}
	return out
}

func stateCode(t testing.TB, err error, code string) {
	t.Helper()
	var se *voucher.OrderStateError
	require.True(t, errors.As(err, &se), "want an OrderStateError %s, got %v", code, err)
	require.Equal(t, code, se.Code)
	require.ErrorIs(t, err, cxq.ErrConflict)
}

func fieldCodes(t testing.TB, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, fe := range voucher.Explain(err).Errors {
		out[fe.Field] = fe.Code
	}
	return out
}

func testDeclineReason(t *testing.T, w *World) {
	o := w.Placed(w.Enterprise, "P1")
	_, err := w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Confirm: false})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	require.Equal(t, map[string]string{"reason": cxq.CodeRequired}, fieldCodes(t, err))
	_, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Confirm: true, Reason: "x"})
	require.ErrorIs(t, err, cxq.ErrInvalid, "a confirmation takes no reason")
	in := voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Version: o.Version, Reason: "本月仪器检修，无法安排检测。"}
	d, err := w.Svc.ConfirmOrder(bg, w.Provider, in)
	require.NoError(t, err)
	require.Equal(t, voucher.OrderDeclined, d.Status)
	again, err := w.Svc.ConfirmOrder(bg, w.Provider, in)
	require.NoError(t, err, "the same key replays")
	require.Equal(t, d.Version, again.Version)
	seen, err := w.Svc.Order(bg, w.Enterprise, o.ID)
	require.NoError(t, err)
	require.Equal(t, "本月仪器检修，无法安排检测。", seen.DeclineReason, "the enterprise is shown why")
	trail, err := w.Svc.Audit(bg, w.Enterprise, voucher.StreamOrder, o.ID)
	require.NoError(t, err)
	require.Contains(t, trail[len(trail)-1].Note, "reason=本月仪器检修")
	_, err = w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Date: Start, Content: "x"})
	stateCode(t, err, voucher.CodeOrderDeclined)
	_, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Confirm: true})
	stateCode(t, err, voucher.CodeOrderDeclined)
	require.Equal(t, "服务机构已拒绝该订单", voucher.Explain(err).Message(cxq.ZH), "declined, not a conflict to reload")
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: w.Form(w.Enterprise, "9099.00")})
	refusal(t, err, policy.CodeOrderDeclined, "a declined order says so, not that it awaits confirmation")
	confirmed := w.Order(w.Enterprise, "P1")
	_, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: confirmed.ID, Reason: "改主意了"})
	stateCode(t, err, voucher.CodeAlreadyConfirmed)
	require.Equal(t, []string{"org:E1 status"}, noticesOf(w.outbox(), voucher.StreamOf(voucher.StreamOrder, o.ID)),
		"the enterprise is told, once, although the call was replayed")
	for _, n := range w.outbox() {
		if n.Subject == voucher.StreamOf(voucher.StreamOrder, o.ID) {
			require.Contains(t, n.Text.ZH, "原因：本月仪器检修")
		}
	}
}

func testDeliveryEvaluation(t *testing.T, w *World) {
	o := w.Order(w.Enterprise, "P1")
	_, err := w.Svc.EvaluateOrder(bg, w.Enterprise, voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Scores: w.Scores(0)})
	stateCode(t, err, voucher.CodeNotDelivered)
	theirs := w.Ref(w.Enterprise, voucher.SlotServiceProof, "mine.pdf")
	wrongSlot := w.Ref(w.Provider, voucher.SlotInvoiceScan, "invoice.pdf")
	for _, who := range []voucher.Actor{w.Enterprise, w.Office, {ID: "u-v2", Role: voucher.RoleProvider, Org: "V2"}} {
		_, err = w.Svc.RecordDelivery(bg, who, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Date: Start, Content: "x"})
		require.ErrorIs(t, err, cxq.ErrNotFound, "only the order's provider records the delivery (%s)", who.ID)
	}
	_, err = w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID,
		Date: w.Clock.Now().AddDate(0, 0, 2), Files: []voucher.AttachmentRef{theirs, wrongSlot}})
	require.Equal(t, map[string]string{"content": cxq.CodeRequired, "date": cxq.CodeInvalid}, fieldCodes(t, err))
	placed := o.Created.In(cxq.China()).Format(time.DateOnly)
	for _, early := range []time.Time{time.Date(1900, 1, 1, 0, 0, 0, 0, cxq.China()), o.Created.AddDate(0, 0, -1)} {
		_, err = w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Date: early, Content: "x"})
		require.Equal(t, map[string]string{"date": cxq.CodeOutOfRange}, fieldCodes(t, err), "delivered before the order (%s)", early)
		var ve *cxq.ValidationError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, placed, ve.Errors[0].Params["min"], "the refusal names the order's day")
		require.Contains(t, ve.Errors[0].Message(cxq.ZH), "交付日期不能早于下单日期 "+placed)
		require.NotEmpty(t, ve.Errors[0].Message(cxq.EN))
	}
	_, err = w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Date: Start,
		Content: "x", Files: []voucher.AttachmentRef{theirs, wrongSlot}})
	require.Equal(t, map[string]string{"files[0]": voucher.CodeAttachmentRef, "files[1]": voucher.CodeAttachmentRef}, fieldCodes(t, err),
		"only files the provider uploaded as service results")
	_, err = w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Version: o.Version + 1, Date: Start, Content: "x"})
	require.ErrorIs(t, err, cxq.ErrConflict, "a stale version")

	in := voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Version: o.Version, Date: Start, Content: "完成检测。",
		Files: []voucher.AttachmentRef{w.Ref(w.Provider, voucher.SlotServiceProof, "report.pdf")}}
	d, err := w.Svc.RecordDelivery(bg, w.Provider, in)
	require.NoError(t, err)
	require.NotNil(t, d.Delivery)
	require.Equal(t, voucher.OrderConfirmed, d.Status, "a delivery changes no status")
	again, err := w.Svc.RecordDelivery(bg, w.Provider, in)
	require.NoError(t, err, "the same key replays")
	require.Equal(t, d.Version, again.Version)
	in.Key = w.Key()
	_, err = w.Svc.RecordDelivery(bg, w.Provider, in)
	stateCode(t, err, voucher.CodeAlreadyDelivered)

	_, err = w.Svc.EvaluateOrder(bg, w.Provider, voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Scores: w.Scores(0)})
	require.ErrorIs(t, err, cxq.ErrNotFound, "only the order's enterprise evaluates")
	_, err = w.Svc.EvaluateOrder(bg, w.Other, voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Scores: w.Scores(0)})
	require.ErrorIs(t, err, cxq.ErrNotFound)
	bad := w.Scores(0)
	bad["quality"] = 99
	delete(bad, "price")
	_, err = w.Svc.EvaluateOrder(bg, w.Enterprise, voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Scores: bad})
	require.Equal(t, map[string]string{"scores.quality": policy.CodeScoreRange, "scores.price": policy.CodeScoreMissing}, fieldCodes(t, err))

	ev := voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Version: d.Version, Scores: w.Scores(5), Comment: "报告及时，数据可靠。"}
	e, err := w.Svc.EvaluateOrder(bg, w.Enterprise, ev)
	require.NoError(t, err)
	require.Equal(t, 95, e.Evaluation.Total)
	require.Equal(t, "A", e.Evaluation.Grade)
	require.Equal(t, policy.NanjingRubric().Ref(), e.Evaluation.Rubric)
	replay, err := w.Svc.EvaluateOrder(bg, w.Enterprise, ev)
	require.NoError(t, err, "the same key replays")
	require.Equal(t, e.Version, replay.Version)
	ev.Key, ev.Scores = w.Key(), w.Scores(50)
	_, err = w.Svc.EvaluateOrder(bg, w.Enterprise, ev)
	stateCode(t, err, voucher.CodeAlreadyEvaluated)
	seen, err := w.Svc.Order(bg, w.Provider, o.ID)
	require.NoError(t, err)
	require.Equal(t, 95, seen.Evaluation.Total, "the evaluation is immutable")
	require.Equal(t, e, seen, "the delivery and the evaluation read back as they were stored")
	trail, err := w.Svc.Audit(bg, w.Enterprise, voucher.StreamOrder, o.ID)
	require.NoError(t, err)
	var actions []string
	for _, en := range trail {
		actions = append(actions, en.Action)
	}
	require.Equal(t, []string{"place", "confirm", "deliver", "evaluate"}, actions)
	require.Contains(t, trail[3].Note, "grade=A")
	require.Equal(t, []string{"org:E1 status", "org:V1 status"}, noticesOf(w.outbox(), voucher.StreamOf(voucher.StreamOrder, o.ID)),
		"the enterprise hears of the delivery, the provider of the evaluation")
}

// EvaluationRounds is how many orders testEvaluationRace races 16 evaluations on.
var EvaluationRounds = 3

func testEvaluationRace(t *testing.T, w *World) {
	for range EvaluationRounds {
		o := w.Delivered(w.Order(w.Enterprise, "P1").ID)
		shared := w.Key()
		errs := parallel(16, func(i int) error {
			key := w.Key()
			if i%4 == 0 {
				key = shared // four retries of one call
			}
			_, err := w.Svc.EvaluateOrder(bg, w.Enterprise, voucher.EvaluateOrderParams{Key: key, ID: o.ID, Scores: w.Scores(i % 4)})
			return err
		})
		wins := 0
		for _, err := range errs {
			if err == nil {
				wins++
				continue
			}
			stateCode(t, err, voucher.CodeAlreadyEvaluated)
		}
		got, err := w.Svc.Order(bg, w.Enterprise, o.ID)
		require.NoError(t, err)
		require.NotNil(t, got.Evaluation)
		if got.Evaluation.Total == 100 { // the shared key won: its four calls all answer its result
			require.Equal(t, 4, wins)
		} else {
			require.Equal(t, 1, wins, "16 concurrent evaluations: exactly one wins")
		}
		require.Equal(t, o.Version+1, got.Version)
	}
}

func testDeliveryRace(t *testing.T, w *World) {
	o := w.Order(w.Enterprise, "P1")
	errs := parallel(16, func(int) error {
		_, err := w.Svc.RecordDelivery(bg, w.Provider, voucher.RecordDeliveryParams{Key: w.Key(), ID: o.ID, Date: Start, Content: "完成检测。"})
		return err
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict), "16 concurrent deliveries: one recorded")
}

func testEvaluationRequired(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	_, err := w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	refusal(t, err, policy.CodeEvaluationMissing)
	require.Equal(t, "请先对服务机构的服务进行评价，再提交兑现申请", voucher.Explain(err).Errors[0].Message(cxq.ZH))
	w.Delivered(app.OrderID)
	_, err = w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	refusal(t, err, policy.CodeEvaluationMissing, "a delivery is not an evaluation")
	_, err = w.Svc.EvaluateOrder(bg, w.Enterprise, voucher.EvaluateOrderParams{Key: w.Key(), ID: app.OrderID, Scores: w.Scores(30)})
	require.NoError(t, err)
	r, err = w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.NoError(t, err, "evaluated (grade C, whatever the grade): the redemption goes in")
	require.Equal(t, "4549.50", r.Total.String())
}

func testProviderRating(t *testing.T, w *World) {
	r, err := w.Svc.ProviderRating(bg, "V1")
	require.NoError(t, err)
	require.Equal(t, 0, r.Count)
	require.Empty(t, r.Average)
	require.Len(t, r.Grades, 4)
	for _, off := range []int{0, 10, 10} { // 100 (A), 90 (A) and 90 (A) …
		o := w.Delivered(w.Order(w.Enterprise, "P1").ID)
		_, err := w.Svc.EvaluateOrder(bg, w.Enterprise, voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Scores: w.Scores(off)})
		require.NoError(t, err)
	}
	low := w.Scores(10)
	low["quality"], low["timeliness"] = 5, 5 // … and 65 (C)
	o := w.Delivered(w.Order(w.Other, "P1").ID)
	_, err = w.Svc.EvaluateOrder(bg, w.Other, voucher.EvaluateOrderParams{Key: w.Key(), ID: o.ID, Scores: low})
	require.NoError(t, err)
	w.Delivered(w.Order(w.Enterprise, "P1").ID) // delivered, not evaluated: not counted
	r, err = w.Svc.ProviderRating(bg, "V1")
	require.NoError(t, err)
	require.Equal(t, 4, r.Count)
	require.Equal(t, "86.3", r.Average, "(100+90+90+65)/4 = 86.25, half up")
	counts := map[string]int{}
	for _, g := range r.Grades {
		counts[g.Grade] = g.Count
	}
	require.Equal(t, map[string]int{"A": 3, "B": 0, "C": 1, "D": 0}, counts)
	none, err := w.Svc.ProviderRating(bg, "V9")
	require.NoError(t, err)
	require.Equal(t, 0, none.Count)
}
