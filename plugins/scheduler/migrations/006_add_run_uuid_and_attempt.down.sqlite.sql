-- scheduler v6 down (SQLite): drop the unique index and both columns. They
-- are the last two columns of job_runs, so plain DROP COLUMN gives back the
-- exact v5 definition (no rebuild needed on the way down).
--
-- The run UUIDs the up made are lost: the up makes new ones (the data walk's
-- declaration, README "The per-module CI kit").
-- aos:loses job_runs.run_uuid

DROP INDEX uq_job_runs_run_uuid;

ALTER TABLE job_runs DROP COLUMN attempt;
ALTER TABLE job_runs DROP COLUMN run_uuid;
