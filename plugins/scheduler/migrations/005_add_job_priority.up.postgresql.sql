-- scheduler v5 (PostgreSQL): job priority, so that inventory sync is picked
-- before housekeeping when workers are busy. (priority is appended: no AFTER
-- clause in PostgreSQL; TINYINT UNSIGNED -> SMALLINT.)

ALTER TABLE jobs
    ADD COLUMN priority SMALLINT NOT NULL DEFAULT 50;

CREATE INDEX idx_jobs_enabled_priority ON jobs (enabled, priority);

-- Backfill: user-visible sync jobs first, archive/compaction jobs last.
-- (LIKE under MySQL's utf8mb4_unicode_ci ignores case: ILIKE here.)
-- updated_at is kept as is: a schema backfill is not a user modification
-- (MySQL: "updated_at = updated_at"; here the ON UPDATE trigger is switched
-- off around the UPDATEs).
ALTER TABLE jobs DISABLE TRIGGER trg_jobs_updated_at_on_update;

UPDATE jobs SET priority = 80 WHERE job_type ILIKE 'clouds.%';
UPDATE jobs SET priority = 20 WHERE job_type IN ('journal.archive', 'monitor.compact_history');

ALTER TABLE jobs ENABLE TRIGGER trg_jobs_updated_at_on_update;
