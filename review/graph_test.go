package review_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files and the diagrams in doc.go")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	require.Equal(t, string(want), got, "run go test -update after checking the change")
}

func TestDiagramsGolden(t *testing.T) {
	for _, w := range shipped(t) {
		golden(t, w.ID()+".dot", w.DOT())
		golden(t, w.ID()+".mmd", w.Mermaid())
		require.Equal(t, w.DOT(), w.DOT(), "stable")
	}
}

func TestDiagramsSorted(t *testing.T) {
	t.Parallel()
	// Declaring the same workflow in another order gives the same diagrams.
	d := tianjinDef(t)
	for i, j := 0, len(d.Stages)-1; i < j; i, j = i+1, j-1 {
		d.Stages[i], d.Stages[j] = d.Stages[j], d.Stages[i]
	}
	for i, j := 0, len(d.Transitions)-1; i < j; i, j = i+1, j-1 {
		d.Transitions[i], d.Transitions[j] = d.Transitions[j], d.Transitions[i]
	}
	w, err := review.NewWorkflow(d, review.StandardGuards())
	require.NoError(t, err)
	require.Equal(t, review.TianjinApplication().DOT(), w.DOT())
	require.Equal(t, review.TianjinApplication().Mermaid(), w.Mermaid())
}

const (
	diagramsStart = "// # Diagrams\n"
	diagramsEnd   = "//\n// # Purity\n"
)

// docDiagrams renders the diagrams section of doc.go from the shipped workflows.
func docDiagrams(t *testing.T) string {
	var b strings.Builder
	b.WriteString(diagramsStart)
	b.WriteString("//\n// Generated from the shipped definitions (go test -update rewrites this section).\n")
	for _, w := range shipped(t) {
		b.WriteString("//\n// " + w.Name().ZH + " (" + w.ID() + "), Mermaid:\n//\n")
		for _, line := range strings.Split(strings.TrimRight(w.Mermaid(), "\n"), "\n") {
			b.WriteString("//\t" + line + "\n")
		}
	}
	return b.String()
}

func TestDocDiagrams(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	doc := string(src)
	start, end := strings.Index(doc, diagramsStart), strings.Index(doc, diagramsEnd)
	require.True(t, start >= 0 && end > start, "doc.go needs a # Diagrams section before # Purity")
	want := docDiagrams(t)
	if *update {
		doc = doc[:start] + want + doc[end:]
		require.NoError(t, os.WriteFile("doc.go", []byte(doc), 0o644))
		return
	}
	require.Equal(t, want, doc[start:end], "run go test -update")
}
