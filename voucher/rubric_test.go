package voucher_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
)

func rubricConfig(t *testing.T, r policy.Rubric) voucher.Config {
	t.Helper()
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	providers, err := catalog.BundledProviders()
	require.NoError(t, err)
	reg, err := policy.NewRegistry(policy.Tianjin())
	require.NoError(t, err)
	now := time.Date(2025, 3, 3, 1, 0, 0, 0, time.UTC)
	return voucher.Config{
		Audit: voucher.AuditKeys{Unkeyed: true}, People: voucher.PeopleOf(), Store: memstore.New(),
		Now: func() time.Time { now = now.Add(time.Minute); return now }, Catalog: voucher.CatalogOf(products, providers),
		Enterprises: voucher.EnterprisesOf(policy.Enterprise{ID: "E1", Name: "天津示例科技有限公司"}),
		Programme: voucher.Programme{Policies: reg, Policy: policy.PresetTianjin, Rubric: r,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()},
	}
}

// TestProgrammeRubric: a programme's own rubric is checked when the Service is built and
// is the one evaluations are scored by and record; none set means the default.
func TestProgrammeRubric(t *testing.T) {
	bad := policy.NanjingRubric()
	bad.Grades = nil
	_, err := voucher.New(rubricConfig(t, bad))
	require.ErrorIs(t, err, cxq.ErrInvalid)

	svc, err := voucher.New(rubricConfig(t, policy.Rubric{}))
	require.NoError(t, err)
	require.Equal(t, policy.NanjingRubric(), svc.Rubric())

	own := policy.Rubric{ID: "two-items", Version: "2026-1", Name: cxq.T("两项评价", "two items"),
		Items:  []policy.RubricItem{{Code: "quality", Label: cxq.T("质量", "quality"), Max: 5}, {Code: "speed", Label: cxq.T("速度", "speed"), Max: 5}},
		Grades: []policy.GradeBand{{Grade: "good", Min: 6}, {Grade: "poor", Min: 0}}}
	svc, err = voucher.New(rubricConfig(t, own))
	require.NoError(t, err)
	ctx := context.Background()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}
	products, _ := catalog.BundledProducts()
	o, err := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: products[0].ID,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	require.NoError(t, err)
	_, err = svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	require.NoError(t, err)
	_, err = svc.RecordDelivery(ctx, provider, voucher.RecordDeliveryParams{Key: "k3", ID: o.ID, Date: time.Date(2025, 3, 3, 0, 0, 0, 0, cxq.China()), Content: "完成"})
	require.NoError(t, err)
	o, err = svc.EvaluateOrder(ctx, ent, voucher.EvaluateOrderParams{Key: "k4", ID: o.ID, Scores: map[string]int{"quality": 4, "speed": 1}})
	require.NoError(t, err)
	require.Equal(t, policy.RubricRef{ID: "two-items", Version: "2026-1"}, o.Evaluation.Rubric)
	require.Equal(t, "poor", o.Evaluation.Grade)
	require.Equal(t, 10, o.Evaluation.Max)
	r, err := svc.ProviderRating(ctx, "prov-tj-01")
	require.NoError(t, err)
	require.Equal(t, "50.0", r.Average)
}
