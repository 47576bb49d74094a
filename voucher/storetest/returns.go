package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/stats"
)

// reasonCodes are the codes of the reasons err gives a person (voucher.Explain).
func reasonCodes(err error) []string {
	var out []string
	if ve := voucher.Explain(err); ve != nil {
		for _, fe := range ve.Errors {
			out = append(out, fe.Code)
		}
	}
	return out
}

// testReturnAtOnce: under a policy without return review a return takes effect when it
// is asked for: quota released once, the application ended, no ban, the enterprise told.
func testReturnAtOnce(t *testing.T, w *World) {
	w.SetBudget(policy.Budget{Year: 2025, Total: cxq.Yuan(5000)})
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	require.Equal(t, "450.50", w.pool(2025, policy.TotalPool).Left.String())
	require.Equal(t, "4549.50", w.Quota(2025).Reserved.String())
	e, err := w.Svc.PreviewReturn(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, "4549.50", e.Released.String())
	require.False(t, e.Review)
	require.Nil(t, e.Ban, "returned before its deadline, the voucher escapes the next-year ban of expiry")
	require.Equal(t, policy.CodeReturnNoBan, e.Effect.Code)

	_, err = w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID})
	require.Equal(t, []string{cxq.CodeRequired}, reasonCodes(err), "a reason is required")
	_, err = w.Svc.RequestReturn(bg, w.Other, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "x"})
	require.ErrorIs(t, err, cxq.ErrNotFound, "another enterprise's voucher answers as missing")
	key := w.Key()
	r, err := w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: key, ApplicationID: app.ID, Reason: "项目取消"})
	require.NoError(t, err)
	require.Equal(t, voucher.ReturnApproved, r.State)
	again, err := w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: key, ApplicationID: app.ID, Reason: "项目取消"})
	require.NoError(t, err)
	require.Equal(t, r.ID, again.ID, "the same key replays")
	require.True(t, w.Quota(2025).Reserved.IsZero())
	require.Zero(t, w.Quota(2025).Claims)
	require.Equal(t, "5000.00", w.pool(2025, policy.TotalPool).Left.String(), "the return gave the pool its money back")
	require.Nil(t, w.Quota(2026).Ban)

	app, err = w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, voucher.EndedReturned, app.Ended)
	_, err = w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "再退"})
	require.Equal(t, []string{policy.CodeReturnEnded}, reasonCodes(err))
	require.ErrorIs(t, err, cxq.ErrConflict)
	_, err = w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.ErrorIs(t, err, cxq.ErrConflict, "a returned voucher cannot be redeemed")
	require.Contains(t, noticesOf(w.outbox(), "application/"+app.ID), "org:E1 voucher_return")
	onlyTheirOwn(t, w, func(a voucher.Actor) ([]voucher.Return, error) { return w.Svc.Returns(bg, a, voucher.ReturnFilter{}) })
	rep, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{})
	require.NoError(t, err)
	var labels []string
	for _, tb := range rep.Tables {
		for _, row := range tb.Rows {
			labels = append(labels, row.Label.ZH)
		}
	}
	require.Contains(t, labels, "企业退券", "a return is not counted as an expiry")
	checkReturnedStanding(t, w, app)
}

