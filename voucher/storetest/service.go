package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/stats"
)

// RunService checks the lifecycle through a voucher.Service on stores from open.
func RunService(t *testing.T, open Opener) {
	runWorlds(t, open, WorldPolicy(), []worldCase{
		{"Lifecycle", testLifecycle, nil},
		{"QuotaUnderConcurrentSubmissions", testQuotaSubmissions, nil},
		{"VerifyWhileWriting", testVerifyWhileWriting, nil},
		{"AmountsCheckedAtTheDoor", testAmountsAtTheDoor, nil},
		{"AttachmentReferences", testAttachmentRefs, nil},
		{"ConcurrentRedemptionsOfOneVoucher", testRedeemRace, nil},
		{"TwoReviewersAtOnce", testTwoReviewers, nil},
		{"IdempotencyKeys", testIdempotency, nil},
		{"Authorization", testAuthorization, nil},
		{"ReturnAndResubmit", testReturnResubmit, nil},
		{"RejectAndWithdrawReleaseOnce", testReleaseOnce, nil},
		{"InvoiceBacksOneRedemption", testInvoiceAcross, nil},
		{"Deadlines", testDeadlines, nil},
		{"MyOrdersEligibility", testMyOrders, nil},
		{"ListAndQueues", testListsAndQueues, nil},
		{"Actions", testActions, nil},
		{"ProviderOrders", testProviderOrders, nil},
		{"ProviderSeesNoEnterpriseRedemption", testProviderSeesNoEnterpriseRedemption, nil},
		{"RequiredFiles", testRequiredFiles, nil},
		{"ContractAndInvoiceAtTheDoor", testContractAndInvoiceAtTheDoor, nil},
		{"DraftNeedsAVoucherOrder", testDraftNeedsAVoucherOrder, nil},
		{"PreviewRedemption", testPreviewRedemption, nil},
		{"ReturnAtOnce", testReturnAtOnce, nil},
		{"ReturnNotReturnable", testReturnNotReturnable, nil},
		{"ReturnReviewedOneDecisionWins", testReturnReviewed, nil},
		{"Sanctions", testSanctions, nil},
		{"UnpaidRedemptionFreesInvoices", testUnpaidRedemptionFreesInvoices, nil},
		{"RedemptionEditsNameTheirVersion", testRedemptionEditsNameTheirVersion, nil},
		{"FilesKeepTheirSlot", testFilesKeepTheirSlot, nil},
		{"PhonesStoredCanonical", testPhonesStoredCanonical, nil},
		{"RedemptionRefusalsSayWhy", testRedemptionRefusals, nil},
		{"RedemptionWhileReturning", testRedemptionWhileReturning, nil},
		{"DecisionRefusals", testDecisionRefusals, nil},
		{"ContractPartiesAreTheClaimants", testContractParties, nil},
		{"IneligibleSaysTheFormsProblemsToo", testIneligibleFormProblems, func(p *policy.Policy) { p.Requires.MaxRevenue = cxq.Yuan(500000) }},
	})
}

func testLifecycle(t *testing.T, w *World) {
	app := w.Submitted(w.Enterprise, "9099.00")
	require.Equal(t, "4549.50", app.Amount.String())
	require.Equal(t, review.DistrictReview, app.State())
	require.Equal(t, "河西区", app.District())
	require.Equal(t, "4549.50", w.Quota(2025).Reserved.String())

	app = w.Approve(app.ID)
	require.Equal(t, "复审通过", w.Svc.ApplicationStatus(app).ZH)

	r := w.Prepared(app.ID, "9099.00")
	r, err := w.Svc.SubmitRedemption(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.NoError(t, err)
	require.Equal(t, "4549.50", r.Total.String())
	_, err = w.Svc.ReviewRedemption(bg, w.District, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
	require.NoError(t, err)
	_, err = w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: r.ID, Stage: review.FormalReview, Reviewer: w.Professional.ID})
	require.NoError(t, err)
	_, err = w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: r.ID, Stage: review.ExpertReview, Reviewer: w.Expert.ID})
	require.NoError(t, err)
	r, err = w.Svc.ReviewRedemption(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
	require.NoError(t, err)
	require.Equal(t, "市级形式审查受理", w.Svc.RedemptionStatus(r).ZH)

	_, err = w.Svc.ReviewRedemption(bg, w.Expert, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve,
		Fields: map[string]string{review.FieldActualAmount: "4549.51"}})
	require.ErrorIs(t, err, review.ErrGuardFailed, "the actual amount may not exceed the claim")
	r, err = w.Svc.ReviewRedemption(bg, w.Expert, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve,
		Fields: map[string]string{review.FieldActualAmount: "4000.00"}})
	require.NoError(t, err)
	require.Equal(t, "评审通过", w.Svc.RedemptionStatus(r).ZH)
	require.Equal(t, "4000.00", r.Actual.String())

	q := w.Quota(2025)
	require.Equal(t, "0.00", q.Reserved.String())
	require.Equal(t, "4000.00", q.Consumed.String(), "settled to what is paid; the rest released")
	app, err = w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, "4000.00", app.Paid.String())
	require.True(t, app.Reserved.IsZero())

	trail, err := w.Svc.Audit(bg, w.Enterprise, voucher.StreamRedemption, r.ID)
	require.NoError(t, err)
	require.Equal(t, "approve", trail[len(trail)-1].Action)
	_, err = w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.ErrorIs(t, err, cxq.ErrConflict, "a settled voucher cannot be redeemed again")
}

