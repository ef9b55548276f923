-- scheduler v4 down: back to output TEXT (logs longer than 64 KiB must be
-- trimmed first or strict mode rejects the change).

ALTER TABLE job_runs
    CHANGE COLUMN log_tail output TEXT NULL;
