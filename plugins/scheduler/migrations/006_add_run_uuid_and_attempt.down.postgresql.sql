-- scheduler v6 down (PostgreSQL): drop the unique key and both columns.

ALTER TABLE job_runs
    DROP CONSTRAINT uq_job_runs_run_uuid,
    DROP COLUMN attempt,
    DROP COLUMN run_uuid;
