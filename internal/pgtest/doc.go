// Package pgtest gives tests the PostgreSQL server that .ci/run starts.
//
// Tests that need PostgreSQL call [URL] (or [Open]). When CXQ_TEST_POSTGRES is unset they
// skip, so `go test ./...` works on a machine with only Go installed; under CI=true a
// missing database fails the test instead, so CI can never pass by skipping.
//
// It holds the connection helpers only and imports testing, database/sql and the pgx
// driver. It must never import a package of cxq, so every package's tests can use it,
// and must never be imported by non-test code.
package pgtest