// SubmissionRounds is how many rounds of 16×8 concurrent submissions run.
var SubmissionRounds = 3

func testQuotaSubmissions(t *testing.T, w *World) {
	for round := range SubmissionRounds {
		year := 2025 + round
		w.Clock.Set(time.Date(year, 3, 1, 1, 0, 0, 0, time.UTC))
		drafts := make([]voucher.Application, 16*8)
		for i := range drafts {
			drafts[i] = w.Draft(w.Enterprise, "20000.00")
		}
		errs := parallel(16, func(g int) error {
			for i := range 8 {
				_, err := w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: drafts[g*8+i].ID})
				if err != nil && !voucher.QuotaRefused(err) {
					return err
				}
			}
			return nil
		})
		for _, err := range errs {
			require.NoError(t, err, "a submission failed for another reason than the quota (SQLITE_BUSY?)")
		}
		q := w.Quota(year)
		require.Equal(t, "100000.00", q.Reserved.String(), "round %d", round)
		require.Equal(t, 10, q.Claims)
		page, err := w.Svc.Applications(bg, w.Enterprise, voucher.Query{Status: review.DistrictReview, PerPage: 100})
		require.NoError(t, err)
		require.Equal(t, 10*(round+1), page.Total, "exactly 10 granted in round %d", round)
	}
}

func testRedeemRace(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	errs := parallel(32, func(int) error {
		_, err := w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
		return err
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict), "32 concurrent redemptions of one voucher: one success")
}

func testTwoReviewers(t *testing.T, w *World) {
	app := w.Submitted(w.Enterprise, "9099.00")
	second := voucher.Actor{ID: "r-hx2", Role: voucher.RoleDistrict, District: "河西区"}
	var read voucher.Application
	read, err := w.Svc.Application(bg, w.District, app.ID)
	require.NoError(t, err)
	reviewers := []voucher.Actor{w.District, second}
	errs := parallel(2, func(i int) error {
		_, err := w.Svc.ReviewApplication(bg, reviewers[i], voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve, Version: read.Version})
		return err
	})
	require.Equal(t, 1, tally(t, errs, cxq.ErrConflict), "one transition and one ErrConflict")
	trail, err := w.Svc.Audit(bg, w.Enterprise, voucher.StreamApplication, app.ID)
	require.NoError(t, err)
	approvals := 0
	for _, e := range trail {
		if e.Action == "approve" {
			approvals++
		}
	}
	require.Equal(t, 1, approvals)
}

