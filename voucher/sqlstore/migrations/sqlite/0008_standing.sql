-- An application's standing (voucher.Application.Standing): its review state, or
-- voucher_returned, voucher_expired or voucher_returning once its voucher ended or is
-- ending outside review. Lists filter 状态 on it, so that 复审通过 no longer lists a
-- returned or expired voucher. Existing rows take it from their record.
ALTER TABLE applications ADD COLUMN standing TEXT NOT NULL DEFAULT '';
UPDATE applications SET standing = CASE
	WHEN json_extract(data, '$.ended') = 'returned' THEN 'voucher_returned'
	WHEN coalesce(json_extract(data, '$.ended'), '') <> '' THEN 'voucher_expired'
	WHEN coalesce(json_extract(data, '$.returning'), '') <> '' THEN 'voucher_returning'
	ELSE state END;
