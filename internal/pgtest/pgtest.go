package pgtest

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// EnvVar names the environment variable holding the connection URL.
const EnvVar = "CXQ_TEST_POSTGRES"

// URL returns the connection URL of the test server, or skips the test when none is
// configured (fails under CI=true).
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvVar)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: .ci/run must start PostgreSQL", EnvVar)
		}
		t.Skipf("%s not set; skipping PostgreSQL test (run .ci/run to get a server)", EnvVar)
	}
	return u
}

// Open connects to the test server through pgx's database/sql driver, checks the
// connection and closes it when the test ends.
func Open(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", URL(t))
	if err != nil {
		t.Fatalf("pgtest: open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("pgtest: ping %s: %v", EnvVar, err)
	}
	return db
}
