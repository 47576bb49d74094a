package voucher_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// must is a storetest.TB for an example: any failure panics.
type must struct{}

func (must) Errorf(f string, args ...any) { panic(fmt.Sprintf(f, args...)) }
func (must) FailNow()                     { panic("failed") }
func (must) Helper()                      {}

// After the half year the programme office draws its spot check (抽查) from a seed it
// records: at least 20% of the five vouchers redeemed, so one. The professional body
// that reviewed a case may not inspect it; another one finds the invoice does not match
// the contract and claws back 1,000.00 of the 4,000.00 paid, which the enterprise sees
// with the reason.
func ExampleService_RecordFinding() {
	ctx := context.Background()
	w := storetest.NewWorldFor(must{}, memstore.New(), storetest.SpotCheckPolicy())
	for range 5 {
		app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
		w.Redeem(app.ID, "9099.00", "4000.00")
	}
	w.Clock.Set(time.Date(2025, 7, 1, 1, 0, 0, 0, time.UTC))
	svc := w.Svc
	c, _ := svc.DrawSpotCheck(ctx, w.Office, voucher.DrawSpotCheckParams{Key: "draw", Period: "2025H1", Seed: "2025H1-公开种子"})
	fmt.Println(c.ID, c.Population, "redeemed,", len(c.Entries), "drawn at", c.Share.Percent())
	e := c.Entries[0]
	_, err := svc.AssignInspector(ctx, w.Office, voucher.AssignInspectorParams{Key: "a1", ID: c.ID, Redemption: e.RedemptionID, Inspector: w.Professional.ID})
	fmt.Println(voucher.Explain(err).Errors[0].Message(cxq.ZH))
	svc.AssignInspector(ctx, w.Office, voucher.AssignInspectorParams{Key: "a2", ID: c.ID, Redemption: e.RedemptionID, Inspector: w.SecondProfessional.ID})
	svc.RecordFinding(ctx, w.SecondProfessional, voucher.FindingParams{Key: "f1", ID: c.ID, Redemption: e.RedemptionID,
		Result: voucher.FindingFailed, Text: "发票与合同服务内容不符", Clawback: cxq.MustMoney("1000.00")})
	app, _ := svc.Application(ctx, w.Enterprise, e.ApplicationID)
	fmt.Println("paid", app.Paid, "reclaimed", app.Reclaimed)
	fs, _ := svc.Findings(ctx, w.Enterprise, app.ID)
	fmt.Println(fs[0].Period, fs[0].Finding.Result.Label().ZH, fs[0].Finding.Text, fs[0].Finding.Clawback)
	// Output:
	// SC-tianjin-2025H1 5 redeemed, 1 drawn at 20%
	// 抽查人员与该案件存在利害关系（参与过其审核，或属于企业、服务机构）
	// paid 3000.00 reclaimed 1000.00
	// 2025H1 不合格 发票与合同服务内容不符 1000.00
}
