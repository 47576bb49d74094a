package sqlstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/pgtest"
	"github.com/cxqkit/cxq/voucher/sqlstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// withUser returns dsn connecting as user, in schema.
func withUser(t *testing.T, dsn, user, schema string) string {
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	u.User = url.User(user)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// The owner migrates, the runtime role runs the service, and the runtime role cannot
// touch the audit trail except to append to it: no DROP or DISABLE of its triggers, no
// UPDATE, DELETE or TRUNCATE of its rows.
func TestPostgresRuntimeRoleCannotRewriteTheTrail(t *testing.T) {
	base := pgtest.URL(t)
	admin := pgtest.Open(t)
	ctx := context.Background()
	var b [4]byte
	_, _ = rand.Read(b[:])
	sfx := hex.EncodeToString(b[:])
	owner, runtime, schema := "cxq_owner_"+sfx, "cxq_runtime_"+sfx, "cxq_roles_"+sfx
	var cleanup []string
	if o, r := roleOf(t, "CXQ_TEST_POSTGRES_OWNER"), roleOf(t, "CXQ_TEST_POSTGRES_RUNTIME"); o != "" && r != "" {
		owner, runtime = o, r // the roles .ci/run made, as a deployment would
	} else {
		for _, q := range []string{`CREATE ROLE ` + owner + ` LOGIN`, `CREATE ROLE ` + runtime + ` LOGIN`} {
			_, err := admin.ExecContext(ctx, q)
			require.NoError(t, err, q)
		}
		cleanup = []string{`DROP OWNED BY ` + runtime, `DROP ROLE ` + runtime, `DROP ROLE ` + owner}
	}
	_, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema+` AUTHORIZATION `+owner)
	require.NoError(t, err)
	t.Cleanup(func() {
		for _, q := range append([]string{`DROP SCHEMA ` + schema + ` CASCADE`}, cleanup...) {
			_, _ = admin.ExecContext(ctx, q)
		}
	})
	require.NoError(t, sqlstore.Migrate(ctx, withUser(t, base, owner, schema), runtime))
	checkRuntimeRole(t, withUser(t, base, runtime, schema))
}

// roleOf returns the user of the DSN in the environment variable, if set.
func roleOf(t *testing.T, env string) string {
	dsn := os.Getenv(env)
	if dsn == "" {
		return ""
	}
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	return u.User.Username()
}

func checkRuntimeRole(t *testing.T, runtimeDSN string) {
	ctx := context.Background()
	_, err := sqlstore.Open(ctx, runtimeDSN, nil)
	require.Error(t, err, "the runtime role cannot migrate")
	st, err := sqlstore.Open(ctx, runtimeDSN, &sqlstore.Options{SkipMigrate: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	w := storetest.NewWorld(t, st)
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	w.Redeem(app.ID, "9099.00", "4000.00")
	require.NoError(t, w.Svc.VerifyAudit(ctx))

	for _, q := range []string{
		`DROP TRIGGER audit_append_only ON audit`,
		`ALTER TABLE audit DISABLE TRIGGER audit_append_only`,
		`UPDATE audit SET note = 'edited'`,
		`DELETE FROM audit`,
		`TRUNCATE audit`,
		`DROP TABLE audit`,
	} {
		_, err := st.DB().ExecContext(ctx, q)
		require.Error(t, err, "the runtime role may not run %s", q)
	}
	var n int
	require.NoError(t, st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit`).Scan(&n))
	require.Greater(t, n, 5)
}