func testAuthorization(t *testing.T, w *World) {
	app := w.Submitted(w.Enterprise, "9099.00")
	_, errMissing := w.Svc.Application(bg, w.Other, "AP999999")
	_, errOther := w.Svc.Application(bg, w.Other, app.ID)
	require.ErrorIs(t, errOther, cxq.ErrNotFound)
	require.ErrorIs(t, errMissing, cxq.ErrNotFound)
	require.Equal(t, stripID(errMissing.Error(), "AP999999"), stripID(errOther.Error(), app.ID),
		"another enterprise's application answers exactly like a missing one")
	_, err := w.Svc.Order(bg, w.Other, app.OrderID)
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = w.Svc.SubmitApplication(bg, w.Other, voucher.SubmitParams{Key: w.Key(), ID: app.ID})
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = w.Svc.WithdrawApplication(bg, w.Other, voucher.WithdrawParams{Key: w.Key(), ID: app.ID})
	require.ErrorIs(t, err, cxq.ErrNotFound)

	// District scoping: 南开区 cannot see or act on a 河西区 application.
	_, err = w.Svc.ReviewApplication(bg, w.OtherDistrict, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	require.ErrorIs(t, err, cxq.ErrNotFound)
	page, err := w.Svc.Applications(bg, w.OtherDistrict, voucher.Query{Queue: true})
	require.NoError(t, err)
	require.Zero(t, page.Total, "queues are scoped in the query: no leaked totals")
	page, err = w.Svc.Applications(bg, w.Other, voucher.Query{})
	require.NoError(t, err)
	require.Zero(t, page.Total)

	// An unassigned professional reviewer cannot act.
	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	require.NoError(t, err)
	_, err = w.Svc.ReviewApplication(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = w.Svc.AssignApplication(bg, w.District, voucher.AssignParams{Key: w.Key(), ID: app.ID, Stage: review.ProfessionalReview, Reviewer: w.District.ID})
	require.ErrorIs(t, err, cxq.ErrForbidden, "only the office assigns")

	// The office cannot assign a person who may not review the stage.
	for _, c := range []struct{ reviewer, code string }{
		{"nobody", voucher.CodeUnknownReviewer},      // unknown
		{w.District.ID, voucher.CodeUnknownReviewer}, // not a professional reviewer
		{"u-e1-reviewer", voucher.CodeOwnPeople},     // the applicant's own person
	} {
		_, err = w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: app.ID, Stage: review.ProfessionalReview, Reviewer: c.reviewer})
		requireField(t, err, "reviewer")
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, c.code, fe.Code, c.reviewer)
	}
	_, err = w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: app.ID, Stage: review.DistrictReview, Reviewer: w.District.ID})
	requireField(t, err, "stage") // the district stage is not assigned
	closed := w.Approve(w.Submitted(w.Enterprise, "4000.00").ID)
	_, err = w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: closed.ID, Stage: review.ProfessionalReview, Reviewer: w.SecondProfessional.ID})
	requireField(t, err, "stage")
	var closedErr *cxq.FieldError
	require.ErrorAs(t, err, &closedErr)
	require.Equal(t, voucher.CodeCaseClosed, closedErr.Code, "a closed case takes no assignment")
	same := voucher.Actor{ID: w.District.ID, Role: voucher.RoleProfessional}
	_, err = w.Svc.ReviewApplication(bg, same, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	require.ErrorIs(t, err, cxq.ErrNotFound, "a person who is not assigned sees nothing")

	// An enterprise cannot review its own application.
	_, err = w.Svc.ReviewApplication(bg, w.Enterprise, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	require.ErrorIs(t, err, cxq.ErrForbidden)
	require.Contains(t, w.Logs.String(), "access denied", "denials are logged")
	require.Contains(t, w.Logs.String(), "review denied")
	// A provider confirms only its own products' orders.
	o, err := w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1",
		Client: voucher.Party{Name: "企业E1", Contact: "张三", Phone: "13812345678"}})
	require.NoError(t, err)
	_, err = w.Svc.ConfirmOrder(bg, voucher.Actor{ID: "u-v2", Role: voucher.RoleProvider, Org: "V2"}, voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Confirm: true})
	require.ErrorIs(t, err, cxq.ErrNotFound)
}

// stripID removes an ID from an error text so two answers can be compared.
func stripID(s, id string) string {
	out := []byte{}
	for i := 0; i < len(s); {
		if len(s)-i >= len(id) && s[i:i+len(id)] == id {
			i += len(id)
			continue
		}
		out = append(out, s[i])
		i++
	}
	return string(out)
}

func testReturnResubmit(t *testing.T, w *World) {
	app := w.Submitted(w.Enterprise, "9099.00")
	_, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Return})
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve, "returning needs an opinion")
	app, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Return, Opinion: "请补充报价单"})
	require.NoError(t, err)
	require.Equal(t, review.Returned, app.State())
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), ID: app.ID, Form: w.Form(w.Enterprise, "20000.00")})
	requireField(t, err, "version") // an edit names the version it replaces
	unchanged, err := w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, app.Version, unchanged.Version)
	app, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), ID: app.ID, Form: w.Form(w.Enterprise, "20000.00"), Version: app.Version})
	require.NoError(t, err)
	app, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: app.ID, Version: app.Version})
	require.NoError(t, err)
	require.Equal(t, "10000.00", app.Amount.String())
	require.Equal(t, "10000.00", w.Quota(2025).Reserved.String(), "the first reservation was released on resubmission")
	require.Equal(t, 1, w.Quota(2025).Claims)
	require.Len(t, app.Case.History, 3, "history kept across the return")
	// The same district reviewer acts again on the same stage in the next round.
	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
	require.NoError(t, err)
}

