-- monitor v9 down (PostgreSQL): drop the sync trigger, its function and
-- measurement_unit. The trigger kept unit equal to it, so unit holds every
-- value.

DROP TRIGGER trg_metrics_unit_sync ON metrics;
DROP FUNCTION trg_metrics_unit_sync();

ALTER TABLE metrics
    DROP COLUMN measurement_unit;
