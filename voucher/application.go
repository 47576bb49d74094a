package voucher

import (
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// State is where an application or redemption stands: the state of its review case, or
// [review.Draft] before the first submission.
type State = review.State

// Application is an enterprise's 科技创新券申请表 for one confirmed order.
type Application struct {
	ID           string     `json:"id"`
	OrderID      string     `json:"order_id"`
	EnterpriseID string     `json:"enterprise_id"`
	Product      ProductRef `json:"product"` // from the order, for the list's 产品名称 and 服务机构
	// Policy is the policy version the application is judged under, fixed at the first
	// submission.
	Policy PolicyRef       `json:"policy"`
	Form   ApplicationForm `json:"form"`
	// Amount is 申请创新券金额, computed by the policy at submission, and Breakdown the
	// rules that bounded it.
	Amount    cxq.Money `json:"amount"`
	Breakdown Breakdown `json:"breakdown,omitempty"`
	// Paid is what the redemption paid out (实际兑现金额), once settled.
	Paid cxq.Money `json:"paid"`
	// Quota is the annual quota the application charges; Reserved is what it holds on
	// it now (zero once released or settled: a release happens exactly once).
	Quota    QuotaKey  `json:"quota"`
	Reserved cxq.Money `json:"reserved"`
	// Case is the review case, opened at the first submission.
	Case review.Case `json:"case"`
	// Assignments names the reviewer assigned to each stage that needs one.
	Assignments map[State]string `json:"assignments,omitempty"`
	// Ended records why an application ended outside review (expiry), if it did.
	Ended     string    `json:"ended,omitempty"`
	Version   int64     `json:"version"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	Since     time.Time `json:"since"` // when the current state was entered
	AuditHead string    `json:"audit_head"`
	AuditSeq  int64     `json:"audit_seq"` // Seq of that entry
}

// State returns the application's state.
func (a Application) State() State {
	if a.Case.State == "" {
		return review.Draft
	}
	return a.Case.State
}

// Approved returns when the application reached its final approval (复审通过), the
// moment the voucher is issued, and false if it has not.
func (a Application) Approved() (time.Time, bool) {
	for _, e := range a.Case.History {
		if e.To == review.Approved {
			return e.Time, true
		}
	}
	return time.Time{}, false
}

// Live reports whether the application still occupies its order: every state but
// rejected and withdrawn (an expired application is withdrawn by the deadline run).
func (a Application) Live() bool { return live(a.State()) }

// Assignee returns the reviewer assigned to the current stage, if any.
func (a Application) Assignee() string { return a.Assignments[a.State()] }

// District returns the district snapshotted at submission.
func (a Application) District() string { return a.Case.District }

func live(s State) bool { return s != review.Rejected && s != review.Withdrawn }
