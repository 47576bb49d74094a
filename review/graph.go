package review

import (
	"fmt"
	"slices"
	"strings"
)

// DOT returns the workflow as a Graphviz digraph. Nodes are sorted by state and edges by
// (from, action), so the output is stable and diffable. A node shows the status text
// the enterprise sees, the state and who acts; an edge shows the action, "+意见" when an
// opinion is required, the role when it differs from the stage's, and the guards.
func (w *Workflow) DOT() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %q {\n", w.def.ID)
	b.WriteString("\trankdir=LR;\n\tnode [shape=box, style=rounded, fontname=\"sans-serif\"];\n")
	b.WriteString("\tedge [fontname=\"sans-serif\", fontsize=10];\n")
	fmt.Fprintf(&b, "\tlabel=%q;\n", fmt.Sprintf("%s (%s v%d)", w.def.Name.ZH, w.def.ID, w.def.Version))
	b.WriteString("\t\"__start\" [shape=point, label=\"\"];\n")
	for _, s := range w.sortedStages() {
		shape := ""
		if s.Terminal {
			shape = ", shape=doublecircle, style=\"\""
		}
		fmt.Fprintf(&b, "\t%q [label=%q%s];\n", s.State, strings.Join(nodeLines(s), "\n"), shape)
	}
	fmt.Fprintf(&b, "\t\"__start\" -> %q;\n", w.def.Initial)
	for _, t := range w.sortedTransitions() {
		fmt.Fprintf(&b, "\t%q -> %q [label=%q];\n", t.From, t.To, w.edgeLabel(t))
	}
	b.WriteString("}\n")
	return b.String()
}

// Mermaid returns the workflow as a Mermaid stateDiagram-v2, sorted like DOT.
func (w *Workflow) Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	for _, s := range w.sortedStages() {
		fmt.Fprintf(&b, "    state \"%s\" as %s\n", mermaidText(strings.Join(nodeLines(s), " · ")), s.State)
	}
	fmt.Fprintf(&b, "    [*] --> %s\n", w.def.Initial)
	for _, t := range w.sortedTransitions() {
		fmt.Fprintf(&b, "    %s --> %s : %s\n", t.From, t.To, mermaidText(w.edgeLabel(t)))
	}
	for _, s := range w.sortedStages() {
		if s.Terminal {
			fmt.Fprintf(&b, "    %s --> [*]\n", s.State)
		}
	}
	return b.String()
}

func nodeLines(s Stage) []string {
	lines := []string{s.Status.ZH, string(s.State)}
	if !s.Terminal {
		who := string(s.Role)
		if s.Scope != ScopeAny {
			who += "/" + string(s.Scope)
		}
		lines = append(lines, who)
	}
	return lines
}

func (w *Workflow) edgeLabel(t Transition) string {
	l := string(t.Action)
	if t.Opinion {
		l += " +意见"
	}
	if t.Role != "" {
		l += " by " + string(t.Role)
	}
	if len(t.Guards) > 0 {
		names := make([]string, len(t.Guards))
		for i, g := range t.Guards {
			names[i] = g.Name
		}
		l += " [" + strings.Join(names, ", ") + "]"
	}
	return l
}

// mermaidText drops the characters Mermaid gives a meaning to inside labels.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "'", ":", " ", ";", ",", "\n", " ").Replace(s)
}

func (w *Workflow) sortedStages() []Stage {
	out := slices.Clone(w.def.Stages)
	slices.SortFunc(out, func(a, b Stage) int { return strings.Compare(string(a.State), string(b.State)) })
	return out
}

func (w *Workflow) sortedTransitions() []Transition {
	out := slices.Clone(w.def.Transitions)
	slices.SortFunc(out, func(a, b Transition) int {
		if c := strings.Compare(string(a.From), string(b.From)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Action), string(b.Action))
	})
	return out
}
