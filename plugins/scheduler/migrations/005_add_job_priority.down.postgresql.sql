-- scheduler v5 down (PostgreSQL): drop the priority index and column.

DROP INDEX idx_jobs_enabled_priority;

ALTER TABLE jobs
    DROP COLUMN priority;
