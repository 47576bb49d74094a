package attachment

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/cxqkit/cxq"
)

// With every turn taken, a check waits, and gives up when its context ends; once a turn
// is free it runs.
func TestTurnsLimitChecks(t *testing.T) {
	t.Parallel()
	c := NewChecker(&Options{MaxConcurrent: 2})
	if cap(c.turns) != 2 || cap(NewChecker(nil).turns) != DefaultMaxConcurrent {
		t.Fatalf("turns %d, default %d", cap(c.turns), cap(NewChecker(nil).turns))
	}
	c.turns <- struct{}{}
	c.turns <- struct{}{}
	s := Slot{Name: "x", Label: cxq.T("附件", "attachment"), Limit: MB, Types: []Type{PDF}}
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.CheckContext(ctx, s, "a.pdf", bytes.NewReader(pdf)); err == nil || ctx.Err() == nil {
		t.Fatalf("a check ran with no turn free: %v", err)
	}
	<-c.turns
	if _, err := c.CheckContext(context.Background(), s, "a.pdf", bytes.NewReader(pdf)); err != nil {
		t.Fatal(err)
	}
	if len(c.turns) != 1 {
		t.Fatalf("the check kept its turn: %d taken", len(c.turns))
	}
}
