-- monitor v9 down (SQLite): drop the sync triggers and measurement_unit (not
-- indexed, so SQLite can drop it in place). The triggers kept unit equal to
-- it, so unit holds every value.

DROP TRIGGER trg_metrics_unit_sync_update_old;
DROP TRIGGER trg_metrics_unit_sync_update_new;
DROP TRIGGER trg_metrics_unit_sync_insert;

ALTER TABLE metrics DROP COLUMN measurement_unit;
