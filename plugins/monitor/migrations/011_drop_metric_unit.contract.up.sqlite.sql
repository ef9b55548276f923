-- monitor v11 (contract, SQLite): drop the sync triggers and the old column
-- metrics.unit (see 011_drop_metric_unit.contract.up.sql). unit is in no
-- index, constraint or remaining trigger, so SQLite drops it in place.

DROP TRIGGER trg_metrics_unit_sync_update_old;
DROP TRIGGER trg_metrics_unit_sync_update_new;
DROP TRIGGER trg_metrics_unit_sync_insert;

ALTER TABLE metrics DROP COLUMN unit;
