-- monitor v3 down: put the threshold columns back on alarms at their
-- original position, copy the critical level back, drop alarm_thresholds.
-- Warning levels have no place in the old schema and are lost.

ALTER TABLE alarms
    ADD COLUMN comparison_operator ENUM('gt','ge','lt','le','eq','ne') NOT NULL AFTER severity,
    ADD COLUMN threshold DOUBLE NOT NULL AFTER comparison_operator,
    ADD COLUMN evaluation_periods SMALLINT UNSIGNED NOT NULL DEFAULT 1 AFTER threshold;

UPDATE alarms a
  JOIN alarm_thresholds t ON t.alarm_id = a.id AND t.level = 'critical'
   SET a.comparison_operator = t.comparison_operator,
       a.threshold = t.threshold_value,
       a.evaluation_periods = t.evaluation_periods,
       a.updated_at = a.updated_at;

DROP TABLE alarm_thresholds;