func testReleaseOnce(t *testing.T, w *World) {
	a1 := w.Submitted(w.Enterprise, "9099.00")
	a2 := w.Submitted(w.Enterprise, "20000.00")
	require.Equal(t, "14549.50", w.Quota(2025).Reserved.String())
	_, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: a1.ID, Action: review.Reject})
	require.Error(t, err, "rejection needs a reason")
	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: a1.ID, Action: review.Reject, Opinion: "不符合支持范围"})
	require.NoError(t, err)
	require.Equal(t, "10000.00", w.Quota(2025).Reserved.String())
	_, err = w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: a1.ID, Action: review.Reject, Opinion: "again"})
	require.ErrorIs(t, err, cxq.ErrConflict, "a terminal case takes no action")
	_, err = w.Svc.WithdrawApplication(bg, w.Enterprise, voucher.WithdrawParams{Key: w.Key(), ID: a1.ID})
	require.ErrorIs(t, err, cxq.ErrConflict)
	_, err = w.Svc.WithdrawApplication(bg, w.Enterprise, voucher.WithdrawParams{Key: w.Key(), ID: a2.ID, Reason: "不再需要"})
	require.NoError(t, err)
	q := w.Quota(2025)
	require.Equal(t, "0.00", q.Reserved.String())
	require.Zero(t, q.Claims)

	// The order is free again: a new application may be made for it.
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: a1.OrderID, Form: w.Form(w.Enterprise, "9099.00")})
	require.NoError(t, err)
	d := w.Draft(w.Enterprise, "9099.00")
	_, err = w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: d.OrderID, Form: w.Form(w.Enterprise, "9099.00")})
	require.ErrorIs(t, err, cxq.ErrConflict, "one live application per order")
	_, err = w.Svc.WithdrawApplication(bg, w.Enterprise, voucher.WithdrawParams{Key: w.Key(), ID: d.ID})
	require.NoError(t, err, "a draft may be withdrawn")
}

func testDeadlines(t *testing.T, w *World) {
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	ds, err := w.Svc.Deadlines(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Len(t, ds, 1, "visible ahead of time")
	_, err = w.Svc.ApplyDeadlines(bg, w.Enterprise, time.Now())
	require.ErrorIs(t, err, cxq.ErrForbidden)

	rep, err := w.Svc.ApplyDeadlines(bg, w.Office, ds[0].At.Add(-time.Second))
	require.NoError(t, err)
	require.Empty(t, rep.Expired)
	rep, err = w.Svc.ApplyDeadlines(bg, w.Office, ds[0].At.Add(time.Second))
	require.NoError(t, err)
	require.Len(t, rep.Expired, 1)
	require.Equal(t, "4549.50", rep.Expired[0].Released.String())
	require.NotNil(t, rep.Expired[0].Ban)
	require.Equal(t, 2026, rep.Expired[0].Ban.Year)
	require.True(t, w.Quota(2025).Reserved.IsZero())
	require.NotNil(t, w.Quota(2026).Ban)
	expired, err := w.Svc.Application(bg, w.Enterprise, app.ID)
	require.NoError(t, err)
	require.Equal(t, "已失效（期满收回）", w.Svc.ApplicationStatus(expired).ZH, "an expired voucher does not read as 复审通过")
	figures, err := w.Svc.Statistics(bg, w.Office, voucher.StatsQuery{})
	require.NoError(t, err)
	require.True(t, figures.BudgetTotal.Granted.IsZero(), "nothing of the expired voucher is still granted")
	refusals, _ := figures.Table(stats.Applications, stats.ByRefusal)
	require.NotEmpty(t, refusals.Rows)
	for _, row := range refusals.Rows {
		require.Regexp(t, `^期满收回（\p{Han}+）$`, row.Label.ZH, "the usage rule named in Chinese, not by its code")
	}

	rep, err = w.Svc.ApplyDeadlines(bg, w.Office, ds[0].At.Add(time.Hour))
	require.NoError(t, err)
	require.Empty(t, rep.Expired, "nothing is applied twice")
	_, err = w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: app.ID})
	require.ErrorIs(t, err, cxq.ErrConflict, "an expired voucher cannot be redeemed")

	w.Clock.Set(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	d := w.Draft(w.Enterprise, "9099.00")
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	refusal(t, err, policy.CodeClaimBanned, "banned for 2026")
}

