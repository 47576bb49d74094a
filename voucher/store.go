package voucher

import (
	"context"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Store keeps orders, applications, redemptions, quotas, the audit trail and idempotency
// records. [Service] is the only intended caller; drivers live in the sub-packages
// memstore and sqlstore, and voucher/storetest is the conformance suite every driver
// must pass.
//
// Every driver guarantees, for any number of concurrent callers and processes sharing the
// same storage:
//   - Update runs fn in one serialisable unit: all of fn's writes commit together or none
//     does, and a quota charge is checked against the committed state (no lost update);
//   - the uniqueness, compare-and-set and quota rules documented on [Tx];
//   - no Tx method edits or deletes an audit entry.
type Store interface {
	// Update runs fn in a read-write transaction and commits when fn returns nil. An
	// error from fn rolls everything back and is returned as it is. Update may run fn
	// again when the database reports a transient serialisation failure, so fn must
	// not keep effects outside the Tx.
	//
	// A driver may hold the writes whose outcome the transaction does not read
	// (AppendAudit, AppendNotice, UpdateNotice, SaveIdempotency and the updates of
	// records and orders) and send them together with its next statement or before it
	// commits (sqlstore does so on PostgreSQL: one round trip for the lot). Such a
	// write's failure is then returned by a later call of the Tx, or by Update, which
	// rolls back however fn went on; so fn returns a Tx error as it gets it and takes
	// no decision on a held write having succeeded.
	Update(ctx context.Context, fn func(Tx) error) error
	// View runs fn with read access; fn must not write.
	View(ctx context.Context, fn func(Tx) error) error
	// Close releases the Store's resources.
	Close() error
}

// Tx is the access a transaction has. Lookups return an error matching cxq.ErrNotFound
// for a missing record; the uniqueness and compare-and-set rules return errors matching
// cxq.ErrConflict.
type Tx interface {
	// Order returns the order with id.
	Order(ctx context.Context, id string) (Order, error)
	// CreateOrder stores a new order (Version 1). ErrConflict if the ID exists.
	CreateOrder(ctx context.Context, o Order) error
	// UpdateOrder replaces an order whose stored Version is o.Version−1 (ErrConflict
	// otherwise).
	UpdateOrder(ctx context.Context, o Order) error
	// Orders lists orders matching f and the total before paging.
	Orders(ctx context.Context, f OrderFilter) ([]Order, int, error)

	// Applications is the table of applications. Create and Update refuse (ErrConflict)
	// a second live application (see [Record.Live]) for the same order.
	Applications() Records[Application]
	// Redemptions is the table of redemptions. Create and Update refuse (ErrConflict) a
	// second live redemption for the same application. ListFilter.ApplicationID selects
	// the redemptions of an application.
	Redemptions() Records[Redemption]

	// ClaimInvoice records that the invoice key backs redemptionID. Claiming a key again
	// for the same redemption is a no-op; ErrConflict if another redemption holds it.
	ClaimInvoice(ctx context.Context, key, redemptionID string) error
	// ReleaseInvoice frees a key held by redemptionID (a no-op if it holds none).
	ReleaseInvoice(ctx context.Context, key, redemptionID string) error

	// Quota returns the quota of k; one never charged has zero cap and usage.
	Quota(ctx context.Context, k QuotaKey) (Quota, error)
	// ChargeQuota sets the quota's cap to limit and reserves amount on it, atomically
	// with respect to every concurrent charge, or fails with an error wrapping
	// [ErrQuotaExhausted] when reserved + consumed + amount would exceed limit.
	ChargeQuota(ctx context.Context, k QuotaKey, limit, amount cxq.Money) (Quota, error)
	// ReleaseQuota returns amount of the reservation and one claim (ErrConflict if less
	// is reserved).
	ReleaseQuota(ctx context.Context, k QuotaKey, amount cxq.Money) (Quota, error)
	// SettleQuota releases reserved and consumes paid (paid ≤ reserved).
	SettleQuota(ctx context.Context, k QuotaKey, reserved, paid cxq.Money) (Quota, error)
	// ReclaimQuota takes amount back out of what the quota of k consumed (a clawback
	// after a spot check), with the claim still counted. ErrConflict if less was
	// consumed.
	ReclaimQuota(ctx context.Context, k QuotaKey, amount cxq.Money) (Quota, error)
	// BanQuota records a ban on the quota of k, creating the quota if needed.
	BanQuota(ctx context.Context, k QuotaKey, ban policy.Ban) (Quota, error)

	// Upload returns the upload with id.
	Upload(ctx context.Context, id string) (Upload, error)
	// SaveUpload stores a new upload. ErrConflict if the ID exists.
	SaveUpload(ctx context.Context, u Upload) error
	// Uploads returns every upload, for the audit check.
	Uploads(ctx context.Context) ([]Upload, error)

	// Quotas returns every quota row, for the audit check.
	Quotas(ctx context.Context) ([]Quota, error)

	// AuditTail returns the trail's last entry and holds it against every concurrent
	// append until the transaction ends, so entries join the one trail in order.
	AuditTail(ctx context.Context) (AuditTail, error)
	// AppendAudit adds an entry (already linked by the caller) and makes it the tail.
	// ErrConflict if e.Pos is not the tail's Pos+1 or the stream already has an entry
	// with that Seq.
	AppendAudit(ctx context.Context, e AuditEntry) error
	// Audit returns the entries of stream in Seq order; stream "" returns every entry
	// in Pos order.
	Audit(ctx context.Context, stream string) ([]AuditEntry, error)
	// AuditLast returns the last entry of stream (its highest Seq), at a cost that does
	// not grow with the stream; an error matching cxq.ErrNotFound when it has none.
	AuditLast(ctx context.Context, stream string) (AuditEntry, error)

	// Idempotency returns the record of (actorID, key), ErrNotFound if none.
	Idempotency(ctx context.Context, actorID, key string) (Idempotency, error)
	// SaveIdempotency stores rec. ErrConflict if (ActorID, Key) holds a result, or the
	// record of a refused call (no Result) of another Op or Request; the refusal of the
	// same Op and Request is replaced. The Store may keep rec.Result itself rather than a
	// copy: the caller never changes it afterwards.
	SaveIdempotency(ctx context.Context, rec Idempotency) error

	// Doc returns the programme-operations record kind/id (see [Doc]).
	Doc(ctx context.Context, kind, id string) (Doc, error)
	// CreateDoc stores a new doc (Version 1). ErrConflict if kind/id exists.
	CreateDoc(ctx context.Context, d Doc) error
	// UpdateDoc replaces a doc whose stored Version is d.Version−1 (ErrConflict
	// otherwise; ErrNotFound if there is none).
	UpdateDoc(ctx context.Context, d Doc) error
	// Docs returns the docs matching f in [DocLess] order.
	Docs(ctx context.Context, f DocFilter) ([]Doc, error)

	// AppendNotice adds n to the outbox. ErrConflict if a notice with its ID exists.
	AppendNotice(ctx context.Context, n Notice) error
	// Notice returns the notice with id.
	Notice(ctx context.Context, id string) (Notice, error)
	// UpdateNotice replaces the notice with n.ID (ErrNotFound if none).
	UpdateNotice(ctx context.Context, n Notice) error
	// Notices returns the outbox notices matching f in [NoticeLess] order.
	Notices(ctx context.Context, f NoticeFilter) ([]Notice, error)
	// DeliverMessage adds m to its recipient's inbox and reports whether it did: a
	// message whose ID the inbox holds already is left as it is, so delivering a notice
	// twice shows it once.
	DeliverMessage(ctx context.Context, m Message) (bool, error)
	// Messages returns the messages matching f in [MessageLess] order and how many match
	// before paging.
	Messages(ctx context.Context, f MessageFilter) ([]Message, int, error)
	// UnreadMessages counts the unread messages of the inboxes to.
	UnreadMessages(ctx context.Context, to []string) (int, error)
	// ReadMessage marks message id of one of the inboxes to as read at at (a message
	// read already keeps its first time). ErrNotFound if none of them holds it.
	ReadMessage(ctx context.Context, to []string, id string, at time.Time) error
}

// Records is a transaction's access to one kind of reviewed record (applications or
// redemptions); both kinds keep the same rules.
type Records[T any] interface {
	// Get returns the record with id.
	Get(ctx context.Context, id string) (T, error)
	// Create stores a new record (Version 1). ErrConflict if the ID exists or the
	// record would be a second live one for what it occupies.
	Create(ctx context.Context, rec T) error
	// Update replaces a record whose stored Version is the new Version−1 (ErrConflict
	// otherwise, or when it would be a second live one for what it occupies).
	Update(ctx context.Context, rec T) error
	// List returns the records matching f and the total before paging.
	List(ctx context.Context, f ListFilter) ([]T, int, error)
}

// OrderFilter selects orders. Scoping fields are applied in the query.
type OrderFilter struct {
	EnterpriseID string // only this enterprise's orders ("" = any)
	ProviderID   string // only orders for this provider's products ("" = any)
	Offset       int
	Limit        int // 0 = no limit
}

// ListFilter selects applications or redemptions. Every non-empty field narrows the
// result; the scoping fields (EnterpriseID, District, Assignee) are applied in the
// query, so totals never count what the caller may not see.
type ListFilter struct {
	EnterpriseID  string         // only this enterprise's records
	IDs           []string       // only the records with these IDs (none: any)
	ApplicationID string         // this application, or the redemptions of this application
	OrderID       string         // applications of this order
	Product       string         // 产品名称 contains
	Provider      string         // 服务机构 contains
	Statuses      []review.State // review state is one of
	// Standings keeps the records whose standing is one of these: an application's
	// [Application.Standing] (复审通过 no longer matches a returned or expired voucher),
	// a redemption's state.
	Standings []review.State
	District  string // snapshotted district equals
	Assignee  string // assigned to this person for the current stage
	Oldest    bool   // oldest first by time in the current state (queues); default newest created first
	Offset    int    // rows to skip
	Limit     int    // rows to return; 0 = all
}

// MatchesProduct reports whether a record or order of product p passes the filter's
// Product and Provider: its 产品名称 and 服务机构 contain them, as typed.
func (f ListFilter) MatchesProduct(p ProductRef) bool {
	return strings.Contains(p.Name, f.Product) && strings.Contains(p.ProviderName, f.Provider)
}

// ListLess is the order every driver lists applications and redemptions in: newest
// created first, or with oldest set, longest in the current state first; ties by ID.
func ListLess(oldest bool, aCreated, aSince time.Time, aID string, bCreated, bSince time.Time, bID string) bool {
	if oldest {
		if !aSince.Equal(bSince) {
			return aSince.Before(bSince)
		}
		return aID < bID
	}
	if !aCreated.Equal(bCreated) {
		return aCreated.After(bCreated)
	}
	return aID > bID
}

// ColumnChecker is what a driver's Tx implements when it keeps copies of record fields
// beside the record (columns that lists filter and sort on): CheckColumns reports, with
// a *cxq.TamperError, a copy that no longer says what the record says. VerifyAudit calls
// it, since the trail covers the record, not the copies. sqlstore implements it;
// memstore keeps no copies.
type ColumnChecker interface {
	CheckColumns(ctx context.Context) error
}
