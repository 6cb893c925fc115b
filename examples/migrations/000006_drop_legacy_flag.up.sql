-- The values of legacy_flag are gone for good once this runs.
ALTER TABLE users DROP COLUMN legacy_flag;

CREATE INDEX CONCURRENTLY IF NOT EXISTS users_created_at_idx ON users (created_at);