// checkReturnedStanding: a returned voucher reads as returned everywhere (not as the
// 复审通过 its review ended in), and the money it released, granted again to the next
// voucher, is counted granted once.
func checkReturnedStanding(t *testing.T, w *World, app voucher.Application) {
	require.Equal(t, voucher.StandingReturned, app.Standing())
	require.Equal(t, "已退券", w.Svc.ApplicationStatus(app).ZH)
	next := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	require.Equal(t, "4549.50", w.Quota(2025).Reserved.String(), "the released quota holds the next voucher")
	rep, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{})
	require.NoError(t, err)
	require.NoError(t, rep.Check())
	require.Equal(t, next.Amount.String(), rep.BudgetTotal.Granted.String(), "the returned voucher is no longer granted")
	require.LessOrEqual(t, rep.BudgetTotal.Granted.Cmp(rep.BudgetTotal.Reserved.Add(rep.BudgetTotal.Consumed)), 0)
	byStatus, ok := rep.Table(stats.Applications, stats.ByStatus)
	require.True(t, ok)
	statuses := map[string]int{}
	for _, row := range byStatus.Rows {
		statuses[row.Label.ZH] = row.Count
	}
	require.Equal(t, map[string]int{"已退券": 1, "复审通过": 1}, statuses)
	refusals, _ := rep.Table(stats.Applications, stats.ByRefusal)
	require.Len(t, refusals.Rows, 1)
	require.Equal(t, voucher.EndedReturned+"@"+string(app.State()), refusals.Rows[0].Key, "a return is refused in the state it left")
	facts, err := w.Svc.StatisticsRecords(bg, w.Office, voucher.StatsQuery{}, refusals.Rows[0].Drill)
	require.NoError(t, err)
	require.Len(t, facts, 1)
	require.Equal(t, "已退券", w.Svc.FactStatus(facts[0]).ZH)
	require.Len(t, facts[0].Refusals, 1)
	require.True(t, facts[0].Refusals[0].Time.After(facts[0].Approved), "the return's time, not the approval's")
	require.Equal(t, app.Updated, facts[0].Refusals[0].Time)
	listed := func(a voucher.Actor, st voucher.State) []string {
		p, err := w.Svc.Applications(bg, a, voucher.Query{Status: st})
		require.NoError(t, err)
		var ids []string
		for _, x := range p.Items {
			ids = append(ids, x.ID)
		}
		require.Len(t, ids, p.Total)
		return ids
	}
	for _, a := range []voucher.Actor{w.Enterprise, w.Office} {
		require.Equal(t, []string{next.ID}, listed(a, review.Approved), "复审通过 lists the voucher still held, not the returned one")
		require.Equal(t, []string{app.ID}, listed(a, voucher.StandingReturned))
	}
	var exported []string
	require.NoError(t, w.Svc.EachApplication(bg, w.Office, voucher.ListExport{Status: review.Approved}, func(a voucher.Application) error {
		exported = append(exported, a.ID)
		return nil
	}))
	require.Equal(t, []string{next.ID}, exported, "an export of 复审通过 leaves the returned voucher out")
}

// testReturnNotReturnable: a voucher in use, or past its deadline, cannot be returned,
// and the enterprise is told every reason.
func testReturnNotReturnable(t *testing.T, w *World) {
	pending := w.Submitted(w.Enterprise, "9099.00")
	_, err := w.Svc.PreviewReturn(bg, w.Enterprise, pending.ID)
	require.Equal(t, []string{policy.CodeReturnNotIssued}, reasonCodes(err))
	app := w.Approve(pending.ID)
	w.Prepared(app.ID, "9099.00")
	_, err = w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "不用了"})
	require.Equal(t, []string{policy.CodeReturnUsed}, reasonCodes(err), "a redemption is under way")

	late := w.Approve(w.Submitted(w.Enterprise, "8000.00").ID)
	ds, err := w.Svc.Deadlines(bg, w.Enterprise, late.ID)
	require.NoError(t, err)
	w.Clock.Set(ds[len(ds)-1].At)
	_, err = w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: late.ID, Reason: "不用了"})
	require.Equal(t, []string{policy.CodeReturnTooLate}, reasonCodes(err), "past its deadline the usage rules apply")
}

// ReturnReviewPolicy is WorldPolicy with returns reviewed by the office and costing the
// next claim year.
func ReturnReviewPolicy() policy.Policy {
	p := WorldPolicy()
	p.Usage.Return = policy.ReturnRules{Review: true, Ban: policy.NextYear}
	return p
}

