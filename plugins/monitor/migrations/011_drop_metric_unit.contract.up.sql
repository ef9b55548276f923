-- monitor v11 (contract, rolling upgrade): every controller runs the release
-- that reads and writes measurement_unit, so the sync triggers and the old
-- column metrics.unit go. Run only by a plain run or --contract, once no
-- controller of the previous release is left.

DROP TRIGGER trg_metrics_unit_sync_update;
DROP TRIGGER trg_metrics_unit_sync_insert;

ALTER TABLE metrics
    DROP COLUMN unit;
