package voucher

import (
	"time"

	"github.com/cxqkit/cxq"
)

// OrderStatus is where an order (订单) stands.
type OrderStatus string

// The statuses of an order.
const (
	OrderPlaced    OrderStatus = "placed"    // 待确认: the enterprise asked, the provider has not confirmed
	OrderConfirmed OrderStatus = "confirmed" // 已确认: the provider accepted; a voucher may be applied for
	OrderDeclined  OrderStatus = "declined"  // 已拒绝: the provider declined
)

// Label returns the status as people read it.
func (s OrderStatus) Label() cxq.Text {
	switch s {
	case OrderPlaced:
		return cxq.T("待确认", "awaiting confirmation")
	case OrderConfirmed:
		return cxq.T("已确认", "confirmed")
	case OrderDeclined:
		return cxq.T("已拒绝", "declined")
	}
	return cxq.T(string(s), string(s))
}

// Party is one side of an order: 单位名称, 联系人, 联系电话, 联系Email. Phone is stored in
// its canonical spelling (cxq.Phone's String) whenever it parses.
type Party struct {
	Name    string `json:"name"`
	Contact string `json:"contact"`
	Phone   string `json:"phone"`
	Email   string `json:"email,omitempty"`
}

// ProductRef is the snapshot of the product an order was placed for, as it was listed at
// that moment.
type ProductRef struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`          // 服务产品
	ProviderID   string    `json:"provider_id"`   //
	ProviderName string    `json:"provider_name"` // 服务机构
	Voucher      bool      `json:"voucher"`       // carried the 创新券 badge when ordered
	Price        cxq.Money `json:"price"`
	PriceUnit    string    `json:"price_unit,omitempty"`
}

// Order is a purchase of a service product (我买到的产品). It is created by the enterprise
// ([Service.PlaceOrder]) and confirmed by the provider ([Service.ConfirmOrder]).
type Order struct {
	ID           string      `json:"id"` // the order number, e.g. IV000001
	EnterpriseID string      `json:"enterprise_id"`
	Product      ProductRef  `json:"product"`
	Provider     Party       `json:"provider"` // 服务方
	Client       Party       `json:"client"`   // 委托方
	Note         string      `json:"note,omitempty"`
	Status       OrderStatus `json:"status"`
	// DeclineReason is why the provider declined the order (拒绝原因), shown to the
	// enterprise; set only when Status is OrderDeclined.
	DeclineReason string `json:"decline_reason,omitempty"`
	// Delivery is the provider's record of the service delivered ([Service.RecordDelivery]),
	// nil until then; once recorded it does not change.
	Delivery *Delivery `json:"delivery,omitempty"`
	// Evaluation is the enterprise's evaluation of the service ([Service.EvaluateOrder]),
	// nil until then; given once, it never changes.
	Evaluation *Evaluation `json:"evaluation,omitempty"`
	Version    int64       `json:"version"` // 1 on creation, +1 per change
	Created    time.Time   `json:"created"`
	Updated    time.Time   `json:"updated"`
	AuditHead  string      `json:"audit_head"` // hash of the record's last audit entry
	AuditSeq   int64       `json:"audit_seq"`  // Seq of that entry
}
