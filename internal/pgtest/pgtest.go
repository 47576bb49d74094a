package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
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

// SchemaURL returns the URL of the test server with a new, empty schema as its
// search_path, dropped when the test ends, so tests that run at once (or one run after
// another) never see each other's tables. It skips like URL.
func SchemaURL(t testing.TB) string {
	t.Helper()
	base := URL(t)
	admin := Open(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "cxq_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("pgtest: create schema: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("pgtest: %s: %v", EnvVar, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
