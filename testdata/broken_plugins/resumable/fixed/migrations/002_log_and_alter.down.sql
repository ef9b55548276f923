ALTER TABLE resumable_fixme DROP COLUMN extra;
DROP TABLE resumable_log;
