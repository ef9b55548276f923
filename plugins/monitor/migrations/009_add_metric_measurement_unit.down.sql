-- monitor v9 down: drop the sync triggers and measurement_unit. The triggers
-- kept unit equal to it, so unit holds every value (v10's down copies back
-- anything missing as well).

DROP TRIGGER trg_metrics_unit_sync_update;
DROP TRIGGER trg_metrics_unit_sync_insert;

ALTER TABLE metrics
    DROP COLUMN measurement_unit;
