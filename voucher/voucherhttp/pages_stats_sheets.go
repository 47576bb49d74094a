package voucherhttp

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/stats"
)

// The exports' columns of a figure table.
var tableColumns = []column{textCol("键"), textCol("名称"), countCol("件数"), countCol("订单数"), amountCol("申请金额(元)"), amountCol("核定金额(元)"),
	amountCol("兑现金额(元)")}

// reportSheets are the sheets of the statistics export: every table, the times to
// approval and the budget.
func reportSheets(rep stats.Report) []sheet {
	var out []sheet
	for _, t := range rep.Tables {
		out = append(out, sheet{name: t.Title.ZH, columns: tableColumns, rows: func(yield func([]string) error) error {
			for _, row := range append(t.Rows, t.Total) {
				if err := yield(tableRow(row)); err != nil {
					return err
				}
			}
			return nil
		}})
	}
	out = append(out, sheet{name: "审批时长", columns: []column{textCol("对象"), countCol("件数"), countCol("中位数(秒)"), countCol("P90(秒)"), textCol("中位数"), textCol("P90")},
		rows: func(yield func([]string) error) error {
			for _, d := range rep.Durations {
				err := yield([]string{kindLabel(d.Kind), strconv.Itoa(d.Count), strconv.FormatInt(d.MedianSeconds, 10),
					strconv.FormatInt(d.P90Seconds, 10), stats.Days(d.MedianSeconds), stats.Days(d.P90Seconds)})
				if err != nil {
					return err
				}
			}
			return nil
		}})
	out = append(out, sheet{name: "额度与金额", columns: budgetColumns, rows: func(yield func([]string) error) error {
		for _, b := range append(rep.Budget, rep.BudgetTotal) {
			if err := yield(budgetRow(b)); err != nil {
				return err
			}
		}
		return nil
	}})
	return out
}

func tableRow(row stats.Row) []string {
	return []string{row.Key, row.Label.ZH, strconv.Itoa(row.Count), strconv.Itoa(row.Orders),
		row.Claimed.String(), row.Granted.String(), row.Redeemed.String()}
}

var budgetColumns = []column{textCol("政策"), textCol("名称"), countCol("额度数"), countCol("无上限额度数"), amountCol("额度上限合计(元)"),
	amountCol("占用中(元)"), amountCol("已使用(元)"), amountCol("申请金额(元)"), amountCol("核定金额(元)"), amountCol("兑现金额(元)")}

func budgetRow(b stats.BudgetRow) []string {
	return []string{b.PolicyID, b.Label.ZH, strconv.Itoa(b.Quotas), strconv.Itoa(b.Unbounded), b.Cap.String(),
		b.Reserved.String(), b.Consumed.String(), b.Claimed.String(), b.Granted.String(), b.Redeemed.String()}
}

func kindLabel(k stats.Kind) string {
	if k == stats.Redemptions {
		return "创新券兑现"
	}
	return "创新券申请"
}

// factsSheet lists the records behind one figure.
func (h *Handler) factsSheet(ctx context.Context, name string, facts []stats.Fact) sheet {
	ents := memo(h.enterpriseName)
	columns := append(textCols("类型", "编号", "订单", "企业", "产品名称", "服务机构", "状态", "区", "政策", "月份", "提交时间", "通过时间"),
		amountCol("申请金额(元)"), amountCol("核定金额(元)"), amountCol("兑现金额(元)"))
	return sheet{name: name, columns: append(columns, textCols("企业所在地", "服务机构所在地", "退回与不予支持")...),
		rows: func(yield func([]string) error) error {
			for _, f := range facts {
				var refs []string
				for _, r := range f.Refusals {
					l := h.svc.StatsLabel(f.Kind, stats.ByRefusal, r.Key()).ZH
					if l == "" {
						l = r.Key()
					}
					refs = append(refs, l)
				}
				err := yield([]string{kindLabel(f.Kind), f.ID, f.OrderID, ents(ctx, f.EnterpriseID), f.ProductName, f.ProviderName,
					h.factStatus(f), f.District, f.PolicyID, f.Month(), stamp(f.Submitted), stamp(f.Approved),
					f.Claimed.String(), f.Granted.String(), f.Redeemed.String(), f.EnterpriseRegion, f.ProviderRegion,
					strings.Join(refs, "；")})
				if err != nil {
					return err
				}
			}
			return nil
		}}
}

