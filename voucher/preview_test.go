package voucher_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// draft has ent order product, its provider confirm the order and ent save the
// application's draft of a contract of estimated (keys k1 to k3).
func draft(t *testing.T, svc *voucher.Service, product string, ent voucher.Actor, estimated string) voucher.Application {
	t.Helper()
	ctx := context.Background()
	o, err := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	require.NoError(t, err)
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}
	_, err = svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	require.NoError(t, err)
	app, err := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: "k3", OrderID: o.ID, Form: form(svc, ent, estimated)})
	require.NoError(t, err)
	return app
}

// TestPreviewApplicationIsWhatSubmissionStores previews the amount of a draft as the
// enterprise types it, checks that the preview changed nothing, then submits and finds
// the very amount and breakdown stored.
func TestPreviewApplicationIsWhatSubmissionStores(t *testing.T) {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	app := draft(t, svc, product, ent, "4000.00")

	typed := app.Form
	typed.Estimated = cxq.MustMoney("9099.00")
	amount, breakdown, err := svc.PreviewApplication(ctx, ent, app.ID, typed)
	require.NoError(t, err)
	require.Equal(t, "4549.50", amount.String(), "half of the contract under Tianjin's rate")
	require.NotEmpty(t, breakdown)

	after, err := svc.Application(ctx, ent, app.ID)
	require.NoError(t, err)
	require.Equal(t, app.Version, after.Version, "a preview stores nothing")
	require.True(t, after.Amount.IsZero())
	trail, err := svc.Audit(ctx, ent, voucher.StreamApplication, app.ID)
	require.NoError(t, err)
	require.Len(t, trail, 1, "a preview is not audited")

	app, err = svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: "k4", ID: app.ID, Form: typed, Version: app.Version})
	require.NoError(t, err)
	app, err = svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: "k5", ID: app.ID})
	require.NoError(t, err)
	require.Equal(t, amount, app.Amount)
	require.Equal(t, breakdown, app.Breakdown)

	// Once submitted, the preview still answers what the application holds: its own
	// reservation is not counted against it.
	again, _, err := svc.PreviewApplication(ctx, ent, app.ID, app.Form)
	require.NoError(t, err)
	require.Equal(t, app.Amount, again)
}

// TestPreviewApplicationIsTheOwners answers another enterprise as if the application
// did not exist and refuses an amount the policy does not allow.
func TestPreviewApplicationIsTheOwners(t *testing.T) {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	other := voucher.Actor{ID: "lisi", Role: voucher.RoleEnterprise, Org: "E2"}
	app := draft(t, svc, product, ent, "9099.00")

	_, _, err := svc.PreviewApplication(ctx, other, app.ID, app.Form)
	require.True(t, errors.Is(err, cxq.ErrNotFound), "%v", err)

	f := app.Form
	f.Requested = cxq.MustMoney("9000.00")
	amount, _, err := svc.PreviewApplication(ctx, ent, app.ID, f)
	var refused *policy.RefusedError
	require.True(t, errors.As(err, &refused), "%v", err)
	require.True(t, amount.IsZero())

	// An incomplete form still gets its amount, with the problems submission would name.
	f = app.Form
	f.Contact.Name, f.Activity = "", ""
	amount, _, err = svc.PreviewApplication(ctx, ent, app.ID, f)
	require.Equal(t, "4549.50", amount.String())
	var ve *cxq.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	fields := map[string]bool{}
	for _, fe := range ve.Errors {
		fields[fe.Field] = true
	}
	require.True(t, fields["activity"], "%v", ve.Errors)
	_, err = svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: "k4", ID: app.ID})
	require.NoError(t, err, "the preview of another form left the stored one as it was")
}
