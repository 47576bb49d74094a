package policy

import (
	"slices"
	"strconv"

	"github.com/cxqkit/cxq"
)

// Notice is a policy's public notice (公示): the redemptions that passed review are
// published as a list for Days days before they are paid, and anyone may object to an
// entry meanwhile (hebei, langfang, beijing-changping: 7 days). Columns are what the
// list shows of each entry, from the fixed allow-list of [PublicColumns]: a phone number,
// a contact person or an identity number is never a column. The zero Notice means no
// public notice: a redemption is paid when it passes review.
type Notice struct {
	Days    int      `json:"days,omitempty"`
	Columns []Column `json:"columns,omitempty"`
}

// Column is one piece of a redemption a public notice may show.
type Column string

// The columns a public notice may show; nothing else of a case is ever public.
const (
	ColumnEnterprise Column = "enterprise" // 企业名称
	ColumnProduct    Column = "product"    // 项目（服务产品）
	ColumnProvider   Column = "provider"   // 服务机构
	ColumnAmount     Column = "amount"     // 兑现金额 (实际兑现金额)
)

// MaxNoticeDays is the longest public notice a policy may set.
const MaxNoticeDays = 60

// PublicColumns returns every column a public notice may show, in the order lists print
// them.
func PublicColumns() []Column {
	return []Column{ColumnEnterprise, ColumnProduct, ColumnProvider, ColumnAmount}
}

// Label is the column's heading.
func (c Column) Label() cxq.Text {
	switch c {
	case ColumnEnterprise:
		return cxq.T("企业名称", "enterprise")
	case ColumnProduct:
		return cxq.T("项目", "project")
	case ColumnProvider:
		return cxq.T("服务机构", "provider")
	case ColumnAmount:
		return cxq.T("金额（元）", "amount (yuan)")
	}
	return cxq.T(string(c), string(c))
}

// Shows reports whether the notice shows column c.
func (n Notice) Shows(c Column) bool { return slices.Contains(n.Columns, c) }

// Held reports whether the policy holds approved redemptions in a public notice.
func (n Notice) Held() bool { return n.Days > 0 }

// validate checks the days and that every column is on the allow-list, once; a notice
// with days shows at least one column, and columns without days are inert.
func (n Notice) validate(ps *cxq.Problems) {
	if n.Days < 0 || n.Days > MaxNoticeDays {
		ps.Add(valueErr("notice.days", strconv.Itoa(n.Days)))
	}
	for i, c := range n.Columns {
		if !slices.Contains(PublicColumns(), c) || slices.Index(n.Columns, c) < i {
			ps.Add(valueErr("notice.columns["+strconv.Itoa(i)+"]", string(c)))
		}
	}
}