// testReturnReviewed: under review a return waits for the office (the voucher neither
// redeemed nor expired meanwhile); a refusal needs a note and keeps the voucher; of two
// concurrent approvals exactly one wins and the quota is released once, with the ban
// the policy gives returns.
func testReturnReviewed(t *testing.T, w0 *World) {
	w := NewWorldFor(t, w0.Store, ReturnReviewPolicy())
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	e, err := w.Svc.PreviewReturn(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.True(t, e.Review)
	require.Equal(t, 2026, e.Ban.Year)
	require.Equal(t, policy.CodeReturnBan, e.Effect.Code)
	require.Equal(t, "退券后 2026 年不得申请创新券", e.Effect.Text().ZH)

	r, err := w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "项目取消"})
	require.NoError(t, err)
	require.Equal(t, voucher.ReturnRequested, r.State)
	require.Equal(t, "4549.50", w.Quota(2025).Reserved.String(), "nothing moves before the office decides")
	app, err = w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, "退券待审核", w.Svc.ApplicationStatus(app).ZH)
	_, err = w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.ErrorIs(t, err, cxq.ErrConflict, "no redemption while a return awaits the office")
	_, err = w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "再申请"})
	require.Equal(t, []string{policy.CodeReturnPending}, reasonCodes(err))
	ds, err := w.Svc.Deadlines(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	rep, err := w.Svc.ApplyDeadlines(bg, w.Office, ds[0].At.Add(-time.Hour))
	require.NoError(t, err)
	require.Empty(t, rep.Expired)

	_, err = w.Svc.DecideReturn(bg, w.Enterprise, voucher.ReturnDecision{Key: w.Key(), ID: r.ID, Approve: true})
	require.ErrorIs(t, err, cxq.ErrForbidden, "only the office decides")
	_, err = w.Svc.DecideReturn(bg, w.Office, voucher.ReturnDecision{Key: w.Key(), ID: r.ID})
	require.Equal(t, []string{cxq.CodeRequired}, reasonCodes(err), "a refusal needs a note")
	refused, err := w.Svc.DecideReturn(bg, w.Office, voucher.ReturnDecision{Key: w.Key(), ID: r.ID, Note: "项目仍在执行"})
	require.NoError(t, err)
	require.Equal(t, voucher.ReturnRefused, refused.State)
	require.Equal(t, "4549.50", w.Quota(2025).Reserved.String(), "a refused return keeps the voucher")

	r, err = w.Svc.RequestReturn(bg, w.Enterprise, voucher.ReturnParams{Key: w.Key(), ApplicationID: app.ID, Reason: "项目终止"})
	require.NoError(t, err)
	queue, err := w.Svc.Returns(bg, w.Office, voucher.ReturnFilter{State: voucher.ReturnRequested})
	require.NoError(t, err)
	require.Equal(t, []string{r.ID}, returnIDs(queue))
	errs := parallel(4, func(int) error {
		_, err := w.Svc.DecideReturn(bg, w.Office, voucher.ReturnDecision{Key: w.Key(), ID: r.ID, Version: r.Version, Approve: true})
		return err
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict), "exactly one decision wins")
	require.Equal(t, []string{"request", "approve"}, w.trail(voucher.StreamReturn, r.ID), "one decision in the trail")
	q := w.Quota(2025)
	require.True(t, q.Reserved.IsZero())
	require.Zero(t, q.Claims)
	ban := w.Quota(2026).Ban
	require.NotNil(t, ban)
	require.Equal(t, policy.CodeVoucherReturned, ban.Code)
	checkLedger(t, w.Store)

	w.Clock.Set(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	d := w.Draft(w.Enterprise, "9099.00")
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	require.Equal(t, []string{policy.CodeClaimBanned}, reasonCodes(err), "the return cost 2026")
}

// trail returns the actions of the audit stream of doc kind/id, in order.
func (w *World) trail(kind, id string) []string {
	w.T.Helper()
	var out []string
	require.NoError(w.T, w.Store.View(bg, func(tx voucher.Tx) error {
		es, err := tx.Audit(bg, voucher.StreamOf(kind, id))
		for _, e := range es {
			out = append(out, e.Action)
		}
		return err
	}))
	return out
}

func returnIDs(rs []voucher.Return) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

// testSanctions: a sanction in force refuses the party's claims with its period; a
// sanction on a provider refuses orders for its products; one on the actual controller
// refuses the enterprises it controls; a lifted or ended one refuses nothing.
func testSanctions(t *testing.T, w *World) {
	d := w.Draft(w.Enterprise, "9099.00")
	now := w.Svc.Now()
	in := voucher.SanctionParams{Key: w.Key(), Party: policy.PartyEnterprise, PartyID: "E1", Kind: policy.Freeze,
		Until: now.AddDate(0, 1, 0), Basis: "津科规〔2023〕3号第二十条", Note: "虚假申报"}
	_, err := w.Svc.Sanction(bg, w.Enterprise, in)
	require.ErrorIs(t, err, cxq.ErrForbidden)
	bad := in
	bad.Key, bad.Until, bad.Basis = w.Key(), time.Time{}, ""
	_, err = w.Svc.Sanction(bg, w.Office, bad)
	require.ElementsMatch(t, []string{cxq.CodeRequired, cxq.CodeRequired}, reasonCodes(err), "a freeze needs its end and a basis")
	sa, err := w.Svc.Sanction(bg, w.Office, in)
	require.NoError(t, err)

	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	ve := voucher.Explain(err)
	require.Equal(t, policy.CodeSanctioned, ve.Errors[0].Code)
	require.Contains(t, ve.Errors[0].Message(cxq.ZH), "企业已被冻结")
	require.Contains(t, ve.Errors[0].Message(cxq.ZH), "津科规〔2023〕3号第二十条")
	_, err = w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1",
		Client: voucher.Party{Name: "企业E1", Contact: "张三", Phone: "13812345678"}})
	require.Equal(t, []string{policy.CodeSanctioned}, reasonCodes(err))
	w.Submitted(w.Other, "9099.00")
	onlyTheirOwn(t, w, func(a voucher.Actor) ([]voucher.Sanction, error) {
		return w.Svc.Sanctions(bg, a, voucher.SanctionFilter{})
	})

	_, err = w.Svc.LiftSanction(bg, w.Office, voucher.LiftParams{Key: w.Key(), ID: sa.ID})
	require.Equal(t, []string{cxq.CodeRequired}, reasonCodes(err), "lifting needs a reason")
	lifted, err := w.Svc.LiftSanction(bg, w.Office, voucher.LiftParams{Key: w.Key(), ID: sa.ID, Reason: "复议撤销"})
	require.NoError(t, err)
	require.Equal(t, voucher.SanctionLifted, lifted.State)
	_, err = w.Svc.LiftSanction(bg, w.Office, voucher.LiftParams{Key: w.Key(), ID: sa.ID, Reason: "again"})
	require.ErrorIs(t, err, cxq.ErrConflict)
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	require.NoError(t, err, "a lifted sanction refuses nothing")
	require.Equal(t, []string{"sanction", "lift"}, w.trail(voucher.StreamSanction, sa.ID), "lifting is audited")
	testPartySanctions(t, w)
}

