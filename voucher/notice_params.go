package voucher

// PublishParams publishes the approved redemptions Redemptions (in that order, under one
// policy) as one public notice list.
type PublishParams struct {
	Key         string   `json:"-"`
	Redemptions []string `json:"redemptions"`
}

// ObjectParams lodges an objection (异议) against entry Entry (its number, from 1) of
// the list Publication. Name and Contact are optional and never shown publicly.
type ObjectParams struct {
	Key         string `json:"-"`
	Publication string `json:"publication"`
	Entry       int    `json:"entry"`
	Text        string `json:"text"`
	Name        string `json:"name,omitempty"`
	Contact     string `json:"contact,omitempty"`
}

// CloseNoticeParams closes the list ID once its period has ended.
type CloseNoticeParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
}

// DecideHeldParams is the programme office deciding a redemption an objection held: Pay
// dismisses the objections and pays it; otherwise it upholds them, with Opinion, and the
// redemption is not paid.
type DecideHeldParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Pay     bool   `json:"pay"`
	Opinion string `json:"opinion,omitempty"`
}
