package voucher_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The programme office freezes an enterprise for a month: its order is refused with the
// sanction's period and basis while it is in force; once lifted, the order goes through.
func ExampleService_Sanction() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	order := voucher.PlaceOrder{Key: "o1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}}

	sa, err := svc.Sanction(ctx, office, voucher.SanctionParams{Key: "s1", Party: policy.PartyEnterprise, PartyID: "E1",
		Kind: policy.Freeze, Until: time.Date(2025, 4, 1, 0, 0, 0, 0, cxq.China()), Basis: "津科规〔2023〕3号", Note: "虚假申报"})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = svc.PlaceOrder(ctx, ent, order)
	fmt.Println(voucher.Explain(err).Errors[0].Message(cxq.ZH))
	sa, _ = svc.LiftSanction(ctx, office, voucher.LiftParams{Key: "l1", ID: sa.ID, Reason: "复议撤销"})
	fmt.Println(sa.State, sa.LiftReason)
	o, err := svc.PlaceOrder(ctx, ent, order)
	fmt.Println(o.ID, err)
	// Output:
	// 企业已被冻结（2025-03-03 至 2025-03-31，依据：津科规〔2023〕3号），不得申报或兑现创新券
	// lifted 复议撤销
	// IV000001 <nil>
}
