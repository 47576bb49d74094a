package voucher_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

func att(id string) voucher.AttachmentRef {
	return voucher.AttachmentRef{ID: id, Name: id + ".pdf", SHA256: strings.Repeat("ab", 32), Size: 1024}
}

func goodApplication() voucher.ApplicationForm {
	return voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "王敏", Phone: "13800138000", Email: "wangmin@example.com"},
		OrgCertificate: att("cert"),
		ContractStart:  time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		ContractEnd:    time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		Estimated:      cxq.MustMoney("9099.00"),
		Activity:       "委托检测新型催化剂样品的成分",
		Attachments:    []voucher.AttachmentRef{att("contract")},
	}
}

func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, cxq.ErrInvalid)
	out := make([]string, len(ve.Errors))
	for i, fe := range ve.Errors {
		out[i] = fe.Field + " " + fe.Code
		require.NotContains(t, fe.Message(cxq.ZH)+fe.Message(cxq.EN), "{", fe.Field)
	}
	return out
}

// formCase is a row of a form validation table: an edit of the good form and the problems,
// "field code", that Validate must then report, in order.
type formCase[F any] struct {
	name   string
	change func(*F)
	want   []string
}

// runFormCases runs each case as a parallel subtest on a fresh good form.
func runFormCases[F any](t *testing.T, good func() F, validate func(F) error, tests []formCase[F]) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := good()
			tt.change(&f)
			require.Equal(t, tt.want, problems(t, validate(f)))
		})
	}
}

func TestApplicationFormValidate(t *testing.T) {
	t.Parallel()
	p := policy.Tianjin()
	runFormCases(t, goodApplication, func(f voucher.ApplicationForm) error { return f.Validate(p) }, []formCase[voucher.ApplicationForm]{
		{"good", func(*voucher.ApplicationForm) {}, nil},
		{"start equals end", func(f *voucher.ApplicationForm) { f.ContractEnd = f.ContractStart }, nil},
		{"activity of exactly 1000 runes", func(f *voucher.ApplicationForm) { f.Activity = strings.Repeat("测", 1000) }, nil},
		{"at the minimum", func(f *voucher.ApplicationForm) { f.Estimated = cxq.Yuan(4000) }, nil},
		{"everything wrong", func(f *voucher.ApplicationForm) {
			*f = voucher.ApplicationForm{Contact: voucher.Contact{Phone: "12345", Email: "wang@"},
				ContractStart: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), ContractEnd: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
				Estimated: cxq.MustMoney("3999.99"), Activity: strings.Repeat("测", 1001),
				Attachments: []voucher.AttachmentRef{{}, {ID: "x", SHA256: "zz"}}}
		}, []string{"contact.name required", "contact.phone phone_format", "contact.email email_format",
			"org_certificate required", "contract_end period_order", "estimated_amount below_minimum",
			"activity too_long", "attachments[0] required", "attachments[1] attachment_ref"}},
		{"missing dates and amount", func(f *voucher.ApplicationForm) {
			f.ContractStart, f.ContractEnd, f.Estimated, f.Activity, f.Contact.Email = time.Time{}, time.Time{}, cxq.Money{}, " ", ""
		}, []string{"contact.email required", "contract_start required", "contract_end required", "estimated_amount required", "activity required"}},
		{"negative amount", func(f *voucher.ApplicationForm) { f.Estimated = cxq.Yuan(5).Neg() }, []string{"estimated_amount not_positive"}},
		{"display-name email", func(f *voucher.ApplicationForm) { f.Contact.Email = "Wang <wang@example.com>" }, []string{"contact.email email_format"}},
	})
	f := goodApplication()
	f.Estimated = cxq.MustMoney("3999.99")
	err := f.Validate(p)
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, "合同金额不得低于 4000.00 元", ve.Errors[0].Message(cxq.ZH))
	require.Equal(t, "contract amount must be at least 4000.00", ve.Errors[0].Message(cxq.EN))
}

