-- scheduler v7 (PostgreSQL): cron_schedules.last_run_at duplicated
-- MAX(job_runs.queued_at) and drifted when runs were retried by hand; drop it.

ALTER TABLE cron_schedules
    DROP COLUMN last_run_at;
