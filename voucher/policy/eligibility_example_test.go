package policy_test

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher/policy"
)

// "为什么我的订单没有出现在这里": every reason, not a bool.
func ExampleEligibility() {
	reasons := policy.Eligibility(policy.Tianjin(), policy.EligibilityInput{
		At:             time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
		Enterprise:     policy.Enterprise{ID: "e1", Certified: false},
		Product:        catalog.Product{Name: "气相色谱仪", Voucher: false},
		OrderConfirmed: false,
	})
	for _, r := range reasons {
		fmt.Println(r.Code, r.Text().ZH)
	}
	// Output:
	// no_voucher_badge 服务产品“气相色谱仪”没有创新券标识
	// not_certified 企业未认定为科技型中小企业
	// order_not_confirmed 订单尚未经服务机构确认
}
