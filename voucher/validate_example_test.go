package voucher_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Every problem of a form at once, with field, code and both languages.
func ExampleApplicationForm_Validate() {
	f := voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "王敏", Phone: "13800138000", Email: "wangmin@example.com"},
		OrgCertificate: voucher.AttachmentRef{ID: "a1", Name: "营业执照.pdf"},
		ContractStart:  time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		ContractEnd:    time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Estimated:      cxq.MustMoney("3999.99"),
		Activity:       "委托检测",
		Attachments:    []voucher.AttachmentRef{{ID: "a2", Name: "报价单.pdf"}},
	}
	var ve *cxq.ValidationError
	if errors.As(f.Validate(policy.Tianjin()), &ve) {
		for _, fe := range ve.Errors {
			fmt.Println(fe.Field, fe.Code, fe.Message(cxq.ZH))
		}
	}
	// Output:
	// contract_end period_order 合同结束日期不得早于开始日期
	// estimated_amount below_minimum 合同金额不得低于 4000.00 元
}
