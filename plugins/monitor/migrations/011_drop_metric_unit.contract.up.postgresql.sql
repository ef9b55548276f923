-- monitor v11 (contract, PostgreSQL): drop the sync trigger, its function and
-- the old column metrics.unit (see 011_drop_metric_unit.contract.up.sql).

DROP TRIGGER trg_metrics_unit_sync ON metrics;
DROP FUNCTION trg_metrics_unit_sync();

ALTER TABLE metrics
    DROP COLUMN unit;
