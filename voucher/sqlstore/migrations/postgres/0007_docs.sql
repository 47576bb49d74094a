-- The records of the programme's operations (voucher.Doc): budgets, sanctions, returns,
-- published notices, spot checks. data is the record's JSON, byte for byte as the Service
-- encoded it (its audit entry commits to the hash of those bytes); kind, subject and state
-- are what lists select on; created is Unix microseconds.
CREATE TABLE docs (
	kind       TEXT NOT NULL,
	id         TEXT NOT NULL,
	subject    TEXT NOT NULL,
	state      TEXT NOT NULL,
	version    BIGINT NOT NULL,
	created    BIGINT NOT NULL,
	audit_head TEXT NOT NULL,
	audit_seq  BIGINT NOT NULL,
	data       TEXT NOT NULL,
	PRIMARY KEY (kind, id)
);
CREATE INDEX docs_subject ON docs (kind, subject, created);
