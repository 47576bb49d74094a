package export_test

import (
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/export"
)

var exported = time.Date(2026, 11, 24, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// sampleBasics is what the sample forms share: the programme, the export time, the
// enterprise, its contact and the order, for record id at version standing at status
// after opinions.
func sampleBasics(id string, version int64, status string, opinions ...export.Opinion) export.Basics {
	return export.Basics{ID: id, Version: version, Programme: "天津市科技创新券", Exported: exported, Status: status,
		Opinions: opinions, Enterprise: "天津市滨海新区示例精密仪器有限公司", Contact: "张晓明", Phone: "13820001234",
		Email: "zhangxm@example.com", OrderNo: "IV201701", Product: "气相色谱仪检测服务", Provider: "天津大学分析测试中心"}
}

func sampleApplication() *export.ApplicationForm {
	return &export.ApplicationForm{
		Basics: sampleBasics("APP-2026-000123", 4, "复审通过",
			export.Opinion{Stage: "区初审", Reviewer: "王审核", Action: "通过", Text: "材料齐全，同意上报。", Date: day(2026, 3, 2)},
			export.Opinion{Stage: "专业机构复审", Reviewer: "李专家", Action: "通过", Text: "服务内容与企业创新活动相符，同意支持。", Date: day(2026, 3, 9)}),
		CreditCode:     "91120116MA05K7XW3Q",
		OrgCertificate: export.Attachment{Kind: "组织机构代码证", Name: "组织机构代码证.pdf", SHA256: sha},
		ContractStart:  day(2026, 1, 15),
		ContractEnd:    day(2026, 6, 30),
		EstimatedTotal: cxq.MustMoney("9099.00"),
		VoucherAmount:  cxq.MustMoney("4549.50"),
		Description:    "委托天津大学分析测试中心对新型环保涂料中的挥发性有机物进行定量检测，用于产品配方优化和出口认证。",
		Attachments: []export.Attachment{
			{Kind: "合同", Name: "检测服务合同.pdf", SHA256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
			{Kind: "报价单", Name: "quotation-IV201701.jpg", SHA256: "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"},
		},
	}
}

func sampleRedemption() *export.RedemptionForm {
	return &export.RedemptionForm{
		Basics: sampleBasics("RED-2026-000045", 7, "市级形式审查受理",
			export.Opinion{Stage: "区科技主管部门初审", Reviewer: "王审核", Action: "通过", Text: "发票与合同一致。", Date: day(2026, 7, 3)},
			export.Opinion{Stage: "专业机构形式审查", Reviewer: "赵审查", Action: "通过", Text: "形式审查通过，提交专家评审。", Date: day(2026, 7, 10)}),
		ApplicationID: "APP-2026-000123",
		Actual:        cxq.MustMoney("0"),
		Invoices: []export.Invoice{
			{Name: "检测服务费（第一期）", Code: "012001900111", Number: "08123456", Amount: cxq.MustMoney("5000.00")},
			{Name: "检测服务费（第二期）", Code: "012001900111", Number: "08123457", Amount: cxq.MustMoney("4099.00")},
		},
		Contracts: []export.Contract{
			{Name: "气相色谱检测技术服务合同", Effective: cxq.MustMoney("9099.00")},
		},
		Claimed: cxq.MustMoney("4549.50"),
		Total:   cxq.MustMoney("4549.50"),
		Outcome: "通过购买气相色谱检测服务，解决了环保涂料挥发性有机物超标的技术难题，开发了低VOC水性涂料新产品，" +
			"取得了1项实用新型专利，获得了欧盟REACH认证。\n新增产值320万元，利税45万元，新增就业8人。",
		Attachments: []export.Attachment{
			{Kind: "发票扫描件", Name: "发票-08123456.pdf", SHA256: sha},
			{Kind: "合同扫描件", Name: "技术服务合同.docx", SHA256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
			{Kind: "银行打款回单", Name: "bank-receipt.png", SHA256: "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"},
		},
	}
}

// longText returns n characters of Chinese prose with punctuation and a few Latin words.
func longText(n int) string {
	const src = "本项目围绕新型环保涂料开展配方研发，委托第三方检测机构对挥发性有机物、重金属含量和耐候性能进行系统检测；" +
		"根据检测结果调整树脂体系与助剂比例，完成三轮小试和一轮中试，形成了可量产的工艺路线。GC-MS analysis 结果显示，" +
		"产品各项指标均优于国家标准要求。"
	var b strings.Builder
	for i := 0; b.Len() < 8*n; i++ {
		b.WriteString(src)
	}
	return string([]rune(b.String())[:n])
}
