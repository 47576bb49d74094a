package voucher

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
)

// NoticeKind is what a [Notice] is about.
type NoticeKind string

// The kinds of notices the Service writes.
const (
	NoticeStatus   NoticeKind = "status"   // a record changed status (状态变更)
	NoticeReturned NoticeKind = "returned" // returned for revision, with the reviewer's opinion (退回修改)
	NoticeApproved NoticeKind = "approved" // an application passed its last review: the voucher is issued
	NoticePaid     NoticeKind = "paid"     // a redemption passed review, with the actual amount (兑现)
	NoticeExpired  NoticeKind = "expired"  // the deadline rules revoked (part of) a voucher
	NoticeAssigned NoticeKind = "assigned" // a record awaits the reviewer it names (待审核)
	NoticeReminder NoticeKind = "reminder" // a deadline approaches (到期提醒)
	// NoticeSpotCheck: a spot check's finding on a redeemed case, with any clawback (抽查).
	NoticeSpotCheck NoticeKind = "spot_check"
)

// NoticeState is where a notice stands in the outbox.
type NoticeState string

// The states of an outbox notice.
const (
	NoticePending   NoticeState = "pending"   // to be delivered once NextTry has come
	NoticeSent      NoticeState = "sent"      // delivered
	NoticeCancelled NoticeState = "cancelled" // a reminder whose reason went away before it was due
)

// Addresses of notices: an organisation (an enterprise or a provider, by its ID) or a
// person (by the person's ID).
const (
	addressOrg      = "org:"
	addressPerson   = "person:"
	addressDistrict = "district:"
)

// OrgAddress is the address of an organisation's inbox (an enterprise's, a provider's).
func OrgAddress(id string) string { return addressOrg + id }

// PersonAddress is the address of one person's inbox (a reviewer's).
func PersonAddress(id string) string { return addressPerson + id }

// DistrictAddress is the inbox the district reviewers of a district share.
func DistrictAddress(district string) string { return addressDistrict + district }

// Addresses returns the inboxes an actor reads: their own and, for an enterprise or a
// provider, their organisation's, for a district reviewer their district's.
func (a Actor) Addresses() []string {
	var out []string
	if a.ID != "" {
		out = append(out, PersonAddress(a.ID))
	}
	if a.Org != "" && (a.Role == RoleEnterprise || a.Role == RoleProvider) {
		out = append(out, OrgAddress(a.Org))
	}
	if a.District != "" && a.Role == RoleDistrict {
		out = append(out, DistrictAddress(a.District))
	}
	return out
}

// Notice is one message in the outbox (a transactional outbox): the Service writes it in
// the transaction of the change that causes it, and a delivery worker (package
// voucher/notify) hands it to the Notifiers and marks it sent. Its ID is derived from its
// cause, so the same cause never writes two notices. Notices carry no audit entry of
// their own: each follows from a change whose audit entry the same transaction wrote.
type Notice struct {
	ID      string     `json:"id"`
	To      string     `json:"to"` // OrgAddress, PersonAddress or DistrictAddress
	Kind    NoticeKind `json:"kind"`
	Subject string     `json:"subject"` // the stream of the record it is about, e.g. "application/A1"
	// Code is, for a reminder, the deadline it announces (policy.CodeFirstUseMissed,
	// policy.CodeUnusedExpired, DeadlineRedeem); for an expiry, the first reason's code.
	Code string `json:"code,omitempty"`
	// Days is, for a reminder, how many days before the deadline it goes out.
	Days    int       `json:"days,omitempty"`
	Text    cxq.Text  `json:"text"`
	Created time.Time `json:"created"`
	// Due is when the notice is meant to go out: at once for a change, the reminder's day
	// for a reminder.
	Due   time.Time   `json:"due"`
	State NoticeState `json:"state"`
	// NextTry is when the next delivery may be attempted: Due at first, later after each
	// failure's backoff.
	NextTry  time.Time `json:"next_try"`
	Attempts int       `json:"attempts"`
	Sent     time.Time `json:"sent,omitzero"`
}

// Message is what the notice becomes in its recipient's site inbox (站内消息).
type Message struct {
	ID      string     `json:"id"` // the notice's ID
	To      string     `json:"to"`
	Kind    NoticeKind `json:"kind"`
	Subject string     `json:"subject"`
	Text    cxq.Text   `json:"text"`
	At      time.Time  `json:"at"`
	Read    time.Time  `json:"read,omitzero"` // zero while unread
}

// MessageOf is the inbox message of a notice delivered at at.
func MessageOf(n Notice, at time.Time) Message {
	return Message{ID: n.ID, To: n.To, Kind: n.Kind, Subject: n.Subject, Text: n.Text, At: at.UTC().Truncate(time.Microsecond)}
}

// Unread reports whether the message has not been read.
func (m Message) Unread() bool { return m.Read.IsZero() }

// NoticeFilter selects outbox notices. Every non-zero field narrows the result.
type NoticeFilter struct {
	State   NoticeState // in this state
	Subject string      // about this record
	ReadyBy time.Time   // NextTry at or before this instant
	Limit   int         // 0 = all
}

// MessageFilter selects the messages of one or more inboxes.
type MessageFilter struct {
	To     []string // the inboxes (addresses); none selects nothing
	Unread bool     // only unread messages
	Offset int
	Limit  int // 0 = all
}

// NoticeLess is the order every driver lists notices in: by NextTry, then ID.
func NoticeLess(a, b Notice) bool {
	if !a.NextTry.Equal(b.NextTry) {
		return a.NextTry.Before(b.NextTry)
	}
	return a.ID < b.ID
}

// MessageLess is the order every driver lists messages in: newest first, then by ID
// descending.
func MessageLess(a, b Message) bool {
	if !a.At.Equal(b.At) {
		return a.At.After(b.At)
	}
	return a.ID > b.ID
}

// Matches reports whether n is selected by f; drivers that filter in memory use it.
func (f NoticeFilter) Matches(n Notice) bool {
	return (f.State == "" || n.State == f.State) && (f.Subject == "" || n.Subject == f.Subject) &&
		(f.ReadyBy.IsZero() || !n.NextTry.After(f.ReadyBy))
}

// Matches reports whether m is selected by f.
func (f MessageFilter) Matches(m Message) bool {
	return slices.Contains(f.To, m.To) && (!f.Unread || m.Unread())
}

// noticeID names the notice of a cause: a digest of its parts, so the same cause gives
// the same ID, which is safe in a URL path.
func noticeID(parts ...string) string {
	var stack [256]byte // most causes fit: the parts are joined here rather than on the heap
	joined := stack[:0]
	for i, p := range parts {
		if i > 0 {
			joined = append(joined, 0)
		}
		joined = append(joined, p...)
	}
	sum := sha256.Sum256(joined)
	var id [2 + 24]byte
	copy(id[:], "NT")
	hex.Encode(id[2:], sum[:12])
	return string(id[:])
}
