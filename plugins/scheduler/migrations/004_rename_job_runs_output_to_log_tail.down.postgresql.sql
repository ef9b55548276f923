-- scheduler v4 down (PostgreSQL): back to output (TEXT on both sides, so
-- nothing needs trimming here).

ALTER TABLE job_runs
    RENAME COLUMN log_tail TO output;
