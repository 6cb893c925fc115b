-- Rewrites the whole orders table under an ACCESS EXCLUSIVE lock.
ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;
