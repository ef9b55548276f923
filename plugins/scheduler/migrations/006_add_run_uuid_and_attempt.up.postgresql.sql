-- scheduler v6 (PostgreSQL): runs get a public UUID (exposed by the API
-- instead of the numeric id) and an attempt number for retried runs.
-- (Both columns are appended: no AFTER clause in PostgreSQL.)

ALTER TABLE job_runs
    ADD COLUMN run_uuid CHAR(36) NULL,
    ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;

-- Backfill existing runs, then make the column mandatory and unique.
-- MySQL's UUID() (version 1) -> gen_random_uuid() (version 4, built in since
-- PostgreSQL 13); both give the 36-character text form.
UPDATE job_runs SET run_uuid = gen_random_uuid()::text WHERE run_uuid IS NULL;

ALTER TABLE job_runs
    ALTER COLUMN run_uuid SET NOT NULL,
    ADD CONSTRAINT uq_job_runs_run_uuid UNIQUE (run_uuid);
