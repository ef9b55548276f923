-- scheduler v5 down (SQLite): drop the priority index and column (the index
-- first: SQLite cannot drop an indexed column).

DROP INDEX idx_jobs_enabled_priority;

ALTER TABLE jobs DROP COLUMN priority;
