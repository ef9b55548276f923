-- scheduler v6 down: drop the unique key and both columns.
--
-- The run UUIDs the up made are lost: the up makes new ones (the data walk's
-- declaration, README "The per-module CI kit").
-- aos:loses job_runs.run_uuid

ALTER TABLE job_runs
    DROP KEY uq_job_runs_run_uuid,
    DROP COLUMN attempt,
    DROP COLUMN run_uuid;