func goodRedemption() voucher.RedemptionForm {
	return voucher.RedemptionForm{
		Contact: voucher.Contact{Name: "王敏", Phone: "022-27403001", Email: "wangmin@example.com"},
		Invoices: []voucher.Invoice{
			{Name: "检测费", Code: "1200191130", Number: "01234567", Amount: cxq.Yuan(5000), Scan: att("inv1")},
			{Name: "检测费", Number: "26122000000012345678", Amount: cxq.Yuan(4099), Scan: att("inv2")},
		},
		Contracts: []voucher.Contract{{Name: "新型催化剂成分检测技术服务合同", EffectiveAmount: cxq.Yuan(9099), Scan: att("con")}},
		Outcome:   "完成样品成分分析，支撑配方改进",
		Files:     []voucher.AttachmentRef{att("receipt")},
	}
}

func TestRedemptionFormValidate(t *testing.T) {
	t.Parallel()
	p := policy.Tianjin()
	runFormCases(t, goodRedemption, func(f voucher.RedemptionForm) error { return f.Validate(p) }, []formCase[voucher.RedemptionForm]{
		{"good", func(*voucher.RedemptionForm) {}, nil},
		{"empty", func(f *voucher.RedemptionForm) { *f = voucher.RedemptionForm{} }, []string{
			"contact.name required", "contact.phone required", "contact.email required", "invoices required", "contracts required", "outcome required"}},
		{"the same invoice twice, full-width", func(f *voucher.RedemptionForm) {
			f.Invoices = append(f.Invoices, voucher.Invoice{Name: "检测费", Code: "１２００１９１１３０", Number: "01234567", Amount: cxq.Yuan(1), Scan: att("inv3")})
			f.Contracts[0].EffectiveAmount = cxq.Yuan(10000)
		}, []string{"invoices[2].number duplicate_invoice"}},
		{"bad invoice fields", func(f *voucher.RedemptionForm) {
			f.Invoices[0] = voucher.Invoice{Code: "12", Number: "1", Amount: cxq.Money{}}
		}, []string{"invoices[0].name required", "invoices[0].code invoice_code_format", "invoices[0].amount not_positive", "invoices[0].scan required"}},
		{"generic contract name", func(f *voucher.RedemptionForm) { f.Contracts[0].Name = " 《技术服务合同》 " }, []string{"contracts[0].name generic_name"}},
		{"invoices above the contracts", func(f *voucher.RedemptionForm) { f.Contracts[0].EffectiveAmount = cxq.Yuan(9000) }, []string{"invoices totals_mismatch"}},
		{"contract without amount", func(f *voucher.RedemptionForm) { f.Contracts[0].EffectiveAmount = cxq.Money{} }, []string{
			"contracts[0].effective_amount not_positive", "invoices totals_mismatch"}},
	})
	f := goodRedemption()
	require.Equal(t, []string{"120019113001234567", "26122000000012345678"}, f.InvoiceKeys())
	require.Equal(t, "9099.00", f.InvoiceTotal().String())
	require.Equal(t, "9099.00", f.ContractTotal().String())
}

func FuzzApplicationFormValidate(f *testing.F) {
	f.Add("王敏", "13800138000", "a@b.cn", "9099.00", "描述")
	f.Add("", "", "<>@@", "-1", strings.Repeat("x", 1001))
	f.Fuzz(func(t *testing.T, name, phone, email, amount, activity string) {
		form := goodApplication()
		form.Contact = voucher.Contact{Name: name, Phone: phone, Email: email}
		form.Activity = activity
		if m, err := cxq.ParseMoney(amount); err == nil {
			form.Estimated = m
		}
		err := form.Validate(policy.Tianjin())
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
		}
	})
}

func TestRedemptionFormCheckParties(t *testing.T) {
	t.Parallel()
	f := goodRedemption()
	require.NoError(t, f.CheckParties("天津某科技有限公司", "天津大学"))
	f.Contracts[0].Client = "天津某科技 有限公司"
	f.Contracts[0].Provider = "天津大学"
	require.NoError(t, f.CheckParties("天津某科技有限公司", "天津大学"))
	f.Contracts = append(f.Contracts, voucher.Contract{Name: "补充检测合同", Client: "北京某公司", Provider: "南开大学"})
	require.Equal(t, []string{"contracts[1].client party_mismatch", "contracts[1].provider party_mismatch"},
		problems(t, f.CheckParties("天津某科技有限公司", "天津大学")))
}