// factStatus is the status of a fact's record as the lists print it (复审通过), or its
// state's key when its workflow has no status for it.
func (h *Handler) factStatus(f stats.Fact) string {
	if zh := h.svc.FactStatus(f).ZH; zh != "" {
		return zh
	}
	return string(f.Status)
}

// stamp writes a time in China Standard Time, "" for none.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cxq.China()).Format("2006-01-02 15:04:05")
}

// contact returns the contact's name, phone and e-mail, masked unless who may see the
// record's personal data (voucher.SeesPersonal).
func contact(who voucher.Actor, r voucher.Record, c voucher.Contact) []string {
	if voucher.SeesPersonal(who, r) {
		return []string{c.Name, c.Phone, c.Email}
	}
	return []string{maskName(c.Name), maskPhone(c.Phone), maskEmail(c.Email)}
}

// recordColumns are the columns both lists share around their amounts: the record's
// own before (parent names the record it follows), its times after (approved names
// its approval).
func recordColumns(parent, approved string) (head, times []column) {
	return textCols("编号", parent, "企业", "产品名称", "服务机构", "区", "政策", "状态", "联系人", "联系电话", "电子邮箱"),
		textCols("创建时间", "提交时间", approved)
}

// recordCells are the cells of recordColumns for rec, which follows parent, stands at
// status and names contact c; its enterprise is named ent.
func recordCells(who voucher.Actor, rec voucher.Record, parent, status, ent string, c voucher.Contact) (head, times []string) {
	sub, appr, _ := stats.FromHistory(rec.Case.History)
	head = []string{rec.ID, parent, ent, rec.Product.Name, rec.Product.ProviderName, rec.District(), rec.Policy.ID, status}
	return append(head, contact(who, rec, c)...), []string{stamp(rec.Created), stamp(sub), stamp(appr)}
}

// applicationsSheet streams the actor's list of applications (创新券申请).
func (h *Handler) applicationsSheet(ctx context.Context, who voucher.Actor, q voucher.ListExport) sheet {
	head, times := recordColumns("订单", "复审通过时间")
	ents := memo(h.enterpriseName)
	return sheet{name: "创新券申请",
		columns: slices.Concat(head, []column{amountCol("申请金额(元)"), amountCol("已兑现(元)"), amountCol("已追回(元)")}, times),
		rows: func(yield func([]string) error) error {
			return h.svc.EachApplication(ctx, who, q, func(a voucher.Application) error {
				head, times := recordCells(who, a.Record, a.OrderID, h.svc.ApplicationStatus(a).ZH, ents(ctx, a.EnterpriseID), a.Form.Contact)
				return yield(slices.Concat(head, []string{a.Amount.String(), a.Paid.String(), a.Reclaimed.String()}, times))
			})
		}}
}

// redemptionsSheet streams the actor's list of redemptions (创新券兑现).
func (h *Handler) redemptionsSheet(ctx context.Context, who voucher.Actor, q voucher.ListExport) sheet {
	head, times := recordColumns("申请编号", "评审通过时间")
	ents := memo(h.enterpriseName)
	return sheet{name: "创新券兑现",
		columns: slices.Concat(head, []column{amountCol("兑现创新券金额合计(元)"), amountCol("实际兑现金额(元)"), amountCol("已追回(元)"),
			countCol("发票数")}, times),
		rows: func(yield func([]string) error) error {
			return h.svc.EachRedemption(ctx, who, q, func(r voucher.Redemption) error {
				head, times := recordCells(who, r.Record, r.ApplicationID, h.svc.RedemptionStatus(r).ZH, ents(ctx, r.EnterpriseID), r.Form.Contact)
				return yield(slices.Concat(head, []string{r.Total.String(), r.Actual.String(), r.Reclaimed.String(),
					strconv.Itoa(len(r.Form.Invoices))}, times))
			})
		}}
}
