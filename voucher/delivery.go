package voucher

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Delivery is the provider's record that the service of an order was delivered (服务交付):
// on which day, what was delivered and the result files (检测报告, 设计图纸 …), which are
// uploads of the provider into the slot SlotServiceProof — the same 服务结果证明 a
// redemption's files may name.
type Delivery struct {
	Date     time.Time       `json:"date"`    // the day delivered, as the provider gives it
	Content  string          `json:"content"` // 交付内容
	Files    []AttachmentRef `json:"files,omitempty"`
	Recorded time.Time       `json:"recorded"` // when the Service recorded it
}

// Evaluation is the enterprise's evaluation of the service of an order (服务评价): the
// scores by the programme's rubric, with the total, the maximum and the grade they
// earned (policy.Scored), an optional comment and when it was given. It is given once
// and never changes.
type Evaluation struct {
	policy.Scored
	Comment string    `json:"comment,omitempty"`
	At      time.Time `json:"at"`
}

// RecordDeliveryParams is the provider recording the delivery of order ID.
type RecordDeliveryParams struct {
	Key     string          `json:"-"`
	ID      string          `json:"id"`
	Version int64           `json:"version,omitempty"`
	Date    time.Time       `json:"date"`
	Content string          `json:"content"`
	Files   []AttachmentRef `json:"files,omitempty"`
}

// EvaluateOrderParams is the enterprise evaluating the service of order ID: Scores gives
// the points of every item of the rubric by its code.
type EvaluateOrderParams struct {
	Key     string         `json:"-"`
	ID      string         `json:"id"`
	Version int64          `json:"version,omitempty"`
	Scores  map[string]int `json:"scores"`
	Comment string         `json:"comment,omitempty"`
}

// MaxDeliveryFiles is how many result files a delivery may name.
const MaxDeliveryFiles = 20

// Codes of the changes an order's state refuses (*[OrderStateError]).
const (
	CodeOrderNotConfirmed = policy.CodeOrderUnconfirm // the order is not (or no longer) confirmed
	CodeAlreadyDelivered  = "already_delivered"       // the delivery is recorded already
	CodeNotDelivered      = "not_delivered"           // no delivery to evaluate yet
	CodeAlreadyEvaluated  = "already_evaluated"       // the service is evaluated already
	CodeOrderDeclined     = policy.CodeOrderDeclined  // the provider declined the order
	CodeAlreadyConfirmed  = "already_confirmed"       // the provider confirmed the order already
)

// OrderStateError is a change the order's state does not allow: confirming or declining
// an order decided already, recording a delivery of an order that is not confirmed or is
// delivered already, or evaluating one that is not delivered or is evaluated already. It matches cxq.ErrConflict; Code says which,
// and Text says it to a person.
type OrderStateError struct {
	Order string
	Code  string
}

func (e *OrderStateError) Error() string {
	return fmt.Sprintf("voucher: order %s: %s", e.Order, e.Text().EN)
}

// Is matches cxq.ErrConflict.
func (e *OrderStateError) Is(target error) bool { return target == cxq.ErrConflict }

// Text returns the refusal in Chinese and English.
func (e *OrderStateError) Text() cxq.Text {
	switch e.Code {
	case CodeOrderNotConfirmed:
		return cxq.T("订单尚未经服务机构确认", "the provider has not confirmed the order")
	case CodeOrderDeclined:
		return cxq.T("服务机构已拒绝该订单", "the provider declined this order")
	case CodeAlreadyConfirmed:
		return cxq.T("服务机构已确认该订单，不能再次确认或拒绝", "the provider confirmed this order already; it cannot be decided again")
	case CodeAlreadyDelivered:
		return cxq.T("该订单已登记服务交付", "the delivery of this order is recorded already")
	case CodeNotDelivered:
		return cxq.T("服务机构尚未登记服务交付，暂不能评价", "the provider has not recorded the delivery yet; it cannot be evaluated")
	case CodeAlreadyEvaluated:
		return cxq.T("该订单的服务已评价，评价提交后不可更改", "the service of this order is evaluated already; an evaluation cannot be changed")
	}
	return cxq.T(e.Code, e.Code)
}

// decidable says why the provider may not confirm or decline o now, if it may not.
func decidable(o Order) error {
	switch o.Status {
	case OrderPlaced:
		return nil
	case OrderDeclined:
		return &OrderStateError{Order: o.ID, Code: CodeOrderDeclined}
	case OrderConfirmed:
		return &OrderStateError{Order: o.ID, Code: CodeAlreadyConfirmed}
	}
	return fmt.Errorf("voucher: order %s is %s: %w", o.ID, o.Status, cxq.ErrConflict)
}

// Rating is what the evaluations of a provider's services add up to, as its products'
// pages show it (服务评价): how many evaluations, their average as points of 100 (100 ×
// the sum of the totals ÷ the sum of the maxima, to one decimal, half up, so evaluations
// by rubrics of other maxima weigh alike; "" when there are none) and how many earned
// each grade, in the programme rubric's order (grades of no current band after them).
type Rating struct {
	ProviderID string       `json:"provider_id"`
	Count      int          `json:"count"`
	Average    string       `json:"average,omitempty"`
	Grades     []GradeCount `json:"grades"`
}

// GradeCount is how many evaluations earned one grade.
type GradeCount struct {
	Grade string   `json:"grade"`
	Label cxq.Text `json:"label"`
	Count int      `json:"count"`
}

// rate adds up the evaluations of orders by rubric r.
func rate(providerID string, r policy.Rubric, orders []Order) Rating {
	out := Rating{ProviderID: providerID, Grades: []GradeCount{}}
	for _, g := range r.Grades {
		out.Grades = append(out.Grades, GradeCount{Grade: g.Grade, Label: g.Label})
	}
	var total, maxSum int64
	for _, o := range orders {
		e := o.Evaluation
		if e == nil || e.Max <= 0 {
			continue
		}
		out.Count++
		total += int64(e.Total)
		maxSum += int64(e.Max)
		i := 0
		for i < len(out.Grades) && out.Grades[i].Grade != e.Grade {
			i++
		}
		if i == len(out.Grades) {
			out.Grades = append(out.Grades, GradeCount{Grade: e.Grade, Label: cxq.T(e.Grade, e.Grade)})
		}
		out.Grades[i].Count++
	}
	if maxSum > 0 {
		tenths := (2000*total + maxSum) / (2 * maxSum) // 1000 × total ÷ max, half up
		out.Average = fmt.Sprintf("%d.%d", tenths/10, tenths%10)
	}
	return out
}
