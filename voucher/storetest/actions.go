package storetest

import (
	"slices"

	"testing"

	"github.com/cxqkit/cxq"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// actionNames lists the names (with the stage of an assignment) of what a may do with
// the application or redemption rec now.
func (w *World) actionNames(a voucher.Actor, rec any) []string {
	w.T.Helper()
	var acts []voucher.Action
	var err error
	switch v := rec.(type) {
	case voucher.Application:
		acts, err = w.Svc.ApplicationActions(bg, a, v)
	case voucher.Redemption:
		acts, err = w.Svc.RedemptionActions(bg, a, v)
	}
	require.NoError(w.T, err)
	out := make([]string, 0, len(acts))
	for _, act := range acts {
		name := act.Name
		if act.Stage != "" {
			name += ":" + string(act.Stage)
		}
		if act.Opinion {
			name += "!"
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// testActions follows an application and its redemption and checks, at each state, what
// each person is offered: exactly what the service then lets them do.
func testActions(t *testing.T, w *World) {
	app := w.Draft(w.Enterprise, "9099.00")
	require.Equal(t, []string{"save", "submit", "withdraw"}, w.actionNames(w.Enterprise, app))
	require.Empty(t, w.actionNames(w.District, app), "a draft is nobody's to review")

	app, err := w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: app.ID})
	require.NoError(t, err)
	require.Equal(t, []string{"export", "withdraw"}, w.actionNames(w.Enterprise, app))
	require.Equal(t, []string{"approve", "export", "reject!", "return!"}, w.actionNames(w.District, app))
	require.Equal(t, []string{"assign:professional_review", "export"}, w.actionNames(w.Office, app))
	require.Empty(t, w.actionNames(w.Professional, app), "not assigned yet: the professional cannot see it")

	app = w.Approve(app.ID)
	require.Equal(t, []string{"export", "redeem", "return_voucher"}, w.actionNames(w.Enterprise, app))
	require.Equal(t, []string{"export"}, w.actionNames(w.District, app))

	red := w.Prepared(app.ID, "9099.00")
	app, err = w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"export"}, w.actionNames(w.Enterprise, app), "a live redemption: no second one")
	require.Equal(t, []string{"save", "submit", "withdraw"}, w.actionNames(w.Enterprise, red))

	red, err = w.Svc.SubmitRedemption(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: red.ID})
	require.NoError(t, err)
	require.Equal(t, []string{"withdraw"}, w.actionNames(w.Enterprise, red), "no export before 市级形式审查受理")
	require.Equal(t, []string{"assign:expert_review", "assign:formal_review"}, w.actionNames(w.Office, red))
	_, err = w.Svc.ReviewRedemption(bg, w.District, voucher.Decision{Key: w.Key(), ID: red.ID, Action: review.Approve})
	require.NoError(t, err)
	for stage, who := range map[voucher.State]voucher.Actor{review.FormalReview: w.Professional, review.ExpertReview: w.Expert} {
		_, err = w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: red.ID, Stage: stage, Reviewer: who.ID})
		require.NoError(t, err)
	}
	red, err = w.Svc.ReviewRedemption(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: red.ID, Action: review.Approve})
	require.NoError(t, err)
	require.Equal(t, []string{"export", "withdraw"}, w.actionNames(w.Enterprise, red), "导出 once 市级形式审查受理")
	require.Equal(t, []string{"approve", "export", "reject!", "return!"}, w.actionNames(w.Expert, red))
	require.Equal(t, []string{"export"}, w.actionNames(w.Professional, red), "the formal reviewer is done")
	require.Empty(t, w.actionNames(w.Other, red), "another enterprise is offered nothing")

	acts, err := w.Svc.RedemptionActions(bg, w.Expert, red)
	require.NoError(t, err)
	i := slices.IndexFunc(acts, func(a voucher.Action) bool { return a.Name == string(review.Approve) })
	require.Equal(t, []string{review.FieldActualAmount}, acts[i].Fields, "the expert's approval sets the actual amount")
	require.Equal(t, "审核通过", acts[i].Label.ZH)
}

// testProviderOrders: a provider's person lists the orders for its products, and only
// those; a reviewer lists none.
func testProviderOrders(t *testing.T, w *World) {
	w.Order(w.Enterprise, "P1")
	w.Order(w.Other, "P2")
	page, err := w.Svc.MyOrders(bg, w.Provider, voucher.Query{})
	require.NoError(t, err)
	require.Equal(t, 2, page.Total)
	for _, it := range page.Items {
		require.Equal(t, w.Provider.Org, it.Order.Product.ProviderID)
		require.Empty(t, it.Reasons, "a provider is not told the enterprise's eligibility")
	}
	other := w.Provider
	other.Org = "another-provider"
	page, err = w.Svc.MyOrders(bg, other, voucher.Query{})
	require.NoError(t, err)
	require.Zero(t, page.Total)
	page, err = w.Svc.MyOrders(bg, w.District, voucher.Query{})
	require.NoError(t, err)
	require.Zero(t, page.Total)
}

// testProviderSeesNoEnterpriseRedemption: where the enterprise redeems (Tianjin), the
// provider of the order cannot read the redemption, its files or its trail — it answers
// as a missing one — and is offered nothing.
func testProviderSeesNoEnterpriseRedemption(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	red := w.Prepared(app.ID, "9099.00")
	_, err := w.Svc.Redemption(bg, w.Provider, red.ID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = w.Svc.Audit(bg, w.Provider, voucher.StreamRedemption, red.ID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	require.Empty(t, w.actionNames(w.Provider, red))
}

// testRequiredFiles: a redemption is submitted only with a 项目实施情况总结 and a 银行打款回单
// among its other files; the refusal names each missing one and changes nothing.
func testRequiredFiles(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	r, err := w.Svc.SaveRedemption(bg, w.Enterprise, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Version: r.Version, Contact: r.Form.Contact,
		Outcome: r.Form.Outcome, Files: []voucher.AttachmentRef{w.Ref(w.Enterprise, voucher.SlotServiceProof, "proof.pdf")}})
	require.NoError(t, err)
	_, err = w.Svc.SubmitRedemption(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.ErrorIs(t, err, cxq.ErrInvalid)
	var fields []string
	for _, fe := range voucher.Explain(err).Errors {
		fields = append(fields, fe.Field)
	}
	require.Equal(t, []string{"files." + voucher.SlotProjectSummary, "files." + voucher.SlotBankReceipt}, fields)
	again, err := w.Svc.Redemption(bg, w.Enterprise, r.ID)
	require.NoError(t, err)
	require.Equal(t, r.Version, again.Version, "a refused submission changes nothing")
	require.Equal(t, review.Draft, again.State())
}
