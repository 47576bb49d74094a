package export_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export"
	"github.com/cxqkit/cxq/voucher/policy"
)

func storedApplication() voucher.Application {
	at := func(d int) time.Time { return time.Date(2026, 3, d, 1, 0, 0, 0, time.UTC) }
	return voucher.Application{
		Record: voucher.Record{
			ID:      "APP-2026-000123",
			OrderID: "IV201701",
			Product: voucher.ProductRef{Name: "气相色谱仪检测服务", ProviderName: "天津大学分析测试中心"},
			Case: review.Case{State: review.Approved, History: []review.AuditEntry{
				{From: review.Draft, To: review.DistrictReview, Action: review.Submit, Actor: "u-ent", Role: review.RoleApplicant, Time: at(1)},
				{From: review.DistrictReview, To: review.ProfessionalReview, Action: review.Approve, Actor: "u-wang", Role: review.RoleDistrict, Opinion: "材料齐全，同意上报。", Time: at(2)},
				{From: review.ProfessionalReview, To: review.Approved, Action: review.Approve, Actor: "u-li", Role: review.RoleProfessional, Opinion: "同意支持。", Time: at(9)},
			}},
			Version: 4,
		},
		Form: voucher.ApplicationForm{
			Contact:        voucher.Contact{Name: "张晓明", Phone: "13820001234", Email: "zhangxm@example.com"},
			OrgCertificate: voucher.AttachmentRef{ID: "f1", Name: "组织机构代码证.pdf", SHA256: sha},
			ContractStart:  time.Date(2026, 1, 14, 16, 0, 0, 0, time.UTC), // 1月15日 in Beijing
			ContractEnd:    time.Date(2026, 6, 29, 16, 0, 0, 0, time.UTC),
			Estimated:      cxq.MustMoney("9099.00"),
			Activity:       "委托检测挥发性有机物，用于产品配方优化。",
			Attachments:    []voucher.AttachmentRef{{ID: "f2", Name: "检测服务合同.pdf", SHA256: sha}},
		},
		Amount: cxq.MustMoney("4549.50"),
	}
}

func TestApplicationFromRecord(t *testing.T) {
	t.Parallel()
	names := map[string]string{"u-wang": "王审核", "u-li": "李专家"}
	src := export.Sources{
		Enterprise: policy.Enterprise{Name: "天津市滨海新区示例精密仪器有限公司", USCC: "91120116MA05K7XW3Q"},
		Workflow:   review.TianjinApplication(),
		Reviewer:   func(id string) string { return names[id] },
		Exported:   exported,
	}
	a := storedApplication()
	f := export.ApplicationFrom(a, src)
	require.Equal(t, "复审通过", f.Status)
	require.Len(t, f.Opinions, 2, "the enterprise's submission is not a review opinion")
	require.Equal(t, "区初审", f.Opinions[0].Stage)
	require.Equal(t, "王审核", f.Opinions[0].Reviewer)
	require.Equal(t, "2026年1月15日", f.ContractStart.Format("2006年1月2日"))
	utc := src
	utc.Exported = time.Date(2026, 12, 1, 22, 49, 0, 0, time.UTC)
	require.Equal(t, "2026-12-02 06:49", export.ApplicationFrom(a, utc).Exported.Format("2006-01-02 15:04"),
		"the export time prints in China time, like the review dates")
	require.Equal(t, a.Amount, f.Record().Amounts["voucher_amount"])
	require.Equal(t, a.Version, f.Record().Version)
	returned := a
	returned.Ended = voucher.EndedReturned
	require.Equal(t, "已退券", export.ApplicationFrom(returned, src).Status, "a returned voucher does not print as 复审通过")

	text := body(pdfText(t, renderApp(t, f, nil)))
	requireInOrder(t, text, "复审通过", "区初审", "王审核", "材料齐全，同意上报。", "2026年3月2日",
		"李专家", "同意支持。", "2026年3月9日",
		src.Enterprise.Name, src.Enterprise.USCC, "张晓明", "13820001234", "zhangxm@example.com",
		"IV201701", "气相色谱仪检测服务", "天津大学分析测试中心", "2026年1月15日至2026年6月30日",
		"9099.00元", "4549.50元", a.Form.Activity, "检测服务合同.pdf")
}

func TestRedemptionFromRecord(t *testing.T) {
	t.Parallel()
	r := voucher.Redemption{
		Record: voucher.Record{ID: "RED-2026-000045", OrderID: "IV201701",
			Product: voucher.ProductRef{Name: "气相色谱仪检测服务", ProviderName: "天津大学分析测试中心"},
			Case:    review.Case{State: review.ExpertReview}, Version: 7},
		ApplicationID: "APP-2026-000123",
		Claimed:       cxq.MustMoney("4549.50"),
		Form: voucher.RedemptionForm{
			Contact: voucher.Contact{Name: "张晓明", Phone: "13820001234"},
			Invoices: []voucher.Invoice{{Name: "检测服务费", Code: "012001900111", Number: "08123456", Amount: cxq.MustMoney("9099.00"),
				Scan: voucher.AttachmentRef{ID: "s1", Name: "发票.pdf", SHA256: sha}}},
			Contracts: []voucher.Contract{{Name: "技术服务合同", EffectiveAmount: cxq.MustMoney("9099.00"),
				Scan: voucher.AttachmentRef{ID: "s2", Name: "合同.docx", SHA256: sha}}},
			Outcome: "开发了低VOC水性涂料新产品。",
			Files: []voucher.AttachmentRef{{ID: "s3", Name: "银行回单.png", SHA256: sha, Slot: voucher.SlotBankReceipt},
				{ID: "s4", Name: "总结.pdf", SHA256: sha, Slot: voucher.SlotProjectSummary},
				{ID: "s5", Name: "旧材料.pdf", SHA256: sha}}, // stored before files kept their slot
		},
		Total: cxq.MustMoney("4549.50"),
	}
	f := export.RedemptionFrom(r, export.Sources{Workflow: review.TianjinRedemption(), Exported: exported})
	require.Equal(t, "市级形式审查受理", f.Status)
	var kinds []string
	for _, a := range f.Attachments {
		kinds = append(kinds, a.Kind)
	}
	require.Equal(t, []string{"发票扫描件", "合同扫描件", "银行打款回单", "项目实施情况总结", "证明材料"}, kinds,
		"each other file prints as the slot it was uploaded under")
	require.Equal(t, r.Form.InvoiceTotal(), f.InvoiceTotal())
	text := body(pdfText(t, renderRed(t, f, nil)))
	requireInOrder(t, text, "市级形式审查受理", "张晓明", "检测服务费", "08123456", "9099.00", "技术服务合同",
		"4549.50元", "4549.50元", r.Form.Outcome, "发票.pdf", "合同.docx", "银行打款回单", "银行回单.png",
		"项目实施情况总结", "总结.pdf", "证明材料", "旧材料.pdf")
}
