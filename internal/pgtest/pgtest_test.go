package pgtest_test

import (
	"context"
	"testing"

	"github.com/cxqkit/cxq/internal/pgtest"
)

// TestSelectOne proves the path from .ci/run to a live server.
func TestSelectOne(t *testing.T) {
	db := pgtest.Open(t)
	var one int
	if err := db.QueryRowContext(context.Background(), "SELECT 1").Scan(&one); err != nil {
		t.Fatalf("SELECT 1: %v", err)
	}
	if one != 1 {
		t.Fatalf("SELECT 1 returned %d", one)
	}
}
