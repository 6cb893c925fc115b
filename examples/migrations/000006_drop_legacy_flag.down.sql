-- Restores the column (empty) but forgets the index the up created.
ALTER TABLE users ADD COLUMN legacy_flag boolean;
