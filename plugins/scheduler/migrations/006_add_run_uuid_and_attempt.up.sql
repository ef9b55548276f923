-- scheduler v6: runs get a public UUID (exposed by the API instead of the
-- numeric id) and an attempt number for retried runs.

ALTER TABLE job_runs
    ADD COLUMN run_uuid CHAR(36) NULL DEFAULT NULL AFTER id,
    ADD COLUMN attempt SMALLINT UNSIGNED NOT NULL DEFAULT 1 AFTER schedule_id;

-- Backfill existing runs, then make the column mandatory and unique.
UPDATE job_runs SET run_uuid = UUID() WHERE run_uuid IS NULL;

ALTER TABLE job_runs
    MODIFY COLUMN run_uuid CHAR(36) NOT NULL,
    ADD UNIQUE KEY uq_job_runs_run_uuid (run_uuid);
