-- scheduler v7 down (SQLite): re-add last_run_at (it is the last column of
-- cron_schedules since v1, so ADD COLUMN restores the exact definition) and
-- recompute it from the recorded runs.

ALTER TABLE cron_schedules ADD COLUMN last_run_at TEXT;

UPDATE cron_schedules
   SET last_run_at = (SELECT MAX(r.queued_at) FROM job_runs r WHERE r.schedule_id = cron_schedules.id);
