package review

import (
	"maps"
	"slices"
	"time"
)

// Case is one item under review (an application or a redemption) as the engine sees it:
// plain data a store persists as it is. The only way to a new state is [Workflow.Fire],
// which returns the next Case; Fire refuses a case whose state, version and history
// disagree.
type Case struct {
	ID              string `json:"id"`
	Workflow        string `json:"workflow"`
	WorkflowVersion int    `json:"workflow_version"`
	// Owner is the organisation that owns the case (the enterprise's ID).
	Owner string `json:"owner"`
	// District is the owner's district, snapshotted when the case was opened; district
	// reviewers act only on cases of their own district.
	District string `json:"district"`
	State    State  `json:"state"`
	// Version counts the transitions so far; it equals len(History) and is what a store
	// compares-and-sets on.
	Version int64 `json:"version"`
	// Facts are values the reviewers' guards read (e.g. "claimed_amount") and values the
	// transitions set (e.g. "actual_amount").
	Facts   map[string]string `json:"facts,omitempty"`
	History []AuditEntry      `json:"history"`
}

// Opening is what a new case is opened with.
type Opening struct {
	ID       string            // the case ID, chosen by the caller
	Owner    string            // the owning organisation (enterprise ID)
	District string            // the owner's district at opening
	Facts    map[string]string // e.g. {"claimed_amount": "9099.00"}; copied
}

// Clone returns a deep copy of c.
func (c Case) Clone() Case { return c.cloneWithRoom(0) }

// cloneWithRoom is Clone with room for extra more entries in the history, so that a
// transition appends its entry without copying the history a second time.
func (c Case) cloneWithRoom(extra int) Case {
	c.Facts = maps.Clone(c.Facts)
	if c.History != nil || extra > 0 {
		h := make([]AuditEntry, len(c.History), len(c.History)+extra)
		copy(h, c.History)
		c.History = h
	}
	for i := range c.History {
		c.History[i].Fields = maps.Clone(c.History[i].Fields)
	}
	return c
}

// Fact returns the fact named key.
func (c Case) Fact(key string) (string, bool) {
	v, ok := c.Facts[key]
	return v, ok
}

// Actor is the person firing an action, as the caller has authenticated them.
type Actor struct {
	ID    string `json:"id"`    // person ID; recorded in the audit entry
	Roles []Role `json:"roles"` // every role the person holds
	// Org is the organisation the person acts for (an enterprise's ID, for ScopeOwner).
	Org string `json:"org,omitempty"`
	// District is the reviewer's district (for ScopeDistrict).
	District    string       `json:"district,omitempty"`
	Assignments []Assignment `json:"assignments,omitempty"`
}

// Assignment gives a person a case: one stage of it, or every stage when State is empty.
type Assignment struct {
	Case  string `json:"case"`
	State State  `json:"state,omitempty"`
}

// HasRole reports whether a holds r.
func (a Actor) HasRole(r Role) bool { return slices.Contains(a.Roles, r) }

// AssignedTo reports whether a is assigned to case id in state s.
func (a Actor) AssignedTo(id string, s State) bool {
	for _, as := range a.Assignments {
		if as.Case == id && (as.State == "" || as.State == s) {
			return true
		}
	}
	return false
}

// Input is one action fired on a case.
type Input struct {
	Action Action `json:"action"`
	Actor  Actor  `json:"actor"`
	// Opinion is the reviewer's opinion (审核意见), required by some transitions.
	Opinion string `json:"opinion,omitempty"`
	// Time is when the action happens, from the caller's clock; required, and never
	// before the case's last entry. It is recorded in UTC at microsecond precision.
	Time time.Time `json:"time"`
	// Fields are values the transition accepts (see Transition.Sets), e.g.
	// {"actual_amount": "4000.00"}.
	Fields map[string]string `json:"fields,omitempty"`
}

// MaxOpinion is the longest opinion accepted, in characters.
const MaxOpinion = 2000
