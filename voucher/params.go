package voucher

import "github.com/cxqkit/cxq/review"

// The inputs of the Service's use cases. Each carries the call's idempotency key (Key,
// never part of the input it guards: the same key with the same input returns the first
// result) and, for a call on an existing record, the version the caller last read
// (Version: a different stored version is cxq.ErrConflict; zero skips the check, except
// where it is required: BudgetParams replacing a budget and every edit of an
// application's or a redemption's form). Keys are at most [MaxKeyLen] bytes.

// SubmitParams submits (or resubmits after a return) the application or redemption ID.
type SubmitParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
}

// Decision is a reviewer's action on an application or redemption.
type Decision struct {
	Key     string        `json:"-"`
	ID      string        `json:"id"`
	Version int64         `json:"version,omitempty"`
	Action  review.Action `json:"action"`            // e.g. review.Approve, review.Return, review.Reject
	Opinion string        `json:"opinion,omitempty"` // 审核意见: required to return or reject
	// Fields are the values the transition sets, e.g. {"actual_amount": "4000.00"} at
	// the expert stage of a redemption.
	Fields map[string]string `json:"fields,omitempty"`
}

// WithdrawParams is the enterprise withdrawing (撤回) the application or redemption ID.
type WithdrawParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// AssignParams names Reviewer for Stage of the application or redemption ID.
type AssignParams struct {
	Key      string `json:"-"`
	ID       string `json:"id"`
	Version  int64  `json:"version,omitempty"`
	Stage    State  `json:"stage"`
	Reviewer string `json:"reviewer"`
}

// ConfirmOrderParams is the provider accepting (Confirm true) or declining order ID.
// Declining needs a Reason (拒绝原因, at most MaxNote characters), which the order keeps
// and the enterprise is shown; confirming takes none.
type ConfirmOrderParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Confirm bool   `json:"confirm"`
	Reason  string `json:"reason,omitempty"`
}

// StartRedemptionParams opens a redemption for the approved application ApplicationID.
type StartRedemptionParams struct {
	Key           string `json:"-"`
	ApplicationID string `json:"application_id"`
}

// AddInvoiceParams adds Invoice to redemption ID at Version (required).
type AddInvoiceParams struct {
	Key     string  `json:"-"`
	ID      string  `json:"id"`
	Version int64   `json:"version,omitempty"`
	Invoice Invoice `json:"invoice"`
}

// RemoveInvoiceParams removes the invoice whose [Invoice.Key] is InvoiceKey from
// redemption ID at Version (required).
type RemoveInvoiceParams struct {
	Key        string `json:"-"`
	ID         string `json:"id"`
	Version    int64  `json:"version,omitempty"`
	InvoiceKey string `json:"invoice_key"`
}

// AddContractParams adds Contract to redemption ID at Version (required).
type AddContractParams struct {
	Key      string   `json:"-"`
	ID       string   `json:"id"`
	Version  int64    `json:"version,omitempty"`
	Contract Contract `json:"contract"`
}

// RemoveContractParams removes the contract at Index (0-based, in the order added) from
// redemption ID at Version (required).
type RemoveContractParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Index   int    `json:"index"`
}
