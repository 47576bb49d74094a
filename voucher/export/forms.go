package export

import (
	"strconv"
	"strings"
)

// Column widths in mm; each layout adds up to contentW (174).
const (
	labelW = 34.0
	pairW  = (contentW - 2*labelW) / 2 // value beside a label in a two-pair row
	fullW  = contentW - labelW
)

// heading draws the title block of page 1: programme, title, and the record line.
func (d *doc) heading(programme, title string, meta ...string) {
	if programme != "" {
		d.centered(programme, 12)
		d.y += 7
	}
	d.centered(title, 18)
	d.y += 11
	d.text(marginX, d.y, strings.Join(meta, "    "), smallSize)
	d.y += 6
}

func (d *doc) centered(s string, size float64) {
	d.text((pageW-d.width(s, size))/2, d.y, s, size)
}

// opinions draws the status row (with extra cells beside it, if any) and the opinions.
func (d *doc) opinions(status string, ops []Opinion, extra ...cell) {
	d.section("一、审核情况")
	if len(extra) == 0 {
		d.row(lbl(labelW, "审核状态"), val(fullW, status))
	} else {
		d.row(append([]cell{lbl(labelW, "审核状态"), val(pairW, status)}, extra...)...)
	}
	rows := make([][]cell, 0, len(ops))
	for _, o := range ops {
		rows = append(rows, []cell{{text: o.Stage}, {text: o.Reviewer}, {text: o.Action, align: 'C'}, {text: o.Text}, {text: date(o.Date), align: 'C', size: smallSize}})
	}
	if len(rows) == 0 {
		rows = append(rows, []cell{{}, {}, {}, {text: "（暂无审核意见）"}, {}})
	}
	d.table(opinionWidths, []string{"审核环节", "审核人", "结论", "审核意见", "日期"}, rows)
}

// opinionWidths are the columns of the opinions table: 结论 holds a four-character
// action (审核通过, 退回修改) on one line.
var opinionWidths = []float64{38, 22, 20, 66, 28}

func (d *doc) attachments(title string, as []Attachment) {
	d.section(title)
	rows := make([][]cell, 0, len(as))
	for i, a := range as {
		rows = append(rows, []cell{{text: strconv.Itoa(i + 1), align: 'C'}, {text: a.Kind}, {text: a.Name}, {text: shaPrefix(a.SHA256), size: smallSize}})
	}
	if len(rows) == 0 {
		rows = append(rows, []cell{{}, {}, {text: "（无）"}, {}})
	}
	d.table([]float64{12, 34, 90, 38}, []string{"序号", "类别", "文件名", "SHA-256（前16位）"}, rows)
}

func (d *doc) pledge(text string) {
	lines := d.wrap(text, bodySize, contentW)
	d.y += 3
	d.ensure(float64(len(lines))*lineH + 54)
	for _, ln := range lines {
		d.text(marginX, d.y, ln, bodySize)
		d.y += lineH
	}
}

func fileLine(a Attachment) string {
	if a.IsZero() {
		return ""
	}
	return a.Name + "  SHA-256 " + shaPrefix(a.SHA256)
}

func layoutApplication(d *doc, f *ApplicationForm) {
	d.heading(f.Programme, "科技创新券申请表",
		"申请编号："+f.ID, "版本："+strconv.FormatInt(f.Version, 10), "导出时间："+f.Exported.Format("2006-01-02 15:04"))
	d.opinions(f.Status, f.Opinions)

	d.section("二、企业信息")
	d.row(lbl(labelW, "企业名称"), val(fullW, f.Enterprise))
	d.row(lbl(labelW, "统一社会信用代码"), val(fullW, f.CreditCode))
	d.row(lbl(labelW, "联系人"), val(pairW, f.Contact), lbl(labelW, "联系电话"), val(pairW, f.Phone))
	d.row(lbl(labelW, "电子邮箱"), val(fullW, f.Email))
	d.row(lbl(labelW, "组织机构代码证"), val(fullW, fileLine(f.OrgCertificate)))

	d.section("三、项目信息")
	d.row(lbl(labelW, "订单编号"), val(fullW, f.OrderNo))
	d.row(lbl(labelW, "服务产品名称"), val(fullW, f.Product))
	d.row(lbl(labelW, "服务机构"), val(fullW, f.Provider))
	period := ""
	if !f.ContractStart.IsZero() || !f.ContractEnd.IsZero() {
		period = date(f.ContractStart) + " 至 " + date(f.ContractEnd)
	}
	d.row(lbl(labelW, "合同起止时间"), val(fullW, period))
	d.row(lbl(labelW, "预估合同金额"), num(pairW, money(f.EstimatedTotal)),
		lbl(labelW, "申请创新券金额（系统自动计算）"), num(pairW, money(f.VoucherAmount)))

	d.closing("四、科技创新活动描述", f.Description, "五、相关附件（合同、协议、报价单等）", f.Attachments,
		"申请单位承诺：本表所填内容及所附材料真实、准确、有效，如有不实，愿承担相应责任。")
}

