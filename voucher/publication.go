package voucher

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Doc kinds of the public notice (公示).
const (
	KindPublication = "publication"
	KindObjection   = "objection"
)

// The states of a [Publication].
const (
	PublicationOpen   = "published" // in its notice period, or past it and not yet closed
	PublicationClosed = "closed"    // closed: its entries were paid or held
)

// Codes of the refusals of the public notice.
const (
	CodeNoticeClosed   = "notice_closed"     // an objection after the period, or to a closed list
	CodeNoticeOpen     = "notice_open"       // closing a list before its period ends
	CodeNotNoticeable  = "not_noticeable"    // publishing a case that awaits no notice
	CodeNoticeMixed    = "notice_mixed"      // one list of cases under different policies
	CodeNoticeEntry    = "notice_entry"      // an objection to an entry the list lacks
	CodeNoticeNotHeld  = "notice_not_held"   // deciding a case no objection holds
	CodeNoticeNoEntry  = "notice_no_entries" // publishing an empty list
	MaxNoticeEntries   = 500                 // the most cases one list may publish
	MaxObjectionLength = 2000                // the longest objection text, in characters
)

// Publication is one published list of the public notice (公示): redemptions that passed
// review, under one policy, shown from From until Until (From plus the policy's notice
// days, in China Standard Time) with only the policy's public columns. Hash is the hex
// SHA-256 of the list's canonical encoding ([Publication.ListHash]); it is printed on the
// page and the PDF and written in the trail's "publish" entry, so a printed list can be
// checked against what was published.
type Publication struct {
	Filed
	Policy  policy.Ref      `json:"policy"`
	From    time.Time       `json:"from"`
	Until   time.Time       `json:"until"`
	Columns []policy.Column `json:"columns"`
	Entries []NoticeEntry   `json:"entries"`
	Hash    string          `json:"hash"`
	State   string          `json:"state"`
	// Paid and Held count the entries paid and held by objections when it was closed.
	Paid int `json:"paid,omitempty"`
	Held int `json:"held,omitempty"`
}

// NoticeEntry is one line of a published list. Case is the redemption it publishes: for
// the programme office only (the Service clears it for anyone else), and not part of the
// hash. The other fields are filled only for the policy's public columns.
type NoticeEntry struct {
	No         int       `json:"no"`
	Case       string    `json:"case,omitempty"`
	Enterprise string    `json:"enterprise,omitempty"`
	Product    string    `json:"product,omitempty"`
	Provider   string    `json:"provider,omitempty"`
	Amount     cxq.Money `json:"amount,omitzero"`
	// Objections counts the objections lodged against the entry; Outcome is what its
	// closing did: PayoutPaid or PayoutObjected.
	Objections int    `json:"objections,omitempty"`
	Outcome    string `json:"outcome,omitempty"`
}

// Cells returns what the entry shows under each of cols, as printed.
func (e NoticeEntry) Cells(cols []policy.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		switch c {
		case policy.ColumnEnterprise:
			out[i] = e.Enterprise
		case policy.ColumnProduct:
			out[i] = e.Product
		case policy.ColumnProvider:
			out[i] = e.Provider
		case policy.ColumnAmount:
			out[i] = e.Amount.String()
		}
	}
	return out
}

func (p *Publication) docKind() string    { return KindPublication }
func (p *Publication) docSubject() string { return p.Policy.ID }
func (p *Publication) docState() string   { return p.State }

// Open reports whether objections may still be lodged at t: published and t before Until.
func (p Publication) Open(t time.Time) bool { return p.State == PublicationOpen && t.Before(p.Until) }

// Entry returns the entry numbered no.
func (p Publication) Entry(no int) (NoticeEntry, bool) {
	if no < 1 || no > len(p.Entries) {
		return NoticeEntry{}, false
	}
	return p.Entries[no-1], true
}

