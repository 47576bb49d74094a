-- The audit trail becomes one chain: every entry's position in it (pos, from 1), the
-- hash of the entry before it (chain) and the hash of the record's content right after
-- the change it records (content). audit_tail names the last entry; appends take it in
-- order. Entries written before this migration carry pos 0 and do not verify.
ALTER TABLE audit ADD COLUMN pos BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN chain TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN content TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX audit_pos ON audit (pos) WHERE pos > 0;
CREATE TABLE audit_tail (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	pos  BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_tail (id, pos, hash) VALUES (1, 0, '');