// testPartySanctions: sanctions on the provider and on the actual controller, and the
// end of a sanction's period.
func testPartySanctions(t *testing.T, w *World) {
	now := w.Svc.Now()
	_, err := w.Svc.Sanction(bg, w.Office, voucher.SanctionParams{Key: w.Key(), Party: policy.PartyController, PartyID: "C1",
		Kind: policy.Blacklist, Basis: "失信被执行人"})
	require.NoError(t, err, "a blacklist may be open-ended")
	_, err = w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1",
		Client: voucher.Party{Name: "企业E1", Contact: "张三", Phone: "13812345678"}})
	require.Equal(t, []string{policy.CodeSanctioned}, reasonCodes(err), "E1's actual controller is blacklisted")
	require.Contains(t, voucher.Explain(err).Errors[0].Message(cxq.ZH), "实际控制人已被列入黑名单（"+policy.ChinaTime(now).Format("2006-01-02"))
	mine, err := w.Svc.Sanctions(bg, w.Enterprise, voucher.SanctionFilter{State: voucher.SanctionActive})
	require.NoError(t, err)
	require.Len(t, mine, 1, "the enterprise sees the sanction on its controller")

	o := w.Order(w.Other, "P1")
	placed, err := w.Svc.PlaceOrder(bg, w.Other, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1",
		Client: voucher.Party{Name: "企业E2", Contact: "李四", Phone: "13812345678"}})
	require.NoError(t, err)
	_, err = w.Svc.Sanction(bg, w.Office, voucher.SanctionParams{Key: w.Key(), Party: policy.PartyProvider, PartyID: "V1",
		Kind: policy.Freeze, Until: now.Add(time.Hour), Basis: "服务质量问题"})
	require.NoError(t, err)
	_, err = w.Svc.SaveApplication(bg, w.Other, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: w.Form(w.Other, "9099.00")})
	require.Equal(t, []string{policy.CodeSanctioned}, reasonCodes(err), "the provider is frozen")
	_, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: placed.ID, Confirm: true})
	require.Equal(t, []string{policy.CodeSanctioned}, reasonCodes(err), "a frozen provider confirms no order")
	_, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: placed.ID, Reason: "本机构暂停接单"})
	require.NoError(t, err, "declining is no claim")
	seen, err := w.Svc.Sanctions(bg, w.Provider, voucher.SanctionFilter{})
	require.NoError(t, err)
	require.Len(t, seen, 1)
	all, err := w.Svc.Sanctions(bg, w.Office, voucher.SanctionFilter{})
	require.NoError(t, err)
	require.Len(t, all, 3)

	w.Clock.Set(now.Add(time.Hour))
	_, err = w.Svc.SaveApplication(bg, w.Other, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: w.Form(w.Other, "9099.00")})
	require.NoError(t, err, "the freeze ended at Until")
	require.True(t, slices.ContainsFunc(w.outbox(), func(n voucher.Notice) bool { return n.Kind == voucher.NoticeSanction && n.To == "org:V1" }))
}

// onlyTheirOwn requires list to show E1's person its one record and E2's person none.
func onlyTheirOwn[T any](t *testing.T, w *World, list func(voucher.Actor) ([]T, error)) {
	t.Helper()
	mine, err := list(w.Enterprise)
	require.NoError(t, err)
	require.Len(t, mine, 1)
	theirs, err := list(w.Other)
	require.NoError(t, err)
	require.Empty(t, theirs)
}