// ListHash returns the hex SHA-256 of the list as the public sees it: the policy, the
// period (RFC 3339 in China Standard Time), the columns and each entry's number and
// public columns, encoded as JSON in that order. Objections, outcomes and case IDs are
// not part of it, so the hash printed at publication stays the list's.
func (p Publication) ListHash() string {
	type line struct {
		No         int    `json:"no"`
		Enterprise string `json:"enterprise,omitempty"`
		Product    string `json:"product,omitempty"`
		Provider   string `json:"provider,omitempty"`
		Amount     string `json:"amount,omitempty"`
	}
	list := struct {
		Policy  string          `json:"policy"`
		From    string          `json:"from"`
		Until   string          `json:"until"`
		Columns []policy.Column `json:"columns"`
		Entries []line          `json:"entries"`
	}{Policy: p.Policy.String(), From: p.From.In(cxq.China()).Format(time.RFC3339),
		Until: p.Until.In(cxq.China()).Format(time.RFC3339), Columns: p.Columns, Entries: []line{}}
	for _, e := range p.Entries {
		l := line{No: e.No, Enterprise: e.Enterprise, Product: e.Product, Provider: e.Provider}
		if slices.Contains(p.Columns, policy.ColumnAmount) {
			l.Amount = e.Amount.String()
		}
		list.Entries = append(list.Entries, l)
	}
	b, _ := json.Marshal(list) // strings, ints and a slice of them always encode
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Public returns the list as anyone may see it: without the cases' IDs.
func (p Publication) Public() Publication {
	p.Entries = append([]NoticeEntry(nil), p.Entries...)
	for i := range p.Entries {
		p.Entries[i].Case = ""
	}
	return p
}

// Objection is an objection (异议) lodged against one entry of a published list, by
// anyone: Name and Contact are optional and never shown publicly; By is the signed-in
// person's ID, when there was one. Case is the entry's redemption.
type Objection struct {
	Filed
	Publication string `json:"publication"`
	Entry       int    `json:"entry"`
	Case        string `json:"case"`
	Text        string `json:"text"`
	Name        string `json:"name,omitempty"`
	Contact     string `json:"contact,omitempty"`
	By          string `json:"by,omitempty"`
}

func (o *Objection) docKind() string    { return KindObjection }
func (o *Objection) docSubject() string { return o.Publication }
func (o *Objection) docState() string   { return "lodged" }

// The states of a redemption's [Payout].
const (
	PayoutAwaiting = "awaiting_notice" // passed review; to be published
	PayoutInNotice = "in_notice"       // on a published list
	PayoutObjected = "objected"        // objected to: held for the programme office's decision
	PayoutPaid     = "paid"            // paid after the notice, or the office dismissed the objections
	PayoutRefused  = "refused"         // the office upheld an objection: not paid
)

// Paid reports whether the redemption's actual amount was paid: it passed review under
// a policy without a public notice, or its notice (or the office) let it be paid.
func (r Redemption) Paid() bool {
	_, approved := r.Approved()
	return approved && (r.Payout == nil || r.Payout.State == PayoutPaid)
}

// PayoutPending reports whether a public notice holds the payout of the redemption,
// which passed review: awaiting its list, on it, or held by an objection.
func (r Redemption) PayoutPending() bool {
	return r.Payout != nil && (r.Payout.State == PayoutAwaiting || r.Payout.State == PayoutInNotice || r.Payout.State == PayoutObjected)
}

// Text is the payout's state as the enterprise is told it.
func (p Payout) Text() cxq.Text {
	switch p.State {
	case PayoutAwaiting:
		return cxq.T("评审通过，待公示", "passed review; awaiting public notice")
	case PayoutInNotice:
		return cxq.T("公示中", "under public notice")
	case PayoutObjected:
		return cxq.T("公示有异议，暂缓兑现", "objected to in the public notice; payout held")
	case PayoutPaid:
		return cxq.T("公示期满，已兑现", "paid after the public notice")
	case PayoutRefused:
		return cxq.T("公示异议成立，不予兑现", "not paid: an objection was upheld")
	}
	return cxq.T(p.State, p.State)
}

// Payout is where the payment of a redemption that passed review stands under a policy
// with a public notice (公示); a redemption under a policy without one has none (it is
// paid when it passes review).
type Payout struct {
	State       string `json:"state"`
	Publication string `json:"publication,omitempty"`
	Entry       int    `json:"entry,omitempty"`
	Objections  int    `json:"objections,omitempty"`
	Opinion     string `json:"opinion,omitempty"` // the office's, deciding a held case
}
