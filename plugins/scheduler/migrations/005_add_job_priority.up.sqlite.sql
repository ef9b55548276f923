-- scheduler v5 (SQLite): job priority, so that inventory sync is picked
-- before housekeeping when workers are busy. (priority is appended at the
-- end; MySQL puts it after job_type.)

ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 50;

CREATE INDEX idx_jobs_enabled_priority ON jobs (enabled, priority);

-- Backfill: user-visible sync jobs first, archive/compaction jobs last.
-- updated_at is kept as is: a schema backfill is not a user modification.
-- (MySQL writes updated_at = updated_at; here the trigger emulating ON UPDATE
-- CURRENT_TIMESTAMP is set aside for the backfill and re-created unchanged.)
DROP TRIGGER trg_jobs_updated_at_on_update;

UPDATE jobs SET priority = 80 WHERE job_type LIKE 'clouds.%';
UPDATE jobs SET priority = 20 WHERE job_type IN ('journal.archive', 'monitor.compact_history');

CREATE TRIGGER trg_jobs_updated_at_on_update AFTER UPDATE ON jobs
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at AND NEW.updated_at IS NOT CURRENT_TIMESTAMP
BEGIN
    UPDATE jobs SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
