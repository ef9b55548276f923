ALTER TABLE events DROP COLUMN obsolete;
