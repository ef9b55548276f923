-- scheduler v7 down: re-add last_run_at at its old place (after next_run_at)
-- and recompute it from the recorded runs.

ALTER TABLE cron_schedules
    ADD COLUMN last_run_at DATETIME NULL DEFAULT NULL AFTER next_run_at;

UPDATE cron_schedules s
   SET s.last_run_at = (SELECT MAX(r.queued_at) FROM job_runs r WHERE r.schedule_id = s.id);