func layoutRedemption(d *doc, f *RedemptionForm) {
	meta := []string{"兑现编号：" + f.ID}
	if f.ApplicationID != "" {
		meta = append(meta, "申请编号："+f.ApplicationID)
	}
	meta = append(meta, "版本："+strconv.FormatInt(f.Version, 10), "导出时间："+f.Exported.Format("2006-01-02 15:04"))
	d.heading(f.Programme, "创新券兑现申请表", meta...)
	actual := money(f.Actual)
	if f.Actual.IsZero() {
		actual = "—" // not decided yet
	}
	d.opinions(f.Status, f.Opinions, lbl(labelW, "实际兑现金额"), num(pairW, actual))

	d.section("二、企业信息")
	d.row(lbl(labelW, "企业名称"), val(fullW, f.Enterprise))
	d.row(lbl(labelW, "联系人"), val(pairW, f.Contact), lbl(labelW, "联系电话"), val(pairW, f.Phone))
	d.row(lbl(labelW, "电子邮箱"), val(fullW, f.Email))
	d.row(lbl(labelW, "订单编号"), val(fullW, f.OrderNo))
	d.row(lbl(labelW, "服务产品名称"), val(fullW, f.Product))
	d.row(lbl(labelW, "服务机构"), val(fullW, f.Provider))

	d.section("三、发票")
	inv := make([][]cell, 0, len(f.Invoices))
	for i, in := range f.Invoices {
		inv = append(inv, []cell{{text: strconv.Itoa(i + 1), align: 'C'}, {text: in.Name}, {text: in.Code}, {text: in.Number}, {text: in.Amount.String(), align: 'R'}})
	}
	d.table([]float64{12, 62, 36, 30, 34}, []string{"序号", "发票名称", "发票代码", "发票号码", "发票金额(元)"}, inv)
	d.row(lbl(140, "发票金额合计"), num(34, f.InvoiceTotal().String()))

	d.section("四、合同")
	con := make([][]cell, 0, len(f.Contracts))
	for i, c := range f.Contracts {
		con = append(con, []cell{{text: strconv.Itoa(i + 1), align: 'C'}, {text: c.Name}, {text: c.Effective.String(), align: 'R'}})
	}
	d.table([]float64{12, 128, 34}, []string{"序号", "合同名称", "有效合同金额(元)"}, con)
	d.row(lbl(140, "有效合同金额合计"), num(34, f.ContractTotal().String()))

	d.section("五、兑现金额")
	d.row(lbl(labelW, "申请创新券金额"), num(pairW, money(f.Claimed)),
		lbl(labelW, "兑现创新券金额合计（系统自动计算）"), num(pairW, money(f.Total)))

	d.closing("六、科技创新券使用成效", f.Outcome, "七、证明材料（服务结果证明、项目实施情况总结、银行打款回单等）", f.Attachments,
		"申请单位承诺：本表所填内容及所附发票、合同和证明材料真实、准确、有效，如有不实，愿承担相应责任。")
}

// closing ends both forms the same way: the free-text section, the attached files, the
// applicant's pledge and the signature and stamp lines of the applicant.
func (d *doc) closing(textTitle, text, filesTitle string, files []Attachment, pledge string) {
	d.textBlock(textTitle, text)
	d.attachments(filesTitle, files)

	d.pledge(pledge)
	d.signatures("法定代表人或授权代表（签字）：", "申请单位（盖章）：")
}
