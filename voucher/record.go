package voucher

import (
	"time"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// State is where an application or redemption stands: the state of its review case, or
// [review.Draft] before the first submission.
type State = review.State

// Record is the core that every reviewed record (an [Application], a [Redemption])
// embeds: who owns it, what it was ordered for, its review case and assignments, the
// policy it is judged under, its version and times, and the head of its audit chain.
// Its fields encode inline, so a record's JSON reads as one flat object.
type Record struct {
	ID           string     `json:"id"`
	OrderID      string     `json:"order_id"`
	EnterpriseID string     `json:"enterprise_id"`
	Product      ProductRef `json:"product"` // from the order, for the lists' 产品名称 and 服务机构
	// Policy is the policy version the record is judged under: an application's is fixed
	// at its first submission, a redemption takes its application's.
	Policy policy.Ref `json:"policy"`
	// Breakdown gives the rules that bounded the record's computed amount.
	Breakdown policy.Breakdown `json:"breakdown,omitempty"`
	// Case is the review case, opened at the first submission.
	Case review.Case `json:"case"`
	// Assignments names the reviewer assigned to each stage that needs one.
	Assignments map[State]string `json:"assignments,omitempty"`
	Version     int64            `json:"version"` // 1 on creation, +1 per change
	Created     time.Time        `json:"created"`
	Updated     time.Time        `json:"updated"`
	Since       time.Time        `json:"since"`      // when the current state was entered
	AuditHead   string           `json:"audit_head"` // hash of the record's last audit entry
	AuditSeq    int64            `json:"audit_seq"`  // Seq of that entry
	// Freed: the record no longer occupies what it was opened for although it passed
	// review — a redemption under split use (policy.SplitUse), so that the rest of its
	// voucher may be redeemed by the next one.
	Freed bool `json:"freed,omitempty"`
}

// State returns the record's state.
func (r Record) State() State {
	if r.Case.State == "" {
		return review.Draft
	}
	return r.Case.State
}

// Live reports whether the record still occupies what it was opened for (an
// application its order, a redemption its application): every state but rejected and
// withdrawn, unless it was freed (see Freed).
func (r Record) Live() bool {
	s := r.State()
	return s != review.Rejected && s != review.Withdrawn && !r.Freed
}

// Editable reports whether the enterprise may change the record's contents: in draft or
// returned for revision.
func (r Record) Editable() bool {
	s := r.State()
	return s == review.Draft || s == review.Returned
}

// Assignee returns the reviewer assigned to the current stage, if any.
func (r Record) Assignee() string { return r.Assignments[r.State()] }

// District returns the district snapshotted at submission.
func (r Record) District() string { return r.Case.District }

// Approved returns when the record reached its final approval (复审通过 for an
// application, the moment the voucher is issued; 评审通过 for a redemption), and false
// if it has not.
func (r Record) Approved() (time.Time, bool) {
	for _, e := range r.Case.History {
		if e.To == review.Approved {
			return e.Time, true
		}
	}
	return time.Time{}, false
}

// core returns the record itself; Application and Redemption inherit it, which makes
// them [reviewed].
func (r *Record) core() *Record { return r }

// reviewed is a pointer to a record that embeds [Record].
type reviewed[T any] interface {
	*T
	core() *Record
}
