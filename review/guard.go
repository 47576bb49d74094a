package review

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
)

// GuardContext is what a guard sees: the case before the transition, the input, the
// transition and the parameters the workflow gave the guard. Guards must not modify it.
type GuardContext struct {
	Case       Case
	Input      Input
	Transition Transition
	Params     map[string]string
}

// Visit returns the time the case entered its current state and the entries recorded
// since then while it stayed there (self-transitions such as expert votes). An entry
// that leaves and re-enters the state (e.g. an objection reopening review) starts a new
// visit.
func (g GuardContext) Visit() (entered time.Time, stay []AuditEntry) {
	return visit(g.Case)
}

func visit(c Case) (time.Time, []AuditEntry) {
	h := c.History
	i := len(h)
	for i > 0 && h[i-1].From == c.State && h[i-1].To == c.State {
		i--
	}
	var entered time.Time
	if i > 0 {
		entered = h[i-1].Time
	}
	return entered, h[i:]
}

// Guard is a named check a transition may require. Check returns nil to allow the
// transition or an error saying why not; a *cxq.FieldError gives the reason in Chinese
// and English. CheckParams validates the parameters a workflow passes, when the
// workflow is built; when nil the guard takes no parameters.
type Guard struct {
	Name        string
	Doc         cxq.Text
	Check       func(GuardContext) error
	CheckParams func(params map[string]string) error
}

// Guards is a registry of guards, passed to [NewWorkflow]. It is immutable once built
// and safe for concurrent use.
type Guards struct {
	m map[string]Guard
}

// NewGuards builds a registry. Two guards with one name, an empty name or a nil Check
// are errors (matching cxq.ErrInvalid).
func NewGuards(gs ...Guard) (*Guards, error) {
	return (&Guards{}).With(gs...)
}

// With returns a new registry holding g's guards and gs.
func (g *Guards) With(gs ...Guard) (*Guards, error) {
	out := &Guards{m: map[string]Guard{}}
	if g != nil {
		maps.Copy(out.m, g.m)
	}
	for _, x := range gs {
		switch _, dup := out.m[x.Name]; {
		case x.Name == "":
			return nil, fmt.Errorf("review: guard without a name: %w", cxq.ErrInvalid)
		case x.Check == nil:
			return nil, fmt.Errorf("review: guard %q has no Check: %w", x.Name, cxq.ErrInvalid)
		case dup:
			return nil, fmt.Errorf("review: guard %q registered twice: %w", x.Name, cxq.ErrInvalid)
		}
		out.m[x.Name] = x
	}
	return out, nil
}

// Lookup returns the guard registered under name.
func (g *Guards) Lookup(name string) (Guard, bool) {
	if g == nil {
		return Guard{}, false
	}
	x, ok := g.m[name]
	return x, ok
}

// Names returns the registered names, sorted.
func (g *Guards) Names() []string {
	if g == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(g.m))
}
