-- Risky: a NOT NULL column without a default on a table that already has rows,
-- and an index built without CONCURRENTLY (blocks writes while it builds).
ALTER TABLE users ADD COLUMN status text NOT NULL;

CREATE INDEX users_status_idx ON users (status);
