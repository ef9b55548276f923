-- scheduler v5: job priority, so that inventory sync is picked before
-- housekeeping when workers are busy.

ALTER TABLE jobs
    ADD COLUMN priority TINYINT UNSIGNED NOT NULL DEFAULT 50 AFTER job_type,
    ADD KEY idx_jobs_enabled_priority (enabled, priority);

-- Backfill: user-visible sync jobs first, archive/compaction jobs last.
-- updated_at is kept as is: a schema backfill is not a user modification.
UPDATE jobs SET priority = 80, updated_at = updated_at WHERE job_type LIKE 'clouds.%';
UPDATE jobs SET priority = 20, updated_at = updated_at WHERE job_type IN ('journal.archive', 'monitor.compact_history');
