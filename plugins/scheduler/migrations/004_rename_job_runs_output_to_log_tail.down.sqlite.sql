-- scheduler v4 down (SQLite): back to output (TEXT in both versions here, so
-- no trimming is needed).

ALTER TABLE job_runs RENAME COLUMN log_tail TO output;
