-- Records are stored as JSON (data); the columns beside it are what queries, indexes and
-- constraints need. Money columns hold integer fen; times are Unix microseconds.
CREATE TABLE orders (
	id            TEXT PRIMARY KEY,
	enterprise_id TEXT NOT NULL,
	provider_id   TEXT NOT NULL,
	version       BIGINT NOT NULL,
	created       BIGINT NOT NULL,
	audit_head    TEXT NOT NULL,
	data          TEXT NOT NULL
);
CREATE INDEX orders_enterprise ON orders (enterprise_id, created);
CREATE INDEX orders_provider ON orders (provider_id, created);

CREATE TABLE applications (
	id            TEXT PRIMARY KEY,
	order_id      TEXT NOT NULL,
	live_order    TEXT UNIQUE, -- order_id while the application is live, NULL after
	enterprise_id TEXT NOT NULL,
	product       TEXT NOT NULL,
	provider      TEXT NOT NULL,
	state         TEXT NOT NULL,
	district      TEXT NOT NULL,
	assignee      TEXT NOT NULL,
	amount_fen    BIGINT NOT NULL,
	created       BIGINT NOT NULL,
	since         BIGINT NOT NULL,
	version       BIGINT NOT NULL,
	audit_head    TEXT NOT NULL,
	data          TEXT NOT NULL
);
CREATE INDEX applications_enterprise ON applications (enterprise_id, created);
CREATE INDEX applications_queue ON applications (state, district, since);
CREATE INDEX applications_assignee ON applications (assignee, state, since);
CREATE INDEX applications_order ON applications (order_id);

CREATE TABLE redemptions (
	id               TEXT PRIMARY KEY,
	application_id   TEXT NOT NULL,
	live_application TEXT UNIQUE, -- application_id while the redemption is live
	order_id         TEXT NOT NULL,
	enterprise_id    TEXT NOT NULL,
	product          TEXT NOT NULL,
	provider         TEXT NOT NULL,
	state            TEXT NOT NULL,
	district         TEXT NOT NULL,
	assignee         TEXT NOT NULL,
	actual_fen       BIGINT NOT NULL,
	created          BIGINT NOT NULL,
	since            BIGINT NOT NULL,
	version          BIGINT NOT NULL,
	audit_head       TEXT NOT NULL,
	data             TEXT NOT NULL
);
CREATE INDEX redemptions_enterprise ON redemptions (enterprise_id, created);
CREATE INDEX redemptions_queue ON redemptions (state, district, since);
CREATE INDEX redemptions_assignee ON redemptions (assignee, state, since);
CREATE INDEX redemptions_application ON redemptions (application_id);

CREATE TABLE invoices (
	invoice_key   TEXT PRIMARY KEY,
	redemption_id TEXT NOT NULL
);

CREATE TABLE quotas (
	enterprise_id TEXT NOT NULL,
	policy_id     TEXT NOT NULL,
	year          INTEGER NOT NULL,
	cap_fen       BIGINT NOT NULL,
	reserved_fen  BIGINT NOT NULL,
	consumed_fen  BIGINT NOT NULL,
	PRIMARY KEY (enterprise_id, policy_id, year),
	CHECK (reserved_fen >= 0 AND consumed_fen >= 0 AND reserved_fen + consumed_fen <= cap_fen)
);

CREATE TABLE audit (
	stream     TEXT NOT NULL,
	seq        BIGINT NOT NULL,
	at         BIGINT NOT NULL,
	actor      TEXT NOT NULL,
	role       TEXT NOT NULL,
	action     TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state   TEXT NOT NULL,
	note       TEXT NOT NULL,
	prev       TEXT NOT NULL,
	hash       TEXT NOT NULL,
	PRIMARY KEY (stream, seq)
);
CREATE FUNCTION cxq_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'cxq: the audit trail is append-only';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
	FOR EACH STATEMENT EXECUTE FUNCTION cxq_audit_append_only();

CREATE TABLE idempotency (
	actor_id TEXT NOT NULL,
	key      TEXT NOT NULL,
	op       TEXT NOT NULL,
	request  TEXT NOT NULL,
	result   TEXT NOT NULL,
	at       BIGINT NOT NULL,
	PRIMARY KEY (actor_id, key)
);
