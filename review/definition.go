package review

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"

	"github.com/cxqkit/cxq"
)

// Definition is a workflow as plain data: what is stored, diffed and shipped as JSON.
// [NewWorkflow] checks it and builds a [Workflow]; a Definition itself is never run.
type Definition struct {
	ID      string   `json:"id"`      // e.g. "tianjin-application"
	Version int      `json:"version"` // ≥ 1; a case is always run by the version it was opened under
	Name    cxq.Text `json:"name"`
	// Initial is the state a new case starts in.
	Initial State `json:"initial"`
	// Applicant is the role of the party that owns the case (the enterprise). Its actions
	// (submit, resubmit, withdraw) do not count for separation of duties.
	Applicant   Role         `json:"applicant"`
	Actions     []ActionInfo `json:"actions"`
	Stages      []Stage      `json:"stages"`
	Transitions []Transition `json:"transitions"`
}

// ActionInfo declares an action and its button label. A transition may only use
// declared actions, so a misspelt action is an error at construction.
type ActionInfo struct {
	Action Action   `json:"action"`
	Label  cxq.Text `json:"label"` // e.g. {"退回修改", "Return for revision"}
}

// Stage is one state of a workflow.
type Stage struct {
	State State `json:"state"`
	// Label names the stage for reviewers, e.g. 区初审.
	Label cxq.Text `json:"label"`
	// Status is the text the enterprise sees while the case is in this state, exactly as
	// the portal shows it, e.g. 复审通过.
	Status cxq.Text `json:"status"`
	// Role may act in this state; required unless the stage is terminal. A transition
	// may name another role (the enterprise withdrawing during a review).
	Role Role `json:"role,omitempty"`
	// Scope narrows which holders of Role may act on a given case.
	Scope Scope `json:"scope,omitempty"`
	// Terminal stages end the case; no transition may leave them.
	Terminal bool `json:"terminal,omitempty"`
	// Outcome is required on terminal stages and forbidden elsewhere.
	Outcome Outcome `json:"outcome,omitempty"`
	// Tags are labels for the caller, e.g. TagExport.
	Tags []string `json:"tags,omitempty"`
}

// HasTag reports whether the stage carries tag.
func (s Stage) HasTag(tag string) bool { return slices.Contains(s.Tags, tag) }

// Transition moves a case from one state to another when an actor fires Action.
type Transition struct {
	From   State  `json:"from"`
	Action Action `json:"action"`
	To     State  `json:"to"`
	// Role overrides the role of the From stage for this transition; Scope applies only
	// when Role is set.
	Role  Role  `json:"role,omitempty"`
	Scope Scope `json:"scope,omitempty"`
	// Opinion: the actor must give an opinion (审核意见), e.g. to return or reject.
	Opinion bool `json:"opinion,omitempty"`
	// Sets lists the input fields this transition accepts; their values are stored into
	// the case's facts. Any other field in the input is refused.
	Sets []string `json:"sets,omitempty"`
	// Guards run in order; the first refusal stops the transition.
	Guards []GuardCall `json:"guards,omitempty"`
}

// GuardCall names a registered guard and the parameters it is called with.
type GuardCall struct {
	Name   string            `json:"name"`
	Params map[string]string `json:"params,omitempty"`
}

// Clone returns a deep copy of d.
func (d Definition) Clone() Definition {
	c := d
	c.Actions = slices.Clone(d.Actions)
	c.Stages = slices.Clone(d.Stages)
	for i := range c.Stages {
		c.Stages[i].Tags = slices.Clone(c.Stages[i].Tags)
	}
	c.Transitions = slices.Clone(d.Transitions)
	for i := range c.Transitions {
		t := &c.Transitions[i]
		t.Sets = slices.Clone(t.Sets)
		t.Guards = slices.Clone(t.Guards)
		for j := range t.Guards {
			t.Guards[j].Params = maps.Clone(t.Guards[j].Params)
		}
	}
	return c
}

// ParseDefinition reads a definition from JSON, refusing unknown fields so that a
// misspelt key is an error rather than a silently missing rule.
func ParseDefinition(b []byte) (Definition, error) {
	var d Definition
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Definition{}, &DefinitionError{Problem: ProblemBadJSON, Detail: err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return Definition{}, &DefinitionError{Workflow: d.ID, Problem: ProblemBadJSON, Detail: "data after the definition"}
	}
	return d, nil
}
