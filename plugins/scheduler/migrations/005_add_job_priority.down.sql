-- scheduler v5 down: drop the priority index and column.

ALTER TABLE jobs
    DROP KEY idx_jobs_enabled_priority,
    DROP COLUMN priority;
