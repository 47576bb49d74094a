package review

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cxqkit/cxq"
)

// kindError is a sentinel that also matches a kernel sentinel.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// Sentinels. Each matches the kernel sentinel named in its comment through errors.Is.
var (
	// ErrNotAllowed: the action is not possible in the case's current state (cxq.ErrConflict).
	ErrNotAllowed error = &kindError{"review: action not allowed in this state", cxq.ErrConflict}
	// ErrRole: the actor does not hold the role the stage requires (cxq.ErrForbidden).
	ErrRole error = &kindError{"review: actor lacks the required role", cxq.ErrForbidden}
	// ErrScope: the case is outside the actor's organisation, district or assignments
	// (cxq.ErrForbidden).
	ErrScope error = &kindError{"review: case outside the actor's scope", cxq.ErrForbidden}
	// ErrSeparationOfDuties: the person already acted on another stage of the same case, in
	// this or an earlier round (cxq.ErrForbidden).
	ErrSeparationOfDuties error = &kindError{"review: actor already acted on another stage of this case", cxq.ErrForbidden}
	// ErrGuardFailed: a guard of the transition refused it. The *GuardError carrying it
	// also wraps the guard's own reason, which may match cxq.ErrInvalid or cxq.ErrConflict.
	ErrGuardFailed = errors.New("review: guard failed")
	// ErrBadWorkflow: a workflow definition cannot be built (cxq.ErrInvalid).
	ErrBadWorkflow error = &kindError{"review: invalid workflow definition", cxq.ErrInvalid}
	// ErrBadCase: the case does not belong to the workflow or its state, version and
	// history disagree (cxq.ErrConflict).
	ErrBadCase error = &kindError{"review: case inconsistent with its workflow or history", cxq.ErrConflict}
)

// TransitionError reports an action that the workflow does not offer in state From.
// It matches ErrNotAllowed and cxq.ErrConflict.
type TransitionError struct {
	Workflow string `json:"workflow"`
	From     State  `json:"from"`
	Action   Action `json:"action"`
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("review: %s: action %q not allowed in state %q", e.Workflow, e.Action, e.From)
}

// Unwrap returns ErrNotAllowed.
func (e *TransitionError) Unwrap() error { return ErrNotAllowed }

// ForbiddenError reports an actor who may not fire Action in From. Err is ErrRole,
// ErrScope or ErrSeparationOfDuties; all match cxq.ErrForbidden.
type ForbiddenError struct {
	From   State  `json:"from"`
	Action Action `json:"action"`
	Actor  string `json:"actor"`
	Role   Role   `json:"role"`  // the role the transition requires
	Scope  Scope  `json:"scope"` // the scope the transition requires
	// Stage is, for ErrSeparationOfDuties, the other stage the actor acted on.
	Stage State `json:"stage,omitempty"`
	Err   error `json:"-"`
}

func (e *ForbiddenError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v: %q may not %s in %q", e.Err, e.Actor, e.Action, e.From)
	switch {
	case errors.Is(e.Err, ErrRole):
		fmt.Fprintf(&b, " (requires role %q)", e.Role)
	case errors.Is(e.Err, ErrScope):
		fmt.Fprintf(&b, " (requires scope %q)", e.Scope)
	case errors.Is(e.Err, ErrSeparationOfDuties):
		fmt.Fprintf(&b, " (already acted on %q)", e.Stage)
	}
	return b.String()
}

// Unwrap returns Err.
func (e *ForbiddenError) Unwrap() error { return e.Err }

// GuardError reports a guard that refused a transition. It matches ErrGuardFailed and
// whatever the guard's reason Err matches (a *cxq.FieldError for bad input, an error
// wrapping cxq.ErrConflict when the case is not ready, e.g. no quorum yet).
type GuardError struct {
	Guard  string `json:"guard"`
	From   State  `json:"from"`
	Action Action `json:"action"`
	Err    error  `json:"-"`
}

func (e *GuardError) Error() string {
	return fmt.Sprintf("review: guard %q refused %s in %q: %v", e.Guard, e.Action, e.From, e.Err)
}

// Unwrap returns ErrGuardFailed and the guard's reason.
func (e *GuardError) Unwrap() []error { return []error{ErrGuardFailed, e.Err} }

// Reason renders the guard's reason in lang: the message of a *cxq.FieldError or
// *cxq.ValidationError when the reason is one, else the error text.
func (e *GuardError) Reason(lang cxq.Lang) string {
	var ve *cxq.ValidationError
	if errors.As(e.Err, &ve) {
		return ve.Message(lang)
	}
	var fe *cxq.FieldError
	if errors.As(e.Err, &fe) {
		return fe.Message(lang)
	}
	return e.Err.Error()
}

// Problem classifies what is wrong with a workflow definition.
type Problem string

// The problems NewWorkflow reports.
const (
	ProblemBadJSON             Problem = "bad_json"             // the JSON does not parse, or has unknown keys
	ProblemMissingID           Problem = "missing_id"           // no ID, or version < 1
	ProblemDuplicateState      Problem = "duplicate_state"      // two stages with the same state
	ProblemUnknownState        Problem = "unknown_state"        // initial state or a transition end is not a stage
	ProblemUnknownAction       Problem = "unknown_action"       // a transition uses an undeclared action
	ProblemDuplicateAction     Problem = "duplicate_action"     // an action declared twice
	ProblemUnknownGuard        Problem = "unknown_guard"        // a guard name not in the registry
	ProblemGuardParams         Problem = "guard_params"         // the guard rejects its parameters
	ProblemDuplicateTransition Problem = "duplicate_transition" // two transitions for one (state, action)
	ProblemTerminalExit        Problem = "terminal_exit"        // a transition leaves a terminal stage
	ProblemNoRole              Problem = "no_role"              // a non-terminal stage names no role
	ProblemBadScope            Problem = "bad_scope"            // an unknown scope
	ProblemBadOutcome          Problem = "bad_outcome"          // terminal without outcome, or outcome on a non-terminal stage
	ProblemUnreachable         Problem = "unreachable"          // no path from the initial state
	ProblemDeadEnd             Problem = "dead_end"             // a non-terminal stage with no way out
	ProblemNoApplicant         Problem = "no_applicant"         // the applicant role is missing
)

// DefinitionError is one problem found while building a workflow. NewWorkflow returns
// every problem found, joined; errors.As finds the first. It matches ErrBadWorkflow and
// cxq.ErrInvalid.
type DefinitionError struct {
	Workflow string  `json:"workflow"`
	Problem  Problem `json:"problem"`
	State    State   `json:"state,omitempty"`
	Action   Action  `json:"action,omitempty"`
	Guard    string  `json:"guard,omitempty"`
	Detail   string  `json:"detail,omitempty"`
}

func (e *DefinitionError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "review: workflow %q: %s", e.Workflow, e.Problem)
	if e.State != "" {
		fmt.Fprintf(&b, " state=%q", e.State)
	}
	if e.Action != "" {
		fmt.Fprintf(&b, " action=%q", e.Action)
	}
	if e.Guard != "" {
		fmt.Fprintf(&b, " guard=%q", e.Guard)
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

// Unwrap returns ErrBadWorkflow.
func (e *DefinitionError) Unwrap() error { return ErrBadWorkflow }