func testMyOrders(t *testing.T, w *World) {
	placed, err := w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P2",
		Client: voucher.Party{Name: "企业E1", Contact: "张三", Phone: "022-23532900转815"}})
	require.NoError(t, err)
	app := w.Draft(w.Enterprise, "9099.00")
	page, err := w.Svc.MyOrders(bg, w.Enterprise, voucher.Query{})
	require.NoError(t, err)
	require.Equal(t, 2, page.Total)
	codes := map[string][]string{}
	for _, it := range page.Items {
		for _, r := range it.Reasons {
			codes[it.Order.ID] = append(codes[it.Order.ID], r.Code)
		}
	}
	require.Equal(t, []string{policy.CodeNoVoucherBadge, policy.CodeOrderUnconfirm}, codes[placed.ID])
	require.Equal(t, []string{policy.CodeApplicationLive}, codes[app.OrderID])

	_, err = w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1"})
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.True(t, ve.Has("client.name", cxq.CodeRequired))
	_, err = w.Svc.PlaceOrder(bg, w.Enterprise, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1",
		Client: voucher.Party{Name: "企业E1", Contact: "张三", Phone: "13812345678", Email: "not-an-email"}})
	require.ErrorAs(t, err, &ve)
	require.True(t, ve.Has("client.email", voucher.CodeEmail), "an email given is checked")
	_, err = w.Svc.PlaceOrder(bg, w.Provider, voucher.PlaceOrder{Key: w.Key(), ProductID: "P1"})
	require.ErrorIs(t, err, cxq.ErrForbidden)

	d := w.Draft(w.Enterprise, "3999.99")
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	require.ErrorAs(t, err, &ve, "below the minimum contract")
	require.True(t, ve.Has("estimated_amount", policy.CodeBelowMinimum))
	require.Equal(t, "0.00", w.Quota(2025).Reserved.String(), "bad input changes nothing")
}

func testListsAndQueues(t *testing.T, w *World) {
	a := w.Submitted(w.Enterprise, "9099.00")
	b := w.Submitted(w.Enterprise, "4000.00")
	c := w.Submitted(w.Enterprise, "8000.00")
	w.Approve(b.ID)
	page, err := w.Svc.Applications(bg, w.Enterprise, voucher.Query{PerPage: 2})
	require.NoError(t, err)
	require.Equal(t, 3, page.Total)
	require.Equal(t, "共有 3 行数据, 当前显示 1 到 2 行", page.Summary().ZH)
	require.Equal(t, []string{c.ID, b.ID}, []string{page.Items[0].ID, page.Items[1].ID})
	page, err = w.Svc.Applications(bg, w.Enterprise, voucher.Query{PerPage: 2, Page: 2})
	require.NoError(t, err)
	require.Equal(t, "共有 3 行数据, 当前显示 3 到 3 行", page.Summary().ZH)
	page, err = w.Svc.Applications(bg, w.Enterprise, voucher.Query{Status: review.Approved, Product: "色谱", Provider: "天津"})
	require.NoError(t, err)
	require.Equal(t, 1, page.Total)
	require.Equal(t, "2000.00", page.Items[0].Amount.String())

	queue, err := w.Svc.Applications(bg, w.District, voucher.Query{Queue: true})
	require.NoError(t, err)
	require.Equal(t, []string{a.ID, c.ID}, []string{queue.Items[0].ID, queue.Items[1].ID}, "oldest first")
	queue, err = w.Svc.Applications(bg, w.Professional, voucher.Query{Queue: true})
	require.NoError(t, err)
	require.Zero(t, queue.Total, "nothing assigned and waiting")
	queue, err = w.Svc.Applications(bg, w.Office, voucher.Query{Queue: true})
	require.NoError(t, err)
	require.Equal(t, 2, queue.Total)
	queue, err = w.Svc.Applications(bg, w.Office, voucher.Query{Queue: true, Status: review.ProfessionalReview})
	require.NoError(t, err)
	require.Zero(t, queue.Total, "one stage of the queue: nothing waits for 专业机构复审")
	queue, err = w.Svc.Applications(bg, w.Office, voucher.Query{Queue: true, Status: review.DistrictReview})
	require.NoError(t, err)
	require.Equal(t, 2, queue.Total)
	queue, err = w.Svc.Applications(bg, w.District, voucher.Query{Queue: true, Status: review.Approved})
	require.NoError(t, err)
	require.Zero(t, queue.Total, "a state outside the queue lists nothing")
}
