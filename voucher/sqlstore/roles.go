package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"

	"github.com/cxqkit/cxq"
)

// roleName is what a PostgreSQL role name may be when Migrate names it in SQL.
var roleName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// Migrate applies the migrations as the schema's owner (ownerDSN, a postgres:// URL) and
// grants runtime — the role the service connects as — exactly what the Store needs:
// reading and writing the records, quotas, invoices and idempotency records, reading and
// appending to the audit trail and moving its tail, and nothing else. The runtime role
// then owns no table, so it cannot drop or disable the audit triggers, nor update,
// delete or truncate audit rows; open the Store with it and Options.SkipMigrate.
//
// Two DSNs, then: the owner's for Migrate (at deployment), the runtime role's for Open.
func Migrate(ctx context.Context, ownerDSN, runtime string) error {
	if !roleName.MatchString(runtime) {
		return fmt.Errorf("sqlstore: %q is not a plain role name: %w", runtime, cxq.ErrInvalid)
	}
	st, err := Open(ctx, ownerDSN, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.dialect != Postgres {
		return fmt.Errorf("sqlstore: Migrate with a runtime role is for PostgreSQL: %w", cxq.ErrInvalid)
	}
	return grantRuntime(ctx, st.db, runtime)
}

func grantRuntime(ctx context.Context, db *sql.DB, role string) error {
	var schema string
	if err := db.QueryRowContext(ctx, `SELECT quote_ident(current_schema())`).Scan(&schema); err != nil {
		return fmt.Errorf("sqlstore: current schema: %w", err)
	}
	for _, q := range []string{
		`GRANT USAGE ON SCHEMA ` + schema + ` TO ` + role,
		`REVOKE ALL ON ALL TABLES IN SCHEMA ` + schema + ` FROM ` + role,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON orders, applications, redemptions, invoices, quotas, idempotency, uploads TO ` + role,
		`GRANT SELECT ON cxq_schema TO ` + role,
		`GRANT SELECT, INSERT ON audit TO ` + role,
		`GRANT SELECT, UPDATE ON audit_tail TO ` + role,
		`GRANT SELECT, INSERT, UPDATE ON notices, messages, docs TO ` + role,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlstore: grant %s: %w", role, err)
		}
	}
	return nil
}
