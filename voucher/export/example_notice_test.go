package export_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export"
	"github.com/cxqkit/cxq/voucher/policy"
)

// A published list prints with only its public columns and its hash; the hash of what
// is printed is the one published, so a printed list can be checked.
func ExampleRenderNotice() {
	from := time.Date(2026, 4, 2, 10, 0, 0, 0, cxq.China())
	pub := voucher.Publication{Filed: voucher.Filed{ID: "GS000001"}, Policy: policy.Hebei().Ref(), From: from,
		Until: from.AddDate(0, 0, 7), Columns: []policy.Column{policy.ColumnEnterprise, policy.ColumnAmount},
		Entries: []voucher.NoticeEntry{{No: 1, Case: "RD000007", Enterprise: "石家庄示例科技有限公司", Amount: cxq.MustMoney("10000.00")}}}
	pub.Hash = pub.ListHash()

	l := export.NoticeFrom(pub, "河北省科技创新券")
	var pdf bytes.Buffer
	if err := export.RenderNotice(&pdf, l, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(pdf.Bytes()[:5]), l.Rows[0].Case == "", l.Rows[0].Cells(l.Columns))
	// Output: %PDF- true [石家庄示例科技有限公司 10000.00]
}
