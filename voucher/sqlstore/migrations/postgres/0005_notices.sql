-- The outbox of notices (voucher.Notice as JSON), written in the transaction of the change
-- that causes them and marked by the delivery worker; next_try (Unix microseconds) orders
-- the queue of pending ones.
CREATE TABLE notices (
	id       TEXT PRIMARY KEY,
	subject  TEXT NOT NULL,
	state    TEXT NOT NULL,
	next_try BIGINT NOT NULL,
	data     TEXT NOT NULL
);
CREATE INDEX notices_subject ON notices (subject);
CREATE INDEX notices_ready ON notices (state, next_try);
-- The site inboxes (voucher.Message as JSON): one row per delivered notice, its ID the
-- notice's, so a notice delivered twice shows once. read_at is 0 while unread.
CREATE TABLE messages (
	id        TEXT PRIMARY KEY,
	recipient TEXT NOT NULL,
	at        BIGINT NOT NULL,
	read_at   BIGINT NOT NULL DEFAULT 0,
	data      TEXT NOT NULL
);
CREATE INDEX messages_inbox ON messages (recipient, at);
