-- scheduler v7 down (PostgreSQL): re-add last_run_at at its old place (after
-- next_run_at) and recompute it from the recorded runs.
--
-- PostgreSQL can only append a column. To give cron_schedules exactly its v6
-- column order back, created_at (the column that followed last_run_at) is
-- moved behind it: a copy is added and filled, the original dropped, the copy
-- renamed and its default / NOT NULL put back.

ALTER TABLE cron_schedules
    ADD COLUMN last_run_at TIMESTAMP(0) NULL,
    ADD COLUMN created_at_v6 TIMESTAMP(0);

UPDATE cron_schedules SET created_at_v6 = created_at;

ALTER TABLE cron_schedules
    DROP COLUMN created_at;

ALTER TABLE cron_schedules RENAME COLUMN created_at_v6 TO created_at;

ALTER TABLE cron_schedules
    ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN created_at SET NOT NULL;

-- queued_at has microseconds; MariaDB truncates them when storing into a
-- DATETIME, while PostgreSQL would round: truncate explicitly.
UPDATE cron_schedules s
   SET last_run_at = (SELECT date_trunc('second', MAX(r.queued_at))
                        FROM job_runs r WHERE r.schedule_id = s.id);
