-- The number of claims on a quota (the re-claim and first-claim rules count them) and a
-- ban recorded by the deadline rules (JSON of voucher.Ban, '' for none).
ALTER TABLE quotas ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quotas ADD COLUMN ban TEXT NOT NULL DEFAULT '';
