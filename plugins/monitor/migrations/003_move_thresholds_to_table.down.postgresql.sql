-- monitor v3 down (PostgreSQL): put the threshold columns back on alarms at
-- their original position, copy the critical level back, drop
-- alarm_thresholds. Warning levels have no place in the old schema and are
-- lost.
--
-- PostgreSQL can only append a column. To give alarms exactly its v2 column
-- order back, the columns that followed the threshold columns (enabled,
-- state_changed_at, created_at, updated_at) are moved behind them: copies are
-- added and filled, the originals dropped, the copies renamed and their
-- defaults / NOT NULL put back.
--
-- MySQL adds the NOT NULL columns without a default, so alarms without a
-- critical threshold get the implicit defaults: the first ENUM member ('gt')
-- and 0. PostgreSQL cannot add a NOT NULL column without a default to a
-- non-empty table: the columns are added nullable, filled with the same
-- values, then made NOT NULL (and keep no default, as in v2).
--
-- The MySQL script keeps updated_at with "updated_at = updated_at"; here the
-- trigger standing for ON UPDATE CURRENT_TIMESTAMP is switched off around the
-- UPDATEs instead.

ALTER TABLE alarms DISABLE TRIGGER trg_alarms_updated_at_on_update;

ALTER TABLE alarms
    ADD COLUMN comparison_operator VARCHAR(2),
    ADD COLUMN threshold           DOUBLE PRECISION,
    ADD COLUMN evaluation_periods  INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN enabled_v2          BOOLEAN,
    ADD COLUMN state_changed_at_v2 TIMESTAMP(6),
    ADD COLUMN created_at_v2       TIMESTAMP(0),
    ADD COLUMN updated_at_v2       TIMESTAMP(0);

UPDATE alarms
   SET comparison_operator = 'gt',
       threshold = 0,
       enabled_v2 = enabled,
       state_changed_at_v2 = state_changed_at,
       created_at_v2 = created_at,
       updated_at_v2 = updated_at;

UPDATE alarms a
   SET comparison_operator = t.comparison_operator,
       threshold = t.threshold_value,
       evaluation_periods = t.evaluation_periods
  FROM alarm_thresholds t
 WHERE t.alarm_id = a.id AND t.level = 'critical';

ALTER TABLE alarms
    DROP COLUMN enabled,
    DROP COLUMN state_changed_at,
    DROP COLUMN created_at,
    DROP COLUMN updated_at;

ALTER TABLE alarms RENAME COLUMN enabled_v2 TO enabled;
ALTER TABLE alarms RENAME COLUMN state_changed_at_v2 TO state_changed_at;
ALTER TABLE alarms RENAME COLUMN created_at_v2 TO created_at;
ALTER TABLE alarms RENAME COLUMN updated_at_v2 TO updated_at;

ALTER TABLE alarms
    ALTER COLUMN comparison_operator SET NOT NULL,
    ALTER COLUMN threshold SET NOT NULL,
    ALTER COLUMN enabled SET DEFAULT TRUE,
    ALTER COLUMN enabled SET NOT NULL,
    ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN created_at SET NOT NULL,
    ALTER COLUMN updated_at SET DEFAULT CURRENT_TIMESTAMP,
    ALTER COLUMN updated_at SET NOT NULL,
    ADD CONSTRAINT chk_alarms_comparison_operator
        CHECK (comparison_operator IN ('gt','ge','lt','le','eq','ne'));

ALTER TABLE alarms ENABLE TRIGGER trg_alarms_updated_at_on_update;

DROP TABLE alarm_thresholds;
