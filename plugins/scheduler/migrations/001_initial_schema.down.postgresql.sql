-- scheduler v1 down (PostgreSQL): drop the initial tables in
-- foreign-key-safe order, then the ON UPDATE trigger function of jobs
-- (DROP TABLE leaves functions behind).

DROP TABLE job_runs;
DROP TABLE cron_schedules;
DROP TABLE jobs;
DROP FUNCTION trg_jobs_updated_at_on_update();
