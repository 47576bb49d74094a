-- The uploads the attachment checker accepted (voucher.Upload as JSON): a form may name a
-- file only by the reference of one of these, of the same organisation and slot.
CREATE TABLE uploads (
	id    TEXT PRIMARY KEY,
	owner TEXT NOT NULL,
	data  TEXT NOT NULL
);
