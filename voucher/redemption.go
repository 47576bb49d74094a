package voucher

import (
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// Redemption is a 创新券兑现申请 for an approved application.
type Redemption struct {
	ID            string     `json:"id"`
	ApplicationID string     `json:"application_id"`
	OrderID       string     `json:"order_id"`
	EnterpriseID  string     `json:"enterprise_id"`
	Product       ProductRef `json:"product"`
	// Claimed is the approved application's amount (申请创新券金额).
	Claimed cxq.Money      `json:"claimed"`
	Form    RedemptionForm `json:"form"`
	// Total is 兑现创新券金额合计, computed from the invoices and contracts at
	// submission, and Breakdown the rules that bounded it.
	Total     cxq.Money `json:"total"`
	Breakdown Breakdown `json:"breakdown,omitempty"`
	// Actual is 实际兑现金额, set at the expert stage; zero until then.
	Actual      cxq.Money        `json:"actual"`
	Case        review.Case      `json:"case"`
	Assignments map[State]string `json:"assignments,omitempty"`
	Version     int64            `json:"version"`
	Created     time.Time        `json:"created"`
	Updated     time.Time        `json:"updated"`
	Since       time.Time        `json:"since"`
	AuditHead   string           `json:"audit_head"`
	AuditSeq    int64            `json:"audit_seq"` // Seq of that entry
}

// State returns the redemption's state.
func (r Redemption) State() State {
	if r.Case.State == "" {
		return review.Draft
	}
	return r.Case.State
}

// Live reports whether the redemption still occupies its application.
func (r Redemption) Live() bool { return live(r.State()) }

// Assignee returns the reviewer assigned to the current stage, if any.
func (r Redemption) Assignee() string { return r.Assignments[r.State()] }

// District returns the district snapshotted at submission.
func (r Redemption) District() string { return r.Case.District }
